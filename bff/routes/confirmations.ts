import { Hono } from 'hono';
import { confirmationResultSchema, linkTokenSchema, resendResultSchema } from '../../contract/confirmations.js';
import { redeemLink, resendConfirmation } from '../domain/signups.js';
import { auth } from '../lib/auth.js';
import type { AppEnv } from '../lib/context.js';
import { doc } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { requireJson, validate } from '../lib/validate.js';

const tags = ['signup'];

/** E-mail links: redeem one, or ask for a fresh one. */
export const confirmationRoutes = new Hono<AppEnv>()
  .post(
    '/',
    doc({
      summary: 'Redeem an e-mail link: a signup (activates the account, sends the credentials) or a new e-mail address',
      tags,
      auth: ['publishable'],
      success: { status: 200, description: 'Confirmed now, or earlier (then nothing is sent again)', schema: confirmationResultSchema },
      problems: [400, 404, 410, 415, 422],
    }),
    auth('publishable', 'secret'),
    rateLimit({ name: 'confirmations.redeem', limit: 60, windowSeconds: 3600 }, byIp),
    requireJson,
    validate('json', linkTokenSchema),
    async (c) => {
      const { db, clock, env } = c.get('deps');
      const { token } = c.req.valid('json');
      const result = await db.transaction((tx) => redeemLink(tx, c.get('caller').tenant, token, clock.now(), env.publicUrl, c.get('locale')));
      return c.json(result, 200);
    },
  )
  .post(
    '/resend',
    doc({
      summary: 'Send a fresh confirmation link (also for an expired one); older links stop working',
      tags,
      auth: ['publishable'],
      success: { status: 202, description: 'A new e-mail is on its way, or the signup is confirmed already', schema: resendResultSchema },
      problems: [400, 404, 415, 422],
    }),
    auth('publishable', 'secret'),
    rateLimit({ name: 'confirmations.resend', limit: 10, windowSeconds: 3600 }, byIp),
    requireJson,
    validate('json', linkTokenSchema),
    async (c) => {
      const { db, clock, env } = c.get('deps');
      const { token } = c.req.valid('json');
      const result = await db.transaction((tx) => resendConfirmation(tx, c.get('caller').tenant, token, clock.now(), env.publicUrl));
      return c.json(result, 202);
    },
  );
