import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  factorAddedSchema,
  factorsSchema,
  passkeyRegisterSchema,
  recoveryCodesSchema,
  totpConfirmSchema,
  totpEnrolmentSchema,
  webauthnCeremonySchema,
} from '../../contract/factors.js';
import { addPasskey, confirmTotp, factorSummary, issueCodes, removeFactor, setSmsLogin, startTotp } from '../domain/factor-changes.js';
import { passkeyRegistrationOptions } from '../domain/passkeys.js';
import { refuseWhileActing } from '../domain/locations.js';
import { requireStepUp } from '../domain/profile.js';
import { type AppEnv, flowContext, passkeyContext } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { endpoint } from '../lib/openapi.js';
import { byCredential, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['factors'];
const access = { auth: ['session' as const], component: 'tk-profile' as const };
const passkeyIdSchema = z.object({ id: z.uuid() });

/**
 * What a change works with, its checks done: only in a session of the user's own login — not while acting
 * for a location, not in an embed session (a partner's login must not become a way to add a passkey, which
 * then signs in alone) — and, where `stepUp`, with the password confirmed within the last 5 minutes.
 */
function changeContext(c: Context<AppEnv>, o: { stepUp: boolean }) {
  const { session, user } = c.get('caller');
  refuseWhileActing(session);
  if (session?.source !== 'login') throw new ApiError(403, 'forbidden');
  const ctx = { ...passkeyContext(c), ...flowContext(c), sessionId: session.id, user: user! };
  if (o.stepUp) requireStepUp(session, ctx.now);
  return ctx;
}

/**
 * The logged-in user's second factors (profile): see them; add a passkey or an authenticator app, remove
 * one (never the last), new recovery codes. Every change needs a step-up (the password again, within 5
 * minutes), is refused while acting on a location, is audited and told by e-mail (and SMS).
 */
export const factorRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: 'Your sign-in factors: passkeys, authenticator app, SMS (masked number), recovery codes left; and whether passkeys work on this website',
      tags,
      ...access,
      success: { status: 200, description: 'Factors', schema: factorsSchema },
    }),
    async (c) => {
      const { session, user } = c.get('caller');
      refuseWhileActing(session);
      return c.json(await factorSummary(c.get('deps').db, { ...passkeyContext(c), user: user! }), 200);
    },
  )
  .post(
    '/passkeys/options',
    endpoint({
      summary: 'Add a passkey, step 1: the options for `navigator.credentials.create` (needs a step-up)',
      tags,
      ...access,
      success: { status: 200, description: 'The ceremony to run in the browser', schema: webauthnCeremonySchema },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      return c.json(await c.get('deps').db.transaction((tx) => passkeyRegistrationOptions(tx, { ...ctx, purpose: 'register' })), 200);
    },
  )
  .post(
    '/passkeys',
    endpoint({
      summary: 'Add a passkey, step 2: the browser\'s answer (and a name); the first factor besides SMS also gives 10 recovery codes, shown only here',
      tags,
      ...access,
      success: { status: 201, description: 'The passkey holds', schema: factorAddedSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    validate('json', passkeyRegisterSchema),
    async (c) => {
      // No step-up again: the challenge answered was issued under one, and lives 5 minutes.
      const ctx = changeContext(c, { stepUp: false });
      return c.json(await addPasskey(c.get('deps').db, { ...ctx, ...c.req.valid('json') }), 201);
    },
  )
  .delete(
    '/passkeys/:id',
    endpoint({
      summary: 'Remove a passkey (needs a step-up; not the last factor: 409 `last_factor`)',
      tags,
      ...access,
      success: { status: 204, description: 'Removed' },
      problems: [404, 409],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    validate('param', passkeyIdSchema),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      await removeFactor(c.get('deps').db, { ...ctx, kind: 'passkey', id: c.req.valid('param').id });
      return c.body(null, 204);
    },
  )
  .post(
    '/totp',
    endpoint({
      summary: 'Add an authenticator app, step 1: a new secret as QR code (SVG data URL) and as text (needs a step-up; 409 `totp_exists` when one is set up)',
      tags,
      ...access,
      success: { status: 201, description: 'Scan or type it, then confirm with the first code', schema: totpEnrolmentSchema },
      problems: [409],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      return c.json(await startTotp(c.get('deps').db, ctx), 201);
    },
  )
  .post(
    '/totp/confirm',
    endpoint({
      summary: 'Add an authenticator app, step 2: its first code (±30 s; 5 wrong codes or 15 minutes end the enrolment: 409 `totp_not_started`); the first factor besides SMS also gives 10 recovery codes',
      tags,
      ...access,
      success: { status: 200, description: 'The app holds', schema: factorAddedSchema },
      problems: [400, 409, 415, 422],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    validate('json', totpConfirmSchema),
    async (c) => {
      // No step-up again: the enrolment was started under one and lives 15 minutes (installing an app takes a while).
      const ctx = changeContext(c, { stepUp: false });
      return c.json(await confirmTotp(c.get('deps').db, { ...ctx, code: c.req.valid('json').code }), 200);
    },
  )
  .delete(
    '/totp',
    endpoint({
      summary: 'Remove the authenticator app (needs a step-up; not the last factor: 409 `last_factor`)',
      tags,
      ...access,
      success: { status: 204, description: 'Removed' },
      problems: [404, 409],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      await removeFactor(c.get('deps').db, { ...ctx, kind: 'totp' });
      return c.body(null, 204);
    },
  )
  .delete(
    '/sms',
    endpoint({
      summary:
        'SMS sign-in off (needs a step-up; not the last factor: 409 `last_factor`; with passkeys alone only while unused recovery codes remain: 409 `recovery_codes_needed`; 404 without a mobile number): only a passkey or the app (or a recovery code) signs in and resets the password, open SMS steps end; the number stays for notices',
      tags,
      ...access,
      success: { status: 200, description: 'SMS no longer signs in (also when it was off already)', schema: factorsSchema },
      problems: [404, 409],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      return c.json(await setSmsLogin(c.get('deps').db, { ...ctx, on: false }), 200);
    },
  )
  .post(
    '/sms',
    endpoint({
      summary: 'SMS sign-in on again, with the mobile number on record (needs a step-up; 404 without a number)',
      tags,
      ...access,
      success: { status: 200, description: 'SMS signs in again (also when it was on already)', schema: factorsSchema },
      problems: [404],
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      return c.json(await setSmsLogin(c.get('deps').db, { ...ctx, on: true }), 200);
    },
  )
  .post(
    '/recovery-codes',
    endpoint({
      summary: 'New recovery codes (needs a step-up): 10 codes, shown only here; every earlier code stops working',
      tags,
      ...access,
      success: { status: 201, description: 'The new codes', schema: recoveryCodesSchema },
    }),
    rateLimit({ name: 'factors.change', limit: 30, windowSeconds: 3600 }, byCredential),
    async (c) => {
      const ctx = changeContext(c, { stepUp: true });
      return c.json({ recoveryCodes: await issueCodes(c.get('deps').db, ctx) }, 201);
    },
  );
