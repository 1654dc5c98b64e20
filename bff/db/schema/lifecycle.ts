import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ActorKind } from '../../../contract/audit.js';
import { at, id, tenantId } from '../columns.js';

/** Every status change of every entity with a lifecycle (see `lib/lifecycle.ts`), oldest first. */
export const statusHistory = pgTable(
  'status_history',
  {
    id: id(),
    tenantId: tenantId(),
    /** The lifecycle's name, e.g. `signup`, `co_user`, `port_order`. */
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    actorId: text('actor_id'),
    /** A machine-readable reason code, e.g. `link_redeemed`, `opt_in_expired`. */
    reason: text('reason'),
    /** Free text a person gave (an operator's rejection note); shown to the customer where the flow says so. */
    comment: text('comment'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('status_history_entity_idx').on(t.entity, t.entityId, t.at)],
);
