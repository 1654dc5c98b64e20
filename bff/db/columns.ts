import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './schema/tenancy.js';

export const id = () => uuid('id').primaryKey().defaultRandom();

export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const timestamps = () => ({
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** The tenant a row belongs to: every row of customer data has one, and goes with its tenant. */
export const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });
