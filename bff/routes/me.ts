import { Hono } from 'hono';
import { challengeRefSchema, emailChangeStartedSchema, pinChallengeSchema, pinVerifySchema, profileSchema, profileUpdateSchema } from '../../contract/portal.js';
import { completeMobileChange, resendPin, startEmailChange, startMobileChange } from '../domain/portal.js';
import { profileOf } from '../domain/sessions.js';
import { auth, forComponent } from '../lib/auth.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { doc } from '../lib/openapi.js';
import { byCredential, rateLimit } from '../lib/rate-limit.js';
import { requireJson, validate } from '../lib/validate.js';

const tags = ['profile'];

/** The logged-in user's profile ("Benutzerverwaltung"): see it; change e-mail (by link) or mobile (by PIN). */
export const meRoutes = new Hono<AppEnv>()
  .use(auth('session'), forComponent('tk-profile'))
  .get(
    '/',
    doc({ summary: 'The logged-in user: name, username, e-mail, mobile (masked), role, account', tags, auth: ['session'], success: { status: 200, description: 'Profile', schema: profileSchema } }),
    async (c) => c.json(await profileOf(c.get('deps').db, c.get('caller').user!), 200),
  )
  .patch(
    '/',
    doc({
      summary: 'Change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new one)',
      tags,
      auth: ['session'],
      success: { status: 202, description: 'Verification started: `verification_sent` for e-mail, a PIN challenge for mobile', schema: emailChangeStartedSchema.or(pinChallengeSchema) },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'me.change', limit: 10, windowSeconds: 3600 }, byCredential),
    requireJson,
    validate('json', profileUpdateSchema),
    async (c) => {
      const { db, env } = c.get('deps');
      const { tenant, user } = c.get('caller');
      const change = c.req.valid('json');
      const common = { tenant, user: user!, ...flowContext(c) };
      if (change.email) {
        await db.transaction((tx) => startEmailChange(tx, { ...common, email: change.email!, publicUrl: env.publicUrl }));
        return c.json({ status: 'verification_sent' as const, email: change.email }, 202);
      }
      const challenge = await db.transaction((tx) => startMobileChange(tx, { ...common, mobile: change.mobile! }));
      return c.json(challenge, 202);
    },
  )
  .post(
    '/mobile/verify',
    doc({
      summary: 'Confirm a new mobile number with the PIN sent to it',
      tags,
      auth: ['session'],
      success: { status: 200, description: 'The new number holds', schema: profileSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    requireJson,
    validate('json', pinVerifySchema),
    async (c) => {
      const { db } = c.get('deps');
      const { challengeId, pin } = c.req.valid('json');
      const result = await db.transaction((tx) =>
        completeMobileChange(tx, { user: c.get('caller').user!, challengeId, pin, ...flowContext(c) }),
      );
      if (!result.ok) throw result.error;
      return c.json(await profileOf(db, result.user), 200);
    },
  )
  .post(
    '/mobile/resend',
    doc({
      summary: 'Send a new PIN to the new mobile number; the previous one stops working',
      tags,
      auth: ['session'],
      success: { status: 202, description: 'A new PIN is on its way; use the new challenge id', schema: pinChallengeSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    requireJson,
    validate('json', challengeRefSchema),
    async (c) => {
      const { db } = c.get('deps');
      const { user } = c.get('caller');
      const challenge = await db.transaction((tx) =>
        resendPin(tx, { challengeId: c.req.valid('json').challengeId, purposes: ['mobile_change'], tenantId: user!.tenantId, userId: user!.id, ...flowContext(c) }),
      );
      return c.json(challenge, 202);
    },
  );
