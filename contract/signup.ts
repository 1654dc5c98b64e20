import { z } from 'zod';
import { defineLifecycle } from './lifecycle.js';
import { accountTypes, legalForms, salutations } from './enums.js';
import { ibanProblem, isBic, normalizeIban } from './banking.js';
import { type Country, countries, isAdult, isMobile, isPostalCode, type TextKind, textProblem, toE164 } from './rules.js';
import { setupFactors } from './factors.js';

// The signup request, one schema for the widget and the BFF. Codes of custom issues are field error
// codes from `messages/`; `checkSignupContext` adds the checks that need today's date and the tenant.

export const fail = (ctx: z.RefinementCtx, path: (string | number)[], code: string) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code } });

/** Free text of a kind (`rules.ts`): names, companies, addresses, codes; it may reach e-mails and PDFs. */
const checked = (kind: TextKind) => (value: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(kind, value);
  if (problem) fail(ctx, [], problem);
};
export const text = (max: number, kind: TextKind) => z.string().trim().min(1).max(max).superRefine(checked(kind));
export const optionalText = (max: number, kind: TextKind) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine(checked(kind))
    .optional()
    .transform((v) => v || undefined);

/** Nobody signing up today was born before 1900. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export const addressSchema = z
  .object({
    street: text(100, 'address'),
    houseNumber: text(20, 'address'),
    postalCode: z.string().trim().min(1).max(10),
    city: text(100, 'address'),
    country: z.enum(countries),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (!isPostalCode(a.country, a.postalCode)) fail(ctx, ['postalCode'], 'postal_code');
  });

/** A phone number normalized to E.164 by the country of the address it belongs to (see `withPhones`). */
const phoneText = z.string().trim().max(30);

const personFields = {
  salutation: z.enum(salutations),
  firstName: text(100, 'name'),
  lastName: text(100, 'name'),
  email: z.email().max(254),
  /** Required for a business contact; a private or professional person may leave it empty with a passkey or an app as `secondFactor`. */
  mobile: phoneText.optional(),
  phone: phoneText.optional(),
};

export const personSchema = z
  .object({
    ...personFields,
    title: optionalText(40, 'name'),
    birthDate: z.iso.date().superRefine((value, ctx) => {
      if (value < EARLIEST_BIRTH_DATE) fail(ctx, [], 'date_too_early');
    }),
    address: addressSchema,
  })
  .strict();

export const employerSchema = z
  .object({
    name: text(150, 'address'),
    address: addressSchema,
    contactName: text(150, 'name'),
    contactEmail: z.email().max(254).optional(),
    contactPhone: phoneText.optional(),
  })
  .strict();

export const companySchema = z
  .object({
    name: text(150, 'address'),
    legalForm: z.enum(legalForms),
    vatId: optionalText(20, 'address'),
    registerNumber: optionalText(40, 'address'),
    address: addressSchema,
  })
  .strict();

export const contactPersonSchema = z.object(personFields).strict();

export const invoiceAddressSchema = z.object({ name: text(150, 'address'), address: addressSchema }).strict();

export const paymentSchema = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('sepa'),
      accountHolder: text(70, 'address'),
      iban: z.string().trim().max(42),
      bic: optionalText(11, 'address'),
      mandateAccepted: z.boolean(),
    })
    .strict(),
  z.object({ method: z.literal('invoice') }).strict(),
]);

export const termsSchema = z.object({ accepted: z.boolean(), version: text(40, 'text') }).strict();

const common = {
  tariffId: z.uuid(),
  payment: paymentSchema,
  terms: termsSchema,
  /**
   * How the person will confirm logins: `sms` (needs the mobile number), or a passkey or authenticator app
   * set up with the password. Only private and professional accounts may go without a mobile number.
   */
  secondFactor: z.enum(setupFactors).optional(),
  /** The page the signup was made on, kept as double-opt-in evidence: an http(s) address only. */
  originPage: z.url({ protocol: /^https?$/ }).max(2000).optional(),
};

const accountSchema = z.discriminatedUnion('accountType', [
  z.object({ accountType: z.literal('private'), person: personSchema, ...common }).strict(),
  z
    .object({
      accountType: z.literal('professional'),
      person: personSchema,
      employer: employerSchema,
      invoiceAddress: invoiceAddressSchema.optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      accountType: z.literal('business'),
      company: companySchema,
      invoiceAddress: invoiceAddressSchema.optional(),
      contact: contactPersonSchema,
      /** "Neuen Standort bestellen": the intent `POST /v1/locations/intents` issued; once confirmed, the account is linked. */
      locationIntent: z.string().trim().min(20).max(100).optional(),
      ...common,
    })
    .strict(),
]);

