import { expireOptIns } from '../domain/signups.js';
import { applySubUserTariffChanges, cancelDueSubUsers, expireSubUserOptIns } from '../domain/sub-users.js';
import { linksExpire } from './links-expire.js';
import { outboxRetention } from './outbox-retention.js';
import { idempotencyPrune, rateLimitsPrune, webauthnChallengesPrune } from './prune.js';
import { releaseTemporaryNumbers } from './temporary-numbers.js';
import type { Job } from './scheduler.js';

export type { Job, JobContext } from './scheduler.js';

/**
 * Every scheduled job, run by the workers (`npm start`'s in-process worker and `npm run worker`): each one
 * once per due time among all of them (see `scheduler.ts`).
 *
 * A flow adds its time-based work as one job and one line here. Define the job next to the flow's logic
 * (`bff/domain/<flow>.ts`), named `<flow>.<what>`:
 *
 * ```ts
 * // bff/domain/sub-users.ts — co-users whose cancellation takes effect today
 * export const cancelDueSubUsers: Job = {
 *   name: 'sub-users.cancel-due',
 *   every: HOUR,
 *   async run({ db, now }) {
 *     const due = await db.select(…).from(subUsers).where(and(eq(subUsers.status, 'cancellation_scheduled'), lte(subUsers.endsAt, now)));
 *     for (const row of due) await db.transaction((tx) => transition(tx, row, 'cancelled', { actor: { kind: 'system' } }));
 *     return { cancelled: due.length };
 *   },
 * };
 * ```
 *
 * Select what is due by state and time, never by "since the last run": a run missed while no worker was
 * up is not repeated, and a run that outlives its lease may be repeated by another worker. Change states
 * through the lifecycle helper in one transaction per entity, so a failure leaves the others done and the
 * next run retries it. Read the time from `now` (the injectable clock), never `new Date()`.
 *
 * The co-users' jobs (`bff/domain/sub-users.ts`): `sub-users.cancel-due` (co-users past their end date),
 * `sub-users.expire-opt-ins`, `sub-users.apply-tariff-changes`. Number porting (`bff/jobs/temporary-numbers.ts`):
 * `port-orders.release-temporary-numbers` (temporary numbers of orders that are over back to the pool).
 */
export const jobs: readonly Job[] = [
  outboxRetention,
  linksExpire,
  rateLimitsPrune,
  idempotencyPrune,
  webauthnChallengesPrune,
  expireOptIns,
  cancelDueSubUsers,
  expireSubUserOptIns,
  applySubUserTariffChanges,
  releaseTemporaryNumbers,
];
