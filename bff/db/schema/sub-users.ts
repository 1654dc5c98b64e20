import { date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Locale } from '../../../contract/enums.js';
import { subUserStatuses } from '../../../contract/sub-users.js';
import { at, id, tenantId } from '../columns.js';
import { accounts } from './accounts.js';
import { tariffs } from './tenancy.js';
import { users } from './users.js';

/** The co-user lifecycle (`contract/sub-users.ts` has its transitions). */
export const subUserStatus = pgEnum('sub_user_status', subUserStatuses);

/**
 * A co-user ("Mitbenutzer") of a business account: a person of the company with their own relay access,
 * billed to the business. Added by the account's admin; after the co-user confirms by e-mail they get an
 * account of their own (customer number, username, SIP address) and a login (`users.role = 'co_user'`).
 * Dates without a time (`*_on`, `*_from`) are calendar days in Europe/Berlin, as `YYYY-MM-DD`.
 */
export const subUsers = pgTable(
  'sub_users',
  {
    id: id(),
    tenantId: tenantId(),
    /** The business account the co-user belongs to and is billed to. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    status: subUserStatus('status').notNull().default('pending_confirmation'),
    salutation: text('salutation').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Lower-case; may change until the co-user confirms (which restarts the opt-in). */
    email: text('email').notNull(),
    /** E.164, a mobile number: the co-user's SMS PINs go here. */
    mobile: text('mobile').notNull(),
    /** The language of the co-user's e-mails: the admin's when the co-user was added. */
    locale: text('locale').$type<Locale>().notNull(),
    tariffId: uuid('tariff_id')
      .notNull()
      .references(() => tariffs.id),
    /** A tariff change waiting for its date (the 1st of a month); the job moves it into `tariff_id`. */
    nextTariffId: uuid('next_tariff_id').references(() => tariffs.id),
    nextTariffFrom: date('next_tariff_from', { mode: 'string' }),
    /** "Rechnungszusatz": ≤ 40 printable Latin-1 characters, printed on the monthly invoice. */
    invoiceNote: text('invoice_note'),
    /** The first invoice the current note is printed on (its month's 1st). */
    invoiceNoteFrom: date('invoice_note_from', { mode: 'string' }),
    /** Once confirmed: the co-user's own account and login. */
    coAccountId: uuid('co_account_id')
      .references(() => accounts.id)
      .unique(),
    userId: uuid('user_id')
      .references(() => users.id)
      .unique(),
    /** The admin who added the co-user. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** When the newest confirmation e-mail was sent (its link expires 7 days later). */
    confirmationSentAt: at('confirmation_sent_at').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    confirmedAt: at('confirmed_at'),
    /** The contract's first day: the day of confirmation. */
    startsOn: date('starts_on', { mode: 'string' }),
    /**
     * The last day of a minimum term agreed with an earlier tariff, set when the tariff changes: a change never
     * shortens a term already running (`earliestEndDate`'s `committedUntil`).
     */
    committedUntil: date('committed_until', { mode: 'string' }),
    /** A scheduled cancellation: when it was received, and the contract's last day. */
    cancellationReceivedAt: at('cancellation_received_at'),
    endsOn: date('ends_on', { mode: 'string' }),
    cancelledAt: at('cancelled_at'),
  },
  (t) => [
    index('sub_users_account_idx').on(t.tenantId, t.accountId),
    index('sub_users_due_idx').on(t.status, t.endsOn),
    index('sub_users_pending_idx').on(t.status, t.confirmationSentAt),
  ],
);

export type SubUserRow = typeof subUsers.$inferSelect;
