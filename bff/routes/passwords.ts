import { Hono } from 'hono';
import { acceptedSchema, passwordResetSchema, passwordSetResultSchema, passwordSetupSchema, pinChallengeSchema } from '../../contract/portal.js';
import { completePasswordSetup, requestPasswordReset, startPasswordSetup } from '../domain/password-setup.js';
import { callerTenantId } from '../lib/auth.js';
import { type AppEnv, flowContext } from '../lib/context.js';
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
      summary: 'Set a password, step 1: link token and new password (12–128 characters, not a common one); sends an SMS PIN',
      tags,
      auth: ['publishable', 'secret', 'own_page'],
      success: { status: 202, description: 'The PIN is on its way to the account\'s mobile', schema: pinChallengeSchema },
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
      verified: { status: 200, description: 'Password set; log in with it', schema: passwordSetResultSchema },
      complete: (tx, challenge, c) => completePasswordSetup(tx, challenge, flowContext(c)),
    }),
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
