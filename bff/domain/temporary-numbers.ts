// The tenant's pool of temporary numbers (PRODUCT.md §3.5): one per ported number or block while the order
// runs. Taken by a submission (and the demo seed) through `assignTemporaryNumbers`, given back through
// `releaseToPool` (a line that leaves a draft, the release job for orders that are over) — nowhere else.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../db/client.js';
import { portOrderNumbers, temporaryNumbers } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';

type Line = { id: string; temporaryNumber: string | null; temporaryReleasedAt: Date | null };

/**
 * One temporary number from the tenant's pool for each line that has none (a resubmitted order's lines keep
 * theirs): the longest-free first (never used ones first, then by number), `for update skip locked` so
 * concurrent submissions never take the same one. None free: 409 `temporary_pool_empty` (the caller's
 * transaction then stores nothing).
 */
export async function assignTemporaryNumbers(tx: Executor, tenantId: string, lines: readonly Line[], now: Date): Promise<void> {
  for (const line of lines) {
    if (line.temporaryNumber && !line.temporaryReleasedAt) continue;
    const picked = rowsOf<{ e164: string }>(
      await tx.execute(sql`
        update ${temporaryNumbers} set assigned_to = ${line.id}, assigned_at = ${now.toISOString()}::timestamptz
        where id = (
          select id from ${temporaryNumbers}
          where tenant_id = ${tenantId} and assigned_to is null
          order by released_at asc nulls first, e164
          limit 1 for update skip locked
        )
        returning e164`),
    );
    if (!picked[0]) throw new ApiError(409, 'temporary_pool_empty');
    await tx
      .update(portOrderNumbers)
      .set({ temporaryNumber: picked[0].e164, temporaryReleasedAt: null })
      .where(and(eq(portOrderNumbers.tenantId, tenantId), eq(portOrderNumbers.id, line.id)));
  }
}

/** Gives the pool rows assigned to `lineIds` back: unassigned, `assigned_at` cleared, stamped `released_at` (of `tenantId` only, when named). */
export async function releaseToPool(tx: Executor, o: { lineIds: readonly string[]; now: Date; tenantId?: string }): Promise<void> {
  if (o.lineIds.length === 0) return;
  const where: SQL[] = [inArray(temporaryNumbers.assignedTo, [...o.lineIds])];
  if (o.tenantId) where.push(eq(temporaryNumbers.tenantId, o.tenantId));
  await tx.update(temporaryNumbers).set({ assignedTo: null, assignedAt: null, releasedAt: o.now }).where(and(...where));
}