/**
 * The whole signup: shape, per-country postal codes, phone numbers normalized to E.164 (mobile must be
 * a mobile), IBAN checksum and length, optional BIC, the mandate, the terms checkbox.
 */
export const signupSchema = accountSchema
  .superRefine((s, ctx) => {
    const holder = s.accountType === 'business' ? s.contact : s.person;
    const country: Country = s.accountType === 'business' ? s.company.address.country : s.person.address.country;
    const holderPath = s.accountType === 'business' ? 'contact' : 'person';
    if (!holder.mobile) {
      // Without a number the second factor must be a passkey or an app (set up with the password).
      if (s.accountType === 'business') fail(ctx, [holderPath, 'mobile'], 'required');
      else if ((s.secondFactor ?? 'sms') === 'sms') fail(ctx, [holderPath, 'mobile'], 'mobile_required_without_factor');
    } else {
      const mobile = toE164(holder.mobile, country);
      if (!mobile || !isMobile(mobile)) fail(ctx, [holderPath, 'mobile'], 'mobile_invalid');
    }
    if (holder.phone && !toE164(holder.phone, country)) fail(ctx, [holderPath, 'phone'], 'phone_invalid');
    if (s.payment.method === 'sepa') {
      const problem = ibanProblem(s.payment.iban);
      if (problem) fail(ctx, ['payment', 'iban'], problem);
      if (s.payment.bic && !isBic(s.payment.bic)) fail(ctx, ['payment', 'bic'], 'bic_invalid');
      if (!s.payment.mandateAccepted) fail(ctx, ['payment', 'mandateAccepted'], 'mandate_required');
    }
    if (!s.terms.accepted) fail(ctx, ['terms', 'accepted'], 'terms_required');
  })
  .transform((s) => {
    const country = s.accountType === 'business' ? s.company.address.country : s.person.address.country;
    const phones = <T extends { mobile?: string | undefined; phone?: string | undefined }>(p: T): T => ({
      ...p,
      mobile: p.mobile ? toE164(p.mobile, country)! : undefined,
      phone: p.phone ? toE164(p.phone, country) : undefined,
    });
    const payment = s.payment.method === 'sepa' ? { ...s.payment, iban: normalizeIban(s.payment.iban), bic: s.payment.bic?.toUpperCase() } : s.payment;
    return s.accountType === 'business'
      ? { ...s, contact: phones(s.contact), payment }
      : { ...s, person: phones(s.person), payment };
  })
  .meta({ id: 'Signup' });

export type SignupInput = z.input<typeof signupSchema>;
export type Signup = z.output<typeof signupSchema>;

export interface SignupContext {
  /** Today in the tenant's time zone, ISO. */
  today: string;
  termsVersion: string;
  tariffs: { id: string; accountTypes: readonly string[] }[];
}

/** The checks that need today's date and the tenant: age, terms version, tariff for the account type. */
export function checkSignupContext(s: Signup, context: SignupContext): { path: string; code: string }[] {
  const problems: { path: string; code: string }[] = [];
  if (s.accountType !== 'business' && !isAdult(s.person.birthDate, context.today)) {
    problems.push({ path: 'person.birthDate', code: 'underage' });
  }
  if (s.terms.version !== context.termsVersion) problems.push({ path: 'terms.version', code: 'terms_outdated' });
  const tariff = context.tariffs.find((t) => t.id === s.tariffId);
  if (!tariff) problems.push({ path: 'tariffId', code: 'tariff_unknown' });
  else if (!tariff.accountTypes.includes(s.accountType)) problems.push({ path: 'tariffId', code: 'tariff_not_offered' });
  return problems;
}

export { accountTypes };

/**
 * A signup's lifecycle: the customer confirms it from the e-mail link (double opt-in); unconfirmed, it
 * expires (the system, after `OPT_IN_DAYS`).
 */
export const signupLifecycle = defineLifecycle({
  name: 'signup',
  states: ['pending_confirmation', 'confirmed', 'expired'],
  transitions: [
    { from: ['pending_confirmation'], to: 'confirmed', by: ['customer'] },
    { from: ['pending_confirmation'], to: 'expired', by: ['system'] },
  ],
});
export type SignupStatus = (typeof signupLifecycle.states)[number];
