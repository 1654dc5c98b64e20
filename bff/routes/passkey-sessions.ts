import { Hono } from 'hono';
import type { SessionComponent } from '../../contract/enums.js';
import { webauthnAnswerSchema, webauthnCeremonySchema } from '../../contract/factors.js';
import { sessionIssuedSchema } from '../../contract/portal.js';
import { completePasskeyLogin } from '../domain/passkey-login.js';
import { passkeyLoginOptions } from '../domain/passkeys.js';
import { type AppEnv, flowContext, passkeyContext } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['sessions'];

/**
 * Sign in with a passkey: no password, no PIN (the passkey with user verification is both). Options for
 * anyone (passkey autofill or the button), then the browser's answer → a session with factor `passkey`.
 */
export const passkeySessionRoutes = new Hono<AppEnv>()
  .post(
    '/options',
    endpoint({
      summary: 'Sign in with a passkey, step 1: the options for `navigator.credentials.get` (any of the tenant\'s passkeys; 5 minutes, single use). 422 `passkeys_unavailable` where the page\'s origin is not on the tenant\'s relying party',
      tags,
      auth: ['publishable'],
      success: { status: 200, description: 'The ceremony to run in the browser', schema: webauthnCeremonySchema },
      problems: [422],
    }),
    rateLimit({ name: 'sessions.passkey-options', limit: 120, windowSeconds: 600 }, byIp),
    async (c) => c.json(await c.get('deps').db.transaction((tx) => passkeyLoginOptions(tx, passkeyContext(c))), 200),
  )
  .post(
    '/',
    endpoint({
      summary: 'Sign in with a passkey, step 2: the browser\'s answer; a session opens (factor `passkey`). Refused: 401 `passkey_failed`',
      tags,
      auth: ['publishable'],
      success: { status: 201, description: 'The session token (one hour, extended by use): the only response that shows it', schema: sessionIssuedSchema },
      problems: [400, 401, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'sessions.passkey', limit: 30, windowSeconds: 600 }, byIp),
    validate('json', webauthnAnswerSchema),
    async (c) => {
      const body = c.req.valid('json');
      const { session, user } = await completePasskeyLogin(c.get('deps').db, { ...passkeyContext(c), ...flowContext(c), ...body });
      return c.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), components: null as SessionComponent[] | null, user }, 201);
    },
  );
