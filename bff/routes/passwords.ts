import { Hono } from 'hono';
import {
  loginVerifySchema,
  passwordSetupStepSchema,
  passwordSetWithFactorSchema,
  setupChallengeSchema,
  setupTotpConfirmSchema,
  totpEnrolmentSchema,
  webauthnAnswerSchema,
  webauthnCeremonySchema,
} from '../../contract/factors.js';
import { acceptedSchema, passwordResetSchema, passwordSetResultSchema, passwordSetupSchema } from '../../contract/portal.js';
import { completePasswordSetup, completeSetupWithPasskey, completeSetupWithTotp, requestPasswordReset, setupPasskeyOptions, setupTotpStart, startPasswordSetup } from '../domain/password-setup.js';
import { callerTenantId } from '../lib/auth.js';
import { type AppEnv, flowContext, pageOrigin } from '../lib/context.js';
import { sha256 } from '../lib/crypto.js';
import { endpoint } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';
import { pinStepRoutes } from './pin-steps.js';

const tags = ['passwords'];
/** Every reset answer takes at least this long, so its timing does not tell whether the account exists. */
export const RESET_ANSWER_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Setting a password from an activation or reset link, confirmed by SMS PIN. The link token (and then
 * the challenge) authenticate; a publishable key is optional, so the BFF's own page can host the widget.
 */
export const passwordSetupRoutes = new Hono<AppEnv>()
  .post(
    '/',
    endpoint({
      summary: "Set a password, step 1: link token and new password (12–128 characters, not a common one); with a mobile number (and SMS sign-in on) an SMS PIN goes out (`factor: 'sms'`); otherwise the account's app or a recovery code answers (`totp`, `recovery`), or, at a first password without any factor, the person adds a passkey or an authenticator app next (`factor: 'enrol'`)",
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      success: { status: 202, description: 'The second step', schema: passwordSetupStepSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'password-setup.start', limit: 20, windowSeconds: 600 }, byIp),
    validate('json', passwordSetupSchema),
    async (c) => {
      const { db } = c.get('deps');
      const { token, password } = c.req.valid('json');
      const challenge = await db.transaction((tx) => startPasswordSetup(tx, { token, password, tenantId: callerTenantId(c), ...flowContext(c) }));
      return c.json(challenge, 202);
    },
  )
  .route(
    '/',
    pinStepRoutes({
      purpose: 'password_setup',
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      step: 'Set a password, step 2 (the password holds, other sessions end, an e-mail tells the user)',
      code: { schema: loginVerifySchema, what: "the step's code: the SMS PIN (6 digits), or without a mobile number the authenticator app's code or a recovery code (`XXXX-XXXX-XXXX`, each once); at most 5 wrong entries" },
      verified: { status: 200, description: 'Password set; log in with it', schema: passwordSetResultSchema },
      complete: (tx, challenge, c) => completePasswordSetup(tx, challenge, flowContext(c)),
    }),
  )
  .post(
    '/passkey/options',
    endpoint({
      summary: "Set a password without SMS, step 2 with a passkey: the options for `navigator.credentials.create` (the step's challenge id from step 1)",
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      success: { status: 200, description: 'The ceremony to run in the browser', schema: webauthnCeremonySchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'pins.verify', limit: 30, windowSeconds: 600 }, byIp),
    validate('json', setupChallengeSchema),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => setupPasskeyOptions(tx, { ...pageOrigin(c), ...flowContext(c), tenantId: callerTenantId(c), ...body })), 200); // no caller on the BFF's own page: the tenant comes from the step
    },
  )
  .post(
    '/passkey',
    endpoint({
      summary: 'Set a password without SMS, step 3 with a passkey: the browser\'s answer; the password and the passkey hold, and 10 recovery codes are shown (only here)',
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      success: { status: 200, description: 'Password set; log in with it and the passkey', schema: passwordSetWithFactorSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'pins.verify', limit: 30, windowSeconds: 600 }, byIp),
    validate('json', webauthnAnswerSchema),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await completeSetupWithPasskey(c.get('deps').db, { ...pageOrigin(c), ...flowContext(c), tenantId: callerTenantId(c), ...body }), 200);
    },
  )
  .post(
    '/totp',
    endpoint({
      summary: "Set a password without SMS, step 2 with an authenticator app: a new secret as QR code and as text (the step's challenge id from step 1)",
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      success: { status: 201, description: 'Scan or type it, then confirm with the first code', schema: totpEnrolmentSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'pins.verify', limit: 30, windowSeconds: 600 }, byIp),
    validate('json', setupChallengeSchema),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => setupTotpStart(tx, { ...flowContext(c), tenantId: callerTenantId(c), ...body })), 201);
    },
  )
  .post(
    '/totp/confirm',
    endpoint({
      summary: 'Set a password without SMS, step 3 with an authenticator app: its first code (5 wrong codes lock the step, like PINs); the password and the app hold, and 10 recovery codes are shown (only here)',
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      success: { status: 200, description: 'Password set; log in with it and the app', schema: passwordSetWithFactorSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'pins.verify', limit: 30, windowSeconds: 600 }, byIp),
    validate('json', setupTotpConfirmSchema),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await completeSetupWithTotp(c.get('deps').db, { ...flowContext(c), tenantId: callerTenantId(c), ...body }), 200);
    },
  );

/** "Forgot password": the same answer, after the same time, whether or not the account exists. */
export const passwordResetRoutes = new Hono<AppEnv>().post(
  '/',
  endpoint({
    summary: 'Ask for a password reset link by username or e-mail address (same answer whether or not it exists)',
    tags,
    auth: ['publishable'],
    success: { status: 202, description: 'If the account exists, a link is on its way', schema: acceptedSchema },
    problems: [400, 415, 422],
  }),
  rateLimit({ name: 'password-resets.ip', limit: 10, windowSeconds: 3600 }, byIp),
  validate('json', passwordResetSchema),
  // Per name asked for, whether or not it exists: the limit itself tells nothing.
  async (c, next) => rateLimit({ name: 'password-resets.login', limit: 5, windowSeconds: 3600 }, () => `login:${sha256(c.req.valid('json').login.toLowerCase())}`)(c, next),
  async (c) => {
    const started = performance.now();
    const { db, clock, env } = c.get('deps');
    const { login } = c.req.valid('json');
    await db.transaction((tx) => requestPasswordReset(tx, { tenant: c.get('caller').tenant, login, now: clock.now(), publicUrl: env.publicUrl, locale: c.get('locale') }));
    await sleep(RESET_ANSWER_MS - (performance.now() - started));
    return c.json({ status: 'accepted' as const }, 202);
  },
);
