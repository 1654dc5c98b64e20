import { Hono } from 'hono';
import type { SessionComponent } from '../../contract/enums.js';
import { challengeRefSchema, loginSchema, pinChallengeSchema, pinVerifySchema, sessionIssuedSchema } from '../../contract/portal.js';
import { completeLogin, resendPin, startLogin } from '../domain/portal.js';
import { profileOf, revokeSession } from '../domain/sessions.js';
import { auth } from '../lib/auth.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { doc } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { requireJson, validate } from '../lib/validate.js';

const tags = ['sessions'];

/** Login with username, password and SMS PIN; the current session; logout. */
export const sessionRoutes = new Hono<AppEnv>()
  .post(
    '/',
    doc({
      summary: 'Log in, step 1: username and password; sends an SMS PIN to the user\'s mobile',
      tags,
      auth: ['publishable'],
      success: { status: 202, description: 'The PIN is on its way; verify it at /v1/sessions/verify', schema: pinChallengeSchema },
      problems: [400, 415, 422],
    }),
    auth('publishable'),
    rateLimit({ name: 'sessions.login', limit: 30, windowSeconds: 600 }, byIp),
    requireJson,
    validate('json', loginSchema),
    async (c) => {
      const { db } = c.get('deps');
      const { username, password } = c.req.valid('json');
      const challenge = await startLogin(db, { tenant: c.get('caller').tenant, username, password, ...flowContext(c) });
      return c.json(challenge, 202);
    },
  )
  .post(
    '/verify',
    doc({
      summary: 'Log in, step 2: the SMS PIN; opens a session (one hour, extended by use)',
      tags,
      auth: ['publishable'],
      success: { status: 201, description: 'The session token: the only response that shows it', schema: sessionIssuedSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    auth('publishable'),
    rateLimit({ name: 'pins.verify', limit: 30, windowSeconds: 600 }, byIp),
    requireJson,
    validate('json', pinVerifySchema),
    async (c) => {
      const { db } = c.get('deps');
      const { challengeId, pin } = c.req.valid('json');
      const result = await db.transaction((tx) =>
        completeLogin(tx, { tenantId: c.get('caller').tenant.id, challengeId, pin, ...flowContext(c) }),
      );
      if (!result.ok) throw result.error;
      return c.json({ token: result.session.token, expiresAt: result.session.expiresAt.toISOString(), components: null as SessionComponent[] | null, user: result.user }, 201);
    },
  )
  .post(
    '/resend',
    doc({
      summary: 'Send a new login PIN; the previous one stops working (at most 5 sends in 10 minutes)',
      tags,
      auth: ['publishable'],
      success: { status: 202, description: 'A new PIN is on its way; use the new challenge id', schema: pinChallengeSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    auth('publishable'),
    rateLimit({ name: 'pins.send', limit: 20, windowSeconds: 600 }, byIp),
    requireJson,
    validate('json', challengeRefSchema),
    async (c) => {
      const { db } = c.get('deps');
      const { challengeId } = c.req.valid('json');
      const challenge = await db.transaction((tx) =>
        resendPin(tx, { challengeId, purposes: ['login'], tenantId: c.get('caller').tenant.id, ...flowContext(c) }),
      );
      return c.json(challenge, 202);
    },
  )
  .get(
    '/current',
    doc({
      summary: 'The current session: when it expires, which components it may use, and who is logged in',
      tags,
      auth: ['session'],
      success: {
        status: 200,
        description: 'The session, without its token',
        schema: sessionIssuedSchema.omit({ token: true }),
      },
    }),
    auth('session'),
    async (c) => {
      const { session, user } = c.get('caller');
      return c.json({ expiresAt: session!.expiresAt.toISOString(), components: session!.components as SessionComponent[] | null, user: await profileOf(c.get('deps').db, user!) }, 200);
    },
  )
  .delete(
    '/current',
    doc({ summary: 'Log out: the session token stops working at once', tags, auth: ['session'], success: { status: 204, description: 'Logged out' } }),
    auth('session'),
    async (c) => {
      const { db, clock } = c.get('deps');
      await revokeSession(db, c.get('caller').session!.id, clock.now());
      return c.body(null, 204);
    },
  );
