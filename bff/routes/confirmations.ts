import { Hono } from 'hono';
import { confirmationResultSchema, linkTokenSchema, resendResultSchema } from '../../contract/confirmations.js';
import { redeemLink, resendConfirmation } from '../domain/signups.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['signup'];

/** E-mail links: redeem one, or ask for a fresh one. */
export const confirmationRoutes = new Hono<AppEnv>()
  .post(
    '/',
    endpoint({
      summary: 'Redeem an e-mail link: a signup (activates the account, sends the credentials) or a new e-mail address',
      tags,
      auth: ['publishable', 'secret'],
      success: { status: 200, description: 'Confirmed now, or earlier (then nothing is sent again)', schema: confirmationResultSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'confirmations.redeem', limit: 60, windowSeconds: 3600 }, byIp),
    validate('json', linkTokenSchema),
    async (c) => {
      const { db, env } = c.get('deps');
      const { token } = c.req.valid('json');
      const result = await db.transaction((tx) => redeemLink(tx, { tenant: c.get('caller').tenant, token, publicUrl: env.publicUrl, ...flowContext(c) }));
      // The set-password token stays with the e-mail and the BFF's own page: the API answers only the outcome.
      return c.json({ status: result.status, kind: result.kind }, 200);
    },
  )
  .post(
    '/resend',
    endpoint({
      summary: 'Send a fresh confirmation link (also for an expired one); older links stop working',
      tags,
      auth: ['publishable', 'secret'],
      success: { status: 202, description: 'A new e-mail is on its way, or the signup is confirmed already', schema: resendResultSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    rateLimit({ name: 'confirmations.resend', limit: 10, windowSeconds: 3600 }, byIp),
    validate('json', linkTokenSchema),
    async (c) => {
      const { db, clock, env } = c.get('deps');
      const { token } = c.req.valid('json');
      const result = await db.transaction((tx) => resendConfirmation(tx, c.get('caller').tenant, token, clock.now(), env.publicUrl));
      return c.json(result, 202);
    },
  );
