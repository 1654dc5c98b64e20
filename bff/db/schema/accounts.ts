import { type AnyPgColumn, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { at, id, tenantId } from '../columns.js';
import { signups } from './signup.js';
import { accountType, tariffs, tenants } from './tenancy.js';

/** A customer account, created when its signup is confirmed. */
export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    tenantId: tenantId(),
    signupId: uuid('signup_id')
      .references(() => signups.id)
      .unique(),
    accountType: accountType('account_type').notNull(),
    status: text('status').notNull().default('active'),
    customerNumber: text('customer_number').notNull(),
    username: text('username').notNull(),
    sipAddress: text('sip_address'),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    /** None when the holder signs in with a passkey or an authenticator app instead of SMS. */
    mobile: text('mobile'),
    tariffId: uuid('tariff_id').references(() => tariffs.id),
    /** A co-user's account: the business account it belongs to and is billed to (`sub_users`). */
    parentAccountId: uuid('parent_account_id').references((): AnyPgColumn => accounts.id),
    /** When the SIP address stopped working (the account was cancelled); it is kept, never reassigned. */
    sipDeactivatedAt: at('sip_deactivated_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('accounts_customer_number_uq').on(t.tenantId, t.customerNumber), unique('accounts_username_uq').on(t.tenantId, t.username)],
);

/** Next customer number per tenant; one row each, incremented under its row lock. */
export const customerNumberCounters = pgTable('customer_number_counters', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  next: integer('next').notNull(),
});
