import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type Context, Hono } from 'hono';
import type { loginVerifySchema } from '../../contract/factors.js';
import type { PinPurpose } from '../../contract/links.js';
import { challengeRefSchema, pinChallengeSchema, pinVerifySchema } from '../../contract/portal.js';
import type { Executor } from '../db/client.js';
import { type Challenge, resendPin, verifyPin } from '../domain/pins.js';
import { callerTenantId } from '../lib/auth.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { type Access, endpoint } from '../lib/openapi.js';
import { byIp, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

/**
 * The two routes of every SMS-PIN step, `POST …/verify` (challenge + PIN → the step's result) and
 * `POST …/resend` (a new PIN; the old one stops working), for one PIN purpose. A flow mounts them where
 * its first step lives and says what a right PIN completes; counting wrong PINs, locking, expiry and
 * resend limits are the PIN service's (`domain/pins.ts`).
 */
export function pinStepRoutes<P extends PinPurpose, R, S extends 200 | 201>(o: {
  purpose: P;
  tags: string[];
  auth: Access[];
  component?: Parameters<typeof endpoint>[0]['component'];
  /** What the step is, for the docs: "Log in", "Set a password", … */
  step: string;
  verified: { status: S; description: string; schema: StandardSchemaV1 };
  /** The login's verify takes any factor's code (checked by the step's factor); the others the SMS PIN's schema. */
  code?: { schema: typeof loginVerifySchema; what: string };
  /** Runs before either route's work, after the access check (e.g. refusing an acting session). */
  before?: (c: Context<AppEnv>) => void;
  /** What a right PIN completes, in the PIN's transaction. */
  complete: (tx: Executor, challenge: Challenge<P>, c: Context<AppEnv>) => Promise<R>;
}) {
  // With a session, only the logged-in user's own challenges.
  const scope = (c: Context<AppEnv>) => ({ purposes: [o.purpose], tenantId: callerTenantId(c), userId: c.get('caller')?.session ? c.get('caller').user!.id : undefined });
  return new Hono<AppEnv>()
    .post(
      '/verify',
      endpoint({
        summary: `${o.step}: ${o.code?.what ?? 'the SMS PIN (6 digits, 10 minutes, at most 5 wrong entries)'}`,
        tags: o.tags,
        auth: o.auth,
        component: o.component,
        success: o.verified,
        problems: [400, 404, 409, 410, 415, 422],
      }),
      rateLimit({ name: 'pins.verify', limit: 30, windowSeconds: 600 }, byIp),
      validate('json', o.code?.schema ?? pinVerifySchema),
      async (c) => {
        o.before?.(c);
        const { db } = c.get('deps');
        const { challengeId, pin } = c.req.valid('json');
        const result = await verifyPin(db, { ...scope(c), challengeId, pin, ...flowContext(c) }, (tx, challenge) => o.complete(tx, challenge, c));
        return c.json(result, o.verified.status);
      },
    )
    .post(
      '/resend',
      endpoint({
        summary: `${o.step}: send a new SMS PIN (SMS steps only); the previous one stops working (at most 5 sends in 10 minutes; every SMS counts against the messaging budget)`,
        tags: o.tags,
        auth: o.auth,
        component: o.component,
        success: { status: 202, description: 'A new PIN is on its way; use the new challenge id', schema: pinChallengeSchema },
        problems: [400, 404, 409, 410, 415, 422],
      }),
      // Requests per address; the SMS themselves count per (address, number) and per address in the messaging budget.
      rateLimit({ name: 'pins.send', limit: 60, windowSeconds: 600 }, byIp),
      validate('json', challengeRefSchema),
      async (c) => {
        o.before?.(c);
        const { db } = c.get('deps');
        const { challengeId } = c.req.valid('json');
        const challenge = await db.transaction((tx) => resendPin(tx, { ...scope(c), challengeId, ...flowContext(c) }));
        return c.json(challenge, 202);
      },
    );
}
