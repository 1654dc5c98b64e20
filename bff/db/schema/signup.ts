import { index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { at, id } from '../columns.js';
import { accountType, tariffs, tenants } from './tenancy.js';

export const signupStatus = pgEnum('signup_status', ['pending_confirmation', 'confirmed']);
export const paymentMethod = pgEnum('payment_method', ['sepa', 'invoice']);
export const mandateScheme = pgEnum('mandate_scheme', ['core', 'b2b']);
export const linkPurpose = pgEnum('link_purpose', ['signup', 'set_password', 'email_change']);

/** Double-opt-in evidence kept with each signup. */
export interface SignupEvidence {
  at: string;
  ip: string;
  userAgent: string;
  originPage: string | null;
  termsVersion: string;
  consentTexts: { terms: string; mandate?: string };
  emailTemplateId: string;
}

export const signups = pgTable(
  'signups',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    accountType: accountType('account_type').notNull(),
    status: signupStatus('status').notNull().default('pending_confirmation'),
    tariffId: uuid('tariff_id')
      .notNull()
      .references(() => tariffs.id),
    /** The person or company data as submitted (normalized), without bank details. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    mobile: text('mobile').notNull(),
    locale: text('locale').notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    evidence: jsonb('evidence').$type<SignupEvidence>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [index('signups_tenant_idx').on(t.tenantId)],
);

export const sepaMandates = pgTable(
  'sepa_mandates',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    signupId: uuid('signup_id')
      .notNull()
      .references(() => signups.id, { onDelete: 'cascade' }),
    /** Mandate reference, at most 35 characters (SEPA). */
    reference: text('reference').notNull(),
    scheme: mandateScheme('scheme').notNull(),
    accountHolder: text('account_holder').notNull(),
    /** AES-256-GCM sealed with TELKIT_SECRET: needed in clear for direct debits, never logged. */
    ibanSealed: text('iban_sealed').notNull(),
    ibanLast4: text('iban_last4').notNull(),
    bic: text('bic'),
    mandateText: text('mandate_text').notNull(),
    signedAt: at('signed_at').notNull(),
  },
  (t) => [unique('sepa_mandates_reference_uq').on(t.tenantId, t.reference)],
);

/** Single-use e-mail links: confirm a signup, set a password, confirm a new e-mail address. Only the hash of the token is kept. */
export const emailLinks = pgTable(
  'email_links',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    purpose: linkPurpose('purpose').notNull(),
    /** The signup or account the link acts on. */
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** Set when a newer link for the same subject and purpose was sent. */
    supersededAt: at('superseded_at'),
    /** What the link carries out when redeemed, e.g. the new address of an e-mail change. */
    payload: jsonb('payload').$type<{ email?: string }>(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('email_links_subject_idx').on(t.subjectId, t.purpose)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
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
    mobile: text('mobile').notNull(),
    tariffId: uuid('tariff_id').references(() => tariffs.id),
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

export type SignupRow = typeof signups.$inferSelect;
export type Account = typeof accounts.$inferSelect;
