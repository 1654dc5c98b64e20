import { Hono } from 'hono';
import type { SessionComponent } from '../../contract/enums.js';
import { factorSwitchSchema, loginStepSchema, loginVerifySchema } from '../../contract/factors.js';
import { loginSchema, profileSchema, sessionIssuedSchema } from '../../contract/portal.js';
import { userActor, audit } from '../domain/audit.js';
import { completeLogin, startLogin, switchFactor } from '../domain/login.js';
import { currentProfile } from '../domain/locations.js';
import { revokeSession } from '../domain/sessions.js';
import { type AppEnv, flowContext, passkeyContext } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';
import { pinStepRoutes } from './pin-steps.js';

const tags = ['sessions'];

/** `GET /v1/sessions/current`: the profile only for sessions that may use `tk-profile` (all login sessions). */
const currentSessionSchema = sessionIssuedSchema.omit({ token: true }).extend({
  user: profileSchema.nullable().meta({ description: 'Who is logged in; null for an embed session not minted for `tk-profile`' }),
});

/** Login with username, password and SMS PIN; the current session; logout. */
export const sessionRoutes = new Hono<AppEnv>()
  .post(
    '/',
    endpoint({
      summary: "Log in, step 1: username and password; then the account's strongest second factor: a passkey ceremony, an authenticator app's code, or an SMS PIN sent to the user's mobile (`factors` lists what the account has, strongest first)",
      tags,
      auth: ['publishable'],
      success: { status: 202, description: 'The second step: answer it at /v1/sessions/verify (a code) or /v1/sessions/passkey (a passkey), or switch with /v1/sessions/factor', schema: loginStepSchema },
      problems: [400, 415, 422],
    }),
    rateLimit({ name: 'sessions.login', limit: 30, windowSeconds: 600 }, byIp),
    validate('json', loginSchema),
    async (c) => {
      const { db } = c.get('deps');
      const { username, password } = c.req.valid('json');
      const step = await startLogin(db, { ...passkeyContext(c), username, password, ...flowContext(c) });
      return c.json(step, 202);
    },
  )
  .post(
    '/factor',
    endpoint({
      summary: 'Log in, "use another method": a new second step for one of the account\'s factors (the old step ends; at most 5 steps in 10 minutes)',
      tags,
      auth: ['publishable'],
      success: { status: 202, description: 'The new second step', schema: loginStepSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'pins.send', limit: 60, windowSeconds: 600 }, byIp),
    validate('json', factorSwitchSchema),
    async (c) => {
      const step = await switchFactor(c.get('deps').db, { ...flowContext(c), ...passkeyContext(c), ...c.req.valid('json') });
      return c.json(step, 202);
    },
  )
  .route(
    '/',
    pinStepRoutes({
      purpose: 'login',
      tags,
      auth: ['publishable'],
      step: 'Log in, step 2',
      code: { schema: loginVerifySchema, what: "the step's code: the SMS PIN (6 digits), the authenticator app's code (6 digits, each once) or a recovery code (`XXXX-XXXX-XXXX`, each once); at most 5 wrong entries" },
      verified: { status: 201, description: 'The session token (one hour, extended by use): the only response that shows it', schema: sessionIssuedSchema },
      complete: async (tx, challenge, c) => {
        const { session, user } = await completeLogin(tx, challenge, flowContext(c));
        return { token: session.token, expiresAt: session.expiresAt.toISOString(), components: null as SessionComponent[] | null, user };
      },
    }),
  )
  .get(
    '/current',
    endpoint({
      summary: 'The current session: when it expires, which components it may use, and who is logged in',
      tags,
      auth: ['session'],
      success: { status: 200, description: 'The session, without its token', schema: currentSessionSchema },
    }),
    async (c) => {
      const { session, user } = c.get('caller');
      const components = session!.components as SessionComponent[] | null;
      // What the session's components allow: the profile belongs to tk-profile, as GET /v1/me does.
      const profile = components === null || components.includes('tk-profile') ? await currentProfile(c.get('deps').db, { user, session }) : null;
      return c.json({ expiresAt: session!.expiresAt.toISOString(), components, user: profile }, 200);
    },
  )
  .delete(
    '/current',
    endpoint({ summary: 'Log out: the session token stops working at once', tags, auth: ['session'], success: { status: 204, description: 'Logged out' } }),
    async (c) => {
      const { db } = c.get('deps');
      const { session, user } = c.get('caller');
      const { now, ip } = flowContext(c);
      await db.transaction(async (tx) => {
        await revokeSession(tx, session!.id, now);
        // While acting on a location: audited on that account, naming the main account the admin acts from.
        const acting = session!.actingAccountId;
        await audit(tx, { tenantId: user!.tenantId, actor: userActor(user!), account: acting ?? user!.accountId, actingFor: acting ? user!.accountId : null, action: 'session.revoked', target: { type: 'session', id: session!.id }, ip, data: { reason: 'logout' } });
      });
      return c.body(null, 204);
    },
  );
