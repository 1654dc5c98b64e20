import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, id, tenantId } from '../columns.js';
import { webhookEndpoints } from './webhooks.js';

export const idempotencyState = pgEnum('idempotency_state', ['in_progress', 'done']);

/** Stored responses of creating POSTs, replayed for 24 h (see lib/idempotency.ts). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Tenant and caller the key belongs to: one caller cannot replay another's response. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    tenantId: tenantId(),
    requestHash: text('request_hash').notNull(),
    state: idempotencyState('state').notNull().default('in_progress'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    lockedUntil: at('locked_until').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);

/** Fixed-window counters shared by every BFF instance (see lib/rate-limit.ts). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').primaryKey(),
    windowStart: at('window_start').notNull(),
    windowEnd: at('window_end').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [index('rate_limits_window_end_idx').on(t.windowEnd)],
);

export const outboxChannel = pgEnum('outbox_channel', ['email', 'sms', 'webhook']);
/** `held`: no transport is configured (development); the message is only shown in /dev/outbox. */
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sending', 'sent', 'held', 'dead']);

export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    tenantId: tenantId(),
    channel: outboxChannel('channel').notNull(),
    payload: jsonb('payload').notNull(),
    /** For a webhook: the endpoint it goes to (deleting the endpoint drops its undelivered messages). */
    endpointId: uuid('endpoint_id').references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** Carries something secret (a credentials PDF): body and attachments are purged right after delivery. */
    sensitive: boolean('sensitive').notNull().default(false),
    /** When the body and attachments were purged; the recipient, type and times stay. */
    purgedAt: at('purged_at'),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_tenant_idx').on(t.tenantId), index('outbox_endpoint_idx').on(t.endpointId)],
);

export type OutboxRow = typeof outbox.$inferSelect;
