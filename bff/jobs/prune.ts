import { pruneIdempotencyKeys } from '../lib/idempotency.js';
import { pruneRateLimits } from '../lib/rate-limit.js';
import { pruneWebauthnChallenges } from '../domain/passkeys.js';
import { MINUTE, type Job } from './scheduler.js';

/** Rate-limit counters whose window has passed. */
export const rateLimitsPrune: Job = {
  name: 'rate-limits.prune',
  every: MINUTE,
  run: ({ db, now }) => pruneRateLimits(db, now),
};

/** Stored idempotent responses past their 24 h. */
export const idempotencyPrune: Job = {
  name: 'idempotency.prune',
  every: 10 * MINUTE,
  run: ({ db, now }) => pruneIdempotencyKeys(db, now),
};

/** Passkey ceremonies' challenges past their five minutes (every login page view with passkeys makes one). */
export const webauthnChallengesPrune: Job = {
  name: 'webauthn-challenges.prune',
  every: 10 * MINUTE,
  run: async ({ db, now }) => ({ deleted: await pruneWebauthnChallenges(db, now) }),
};
