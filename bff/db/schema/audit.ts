import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ActorKind } from '../../../contract/audit.js';
import { at, id, tenantId } from '../columns.js';

/**
 * Who did what (see `domain/audit.ts`): one row per security-relevant change, written in the
 * transaction of the change. `data` never holds a secret (no passwords, PINs, tokens or keys).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    tenantId: tenantId(),
    occurredAt: at('occurred_at').notNull().defaultNow(),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    /** The user, API key or signup that acted; none for the system. */
    actorId: text('actor_id'),
    /** The account concerned (a sub-account when a main account's admin acts for it). */
    accountId: uuid('account_id'),
    /** The account whose admin acted for `accountId`, when that is another account. */
    actingForAccountId: uuid('acting_for_account_id'),
    /** Dotted verb, e.g. `password.changed`, `session.revoked`. */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_events_tenant_idx').on(t.tenantId, t.occurredAt, t.id), index('audit_events_account_idx').on(t.accountId, t.occurredAt, t.id)],
);
