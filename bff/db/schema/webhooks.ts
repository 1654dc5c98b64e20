import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { id, tenantId, timestamps } from '../columns.js';

/**
 * A tenant's webhook receivers (see `routes/webhook-endpoints.ts`): the URL, the event types it wants
 * (`*` for all), and its signing secret, sealed with TELKIT_SECRET (needed in clear to sign).
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    tenantId: tenantId(),
    url: text('url').notNull(),
    eventTypes: text('event_types').array().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId)],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
