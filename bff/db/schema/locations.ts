import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, tenantId } from '../columns.js';
import { accounts } from './accounts.js';
import { signups } from './signup.js';
import { users } from './users.js';

/**
 * A main account's link to one of its sub-accounts ("Standortverwaltung", PRODUCT.md §3.4), kept as
 * history: unlinking sets `unlinked_at`, the row stays. One level only: a live row per sub-account at most
 * (the partial unique index), never an account linked to itself (the check); that a main account is
 * never a sub-account and a sub-account never a main one is kept by `domain/locations.ts` under both
 * accounts' row locks. Dates without a time (`*_from`, `*_until`) are calendar days in Europe/Berlin.
 */
export const accountLinks = pgTable(
  'account_links',
  {
    id: id(),
    tenantId: tenantId(),
    mainAccountId: uuid('main_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    subAccountId: uuid('sub_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** How it came about: `code` (an existing account, its admin's code entered) or `order` (a new location ordered). */
    via: text('via').$type<'code' | 'order'>().notNull(),
    linkedAt: at('linked_at').notNull().defaultNow(),
    /** The main account's admin who linked it. */
    linkedBy: uuid('linked_by').references(() => users.id, { onDelete: 'set null' }),
    /** Billed on the main account's collective invoice ("Sammelrechnung"): the setting chosen last. */
    collectiveInvoice: boolean('collective_invoice').notNull(),
    /** The setting in force before `collective_invoice_from` (false for a new link). */
    collectiveInvoicePrevious: boolean('collective_invoice_previous').notNull().default(false),
    /** The 1st of the month from which `collective_invoice` holds. */
    collectiveInvoiceFrom: date('collective_invoice_from', { mode: 'string' }).notNull(),
    unlinkedAt: at('unlinked_at'),
    unlinkedBy: uuid('unlinked_by').references(() => users.id, { onDelete: 'set null' }),
    /** After an unlink: the last day the account is on the collective invoice (the end of that period), if it was. */
    collectiveInvoiceUntil: date('collective_invoice_until', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('account_links_sub_live_uq').on(t.subAccountId).where(sql`${t.unlinkedAt} is null`),
    index('account_links_main_idx').on(t.mainAccountId, t.linkedAt),
    check('account_links_not_self', sql`${t.mainAccountId} <> ${t.subAccountId}`),
  ],
);

/**
 * "Neuen Standort bestellen": minted by the BFF for a logged-in main account's admin, handed to `tk-signup`
 * and sent with the signup (`locationIntent`). Kept as a SHA-256; valid 24 hours to start a signup, single
 * use (bound to that signup); when the signup is confirmed, its new account is linked.
 */
export const locationIntents = pgTable(
  'location_intents',
  {
    id: id(),
    tenantId: tenantId(),
    mainAccountId: uuid('main_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    collectiveInvoice: boolean('collective_invoice').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** The signup it travelled with (single use); the link follows that signup's confirmation. */
    signupId: uuid('signup_id')
      .references(() => signups.id, { onDelete: 'cascade' })
      .unique(),
    usedAt: at('used_at'),
    /** When the confirmed signup's account was linked, or found not linkable (`outcome`). */
    settledAt: at('settled_at'),
    outcome: text('outcome').$type<'linked' | 'not_linkable'>(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('location_intents_main_idx').on(t.mainAccountId, t.createdAt)],
);

export type AccountLink = typeof accountLinks.$inferSelect;
export type LocationIntent = typeof locationIntents.$inferSelect;
