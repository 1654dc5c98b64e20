import { Hono } from 'hono';
import { emailChangeStartedSchema, pinChallengeSchema, profileSchema, profileUpdateSchema } from '../../contract/portal.js';
import { completeMobileChange, startEmailChange, startMobileChange } from '../domain/profile.js';
import { profileOf } from '../domain/sessions.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byCredential, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';
import { pinStepRoutes } from './pin-steps.js';

const tags = ['profile'];
const access = { auth: ['session' as const], component: 'tk-profile' as const };

/** The logged-in user's profile: see it; change e-mail (by link) or mobile (by PIN). */
export const meRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({ summary: 'The logged-in user: name, username, e-mail, mobile (masked), role, account', tags, ...access, success: { status: 200, description: 'Profile', schema: profileSchema } }),
    async (c) => c.json(await profileOf(c.get('deps').db, c.get('caller').user!), 200),
  )
  .patch(
    '/',
    endpoint({
      summary: 'Change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new one)',
      tags,
      ...access,
      success: { status: 202, description: 'Verification started: `verification_sent` for e-mail, a PIN challenge for mobile', schema: emailChangeStartedSchema.or(pinChallengeSchema) },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'me.change', limit: 10, windowSeconds: 3600 }, byCredential),
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
  .route(
    '/mobile',
    pinStepRoutes({
      purpose: 'mobile_change',
      tags,
      ...access,
      step: 'Confirm a new mobile number with the PIN sent to it',
      verified: { status: 200, description: 'The new number holds', schema: profileSchema },
      complete: async (tx, challenge, c) => profileOf(tx, await completeMobileChange(tx, challenge, flowContext(c))),
    }),
  );
