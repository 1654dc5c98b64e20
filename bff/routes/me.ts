import { Hono } from 'hono';
import {
  emailChangeStartedSchema,
  passwordChangedSchema,
  passwordChangeSchema,
  pinChallengeSchema,
  profileSchema,
  profileUpdateSchema,
  steppedUpSchema,
  stepUpSchema,
} from '../../contract/portal.js';
import { changePassword, completeMobileChange, requireStepUp, startEmailChange, startMobileChange, stepUp } from '../domain/profile.js';
import { currentProfile, refuseWhileActing } from '../domain/locations.js';
import { profileOf } from '../domain/sessions.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byCredential, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';
import { pinStepRoutes } from './pin-steps.js';

const tags = ['profile'];
const access = { auth: ['session' as const], component: 'tk-profile' as const };

/**
 * The logged-in user's profile: see it; change the e-mail address (by link) or mobile number (by PIN)
 * after a step-up (the password again, within 5 minutes); change the password.
 */
export const meRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: "The logged-in user: name, username, e-mail, mobile (masked), role, account; acting on a location, that account's (read-only) with `acting`",
      tags,
      ...access,
      success: { status: 200, description: 'Profile', schema: profileSchema },
    }),
    async (c) => c.json(await currentProfile(c.get('deps').db, c.get('caller')), 200),
  )
  .post(
    '/step-up',
    endpoint({
      summary: 'Confirm the current password: for 5 minutes this session may change the e-mail address and mobile number. A wrong password counts as a failed login',
      tags,
      ...access,
      success: { status: 200, description: 'Stepped up until the time given', schema: steppedUpSchema },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'me.step-up', limit: 20, windowSeconds: 3600 }, byCredential),
    validate('json', stepUpSchema),
    async (c) => {
      const { tenant, user, session } = c.get('caller');
      refuseWhileActing(session);
      const { now, ip, secret } = flowContext(c);
      return c.json(await stepUp(c.get('deps').db, { tenant, user: user!, session: session!, password: c.req.valid('json').password, now, secret, ip }), 200);
    },
  )
  .post(
    '/password',
    endpoint({
      summary: 'Change the password: the current one and a new one (12–128 characters, not a common one); other sessions end, an e-mail tells the user',
      tags,
      ...access,
      success: { status: 200, description: 'The new password holds', schema: passwordChangedSchema },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'me.password', limit: 20, windowSeconds: 3600 }, byCredential),
    validate('json', passwordChangeSchema),
    async (c) => {
      const { tenant, user, session } = c.get('caller');
      refuseWhileActing(session);
      const body = c.req.valid('json');
      const result = await changePassword(c.get('deps').db, { tenant, user: user!, session: session!, ...body, ...flowContext(c) });
      return c.json(result, 200);
    },
  )
  .patch(
    '/',
    endpoint({
      summary: 'Change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new one); needs a step-up within the last 5 minutes',
      tags,
      ...access,
      success: { status: 202, description: 'Verification started: `verification_sent` for e-mail, a PIN challenge for mobile', schema: emailChangeStartedSchema.or(pinChallengeSchema) },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'me.change', limit: 10, windowSeconds: 3600 }, byCredential),
    validate('json', profileUpdateSchema),
    async (c) => {
      const { db, env } = c.get('deps');
      const { tenant, user, session } = c.get('caller');
      refuseWhileActing(session);
      const change = c.req.valid('json');
      const common = { tenant, user: user!, ...flowContext(c) };
      requireStepUp(session!, common.now);
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
      before: (c) => refuseWhileActing(c.get('caller').session),
      verified: { status: 200, description: 'The new number holds', schema: profileSchema },
      complete: async (tx, challenge, c) => profileOf(tx, await completeMobileChange(tx, challenge, flowContext(c))),
    }),
  );
