import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ActorKind } from '../../contract/audit.js';
import { checkMove, type Lifecycle } from '../../contract/lifecycle.js';
import type { Executor } from '../db/client.js';
import { statusHistory } from '../db/schema/index.js';
import { ApiError } from './errors.js';

/** Who acts: its kind and, where there is one, the user, key or signup id. */
export interface Actor {
  kind: ActorKind;
  id?: string | null;
}

export const SYSTEM: Actor = { kind: 'system' };

export interface Move<S extends string, X> {
  actor: Actor;
  now: Date;
  /** A machine-readable reason, e.g. `link_redeemed`, `opt_in_expired`. */
  reason?: string;
  /** Free text from a person (an operator's note). */
  comment?: string;
  /** What the flow hands to the state's `onEnter` (the e-mail's link, the new account, …). */
  context?: X;
  /** Other columns to set with the status, e.g. `{ confirmedAt: now }`. */
  set?: Record<string, unknown>;
  /** Only for typing. */
  from?: S;
}

type StatusTable = PgTable & { id: PgColumn; tenantId: PgColumn; status: PgColumn };
type RowOf<T extends StatusTable> = T['$inferSelect'];

/**
 * Binds a lifecycle from `contract/` to its table, with what happens on entering a state (e-mails,
 * webhooks, audit entries — all in the caller's transaction). Flows move their entities only through
 * `transition`, so every move is checked, recorded in `status_history`, and has its effects.
 */
export function stateMachine<S extends string, T extends StatusTable, X = undefined>(
  lifecycle: Lifecycle<S>,
  table: T,
  onEnter: Partial<Record<S, (tx: Executor, row: RowOf<T>, move: Move<S, X>, from: S) => Promise<void>>> = {},
) {
  return {
    lifecycle,
    /**
     * Moves `entity` (read under a row lock by the caller) to `to`. An illegal move is a 409
     * `invalid_transition` naming the current status; an actor that may not make it, 403. The update is
     * conditional on the status read, so a concurrent move makes this one a 409 too.
     */
    async transition(tx: Executor, entity: { id: string; tenantId: string; status: S }, to: S, move: Move<S, X>): Promise<RowOf<T>> {
      const from = entity.status;
      const verdict = checkMove(lifecycle, from, to, move.actor.kind);
      if (verdict === 'illegal') throw invalidTransition(from);
      if (verdict === 'forbidden') throw new ApiError(403, 'forbidden');
      const [row] = (await tx
        .update(table)
        .set({ ...move.set, status: to } as never)
        .where(and(eq(table.id, entity.id), eq(table.tenantId, entity.tenantId), eq(table.status, from)))
        .returning()) as RowOf<T>[];
      if (!row) throw invalidTransition(from);
      await tx.insert(statusHistory).values({
        tenantId: entity.tenantId,
        entity: lifecycle.name,
        entityId: entity.id,
        fromStatus: from,
        toStatus: to,
        actorKind: move.actor.kind,
        actorId: move.actor.id ?? null,
        reason: move.reason ?? null,
        comment: move.comment ?? null,
        at: move.now,
      });
      await onEnter[to]?.(tx, row, move, from);
      return row;
    },
  };
}

export const invalidTransition = (current: string) =>
  new ApiError(409, 'invalid_transition', { detail: `current status: ${current}`, extensions: { currentStatus: current } });
