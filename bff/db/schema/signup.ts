import { index, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { Locale } from '../../../contract/enums.js';
import type { Signup } from '../../../contract/signup.js';
import { at, id, tenantId } from '../columns.js';
import { accountType, tariffs } from './tenancy.js';

/** The signup lifecycle (`contract/signup-lifecycle.ts` has its transitions). */
export const signupStatus = pgEnum('signup_status', ['pending_confirmation', 'confirmed', 'expired']);
export const paymentMethod = pgEnum('payment_method', ['sepa', 'invoice']);
export const mandateScheme = pgEnum('mandate_scheme', ['core', 'b2b']);

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

/** The person or company data as submitted (normalized), without payment, consent or origin. */
export type SignupData = Signup extends infer S ? (S extends unknown ? Omit<S, 'payment' | 'terms' | 'originPage'> : never) : never;

export const signups = pgTable(
  'signups',
  {
    id: id(),
    tenantId: tenantId(),
    accountType: accountType('account_type').notNull(),
    status: signupStatus('status').notNull().default('pending_confirmation'),
    tariffId: uuid('tariff_id')
      .notNull()
      .references(() => tariffs.id),
    data: jsonb('data').$type<SignupData>().notNull(),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    /** None when the person chose a passkey or an authenticator app instead of SMS. */
    mobile: text('mobile'),
    locale: text('locale').$type<Locale>().notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    evidence: jsonb('evidence').$type<SignupEvidence>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    confirmedAt: at('confirmed_at'),
    /**
     * SHA-256 of the signup handle (`tk_sgh_…`) the creating browser gets: lets the done screen resend the
     * confirmation e-mail and correct the address until the signup is confirmed or expires.
     */
    handleHash: text('handle_hash'),
  },
  (t) => [index('signups_tenant_idx').on(t.tenantId), index('signups_pending_idx').on(t.status, t.createdAt)],
);

export const sepaMandates = pgTable(
  'sepa_mandates',
  {
    id: id(),
    tenantId: tenantId(),
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
