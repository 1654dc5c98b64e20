import { and, eq, exists, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { closedPortOrderStatuses } from '../../contract/porting.js';
import { portOrderNumbers, portOrders, portOrderWorkplaces, temporaryNumbers } from '../db/schema/index.js';
import { releaseToPool } from '../domain/temporary-numbers.js';
import { HOUR, type Job } from './scheduler.js';

/** Lines released per transaction; a run takes batches until none is left (or `MAX_BATCHES`). */
export const RELEASE_BATCH = 200;
const MAX_BATCHES = 50;

/**
 * Temporary numbers of orders that are over (`rejected`, `ported`, `failed`, `cancelled`) go back to the
 * pool: the pool's row is unassigned and stamped `released_at`, the order's line keeps the number (for the
 * history) and is stamped `temporary_released_at`. Selected by state, never "since the last run", so a
 * repeated run finds nothing left; lines are claimed with `for update skip locked`, so several workers
 * share the work without waiting for or doubling each other. The same run drops the passwords sealed for
 * provisioning (workplaces, the reseller's support login) of those orders: no secret is kept once the
 * order is over.
 */
export const releaseTemporaryNumbers: Job = {
  name: 'port-orders.release-temporary-numbers',
  every: 10 * 60 * 1000,
  leaseMs: HOUR,
  async run({ db, now }) {
    let released = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await db.transaction(async (tx) => {
        // The lines first (skip locked: another worker's batch is left to it), then their pool rows.
        const lines = await tx
          .select({ id: portOrderNumbers.id, tenantId: portOrderNumbers.tenantId })
          .from(portOrderNumbers)
          .innerJoin(portOrders, eq(portOrders.id, portOrderNumbers.orderId))
          .where(
            and(
              inArray(portOrders.status, [...closedPortOrderStatuses]),
              isNull(portOrderNumbers.temporaryReleasedAt),
              or(
                isNotNull(portOrderNumbers.temporaryNumber),
                exists(tx.select({ one: temporaryNumbers.id }).from(temporaryNumbers).where(eq(temporaryNumbers.assignedTo, portOrderNumbers.id))),
              ),
            ),
          )
          .limit(RELEASE_BATCH)
          .for('update', { of: portOrderNumbers, skipLocked: true });
        if (lines.length === 0) return 0;
        const ids = lines.map((l) => l.id);
        await releaseToPool(tx, { lineIds: ids, now });
        await tx.update(portOrderNumbers).set({ temporaryReleasedAt: now }).where(inArray(portOrderNumbers.id, ids));
        return lines.length;
      });
      released += count;
      if (count < RELEASE_BATCH) break;
    }
    const closed = inArray(portOrders.status, [...closedPortOrderStatuses]);
    await db
      .update(portOrderWorkplaces)
      .set({ passwordSealed: null })
      .where(
        and(
          isNotNull(portOrderWorkplaces.passwordSealed),
          exists(db.select({ one: portOrders.id }).from(portOrders).where(and(eq(portOrders.id, portOrderWorkplaces.orderId), closed))),
        ),
      );
    await db.update(portOrders).set({ supportPasswordSealed: null }).where(and(isNotNull(portOrders.supportPasswordSealed), closed));
    return { released };
  },
};
