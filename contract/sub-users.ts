import { z } from 'zod';
import { salutations } from './enums.js';
import { defineLifecycle } from './lifecycle.js';
import { type Country, countries, invoiceNoteProblem, isMobile, textProblem, toE164 } from './rules.js';
import { isIsoDate } from './terms.js';

// Co-users ("Mitbenutzer") of a business account (`tk-sub-users`, PRODUCT.md §3.3): the lifecycle, the
// requests and the answers of `/v1/sub-users`, one definition for the widget and the BFF. Custom issue
// codes are field error codes from `messages/field-errors`.

/**
 * Added by the admin → `pending_confirmation`; the co-user confirms by e-mail link → `active` (or the
 * link runs out after 7 days → `expired`; a resend brings it back); the admin cancels → `cancellation_scheduled`
 * until the end date, withdrawable; the end-of-term job → `cancelled`. A co-user not yet confirmed is
 * cancelled at once (no contract has started).
 */
export const subUserLifecycle = defineLifecycle({
  name: 'sub_user',
  states: ['pending_confirmation', 'active', 'cancellation_scheduled', 'cancelled', 'expired'],
  transitions: [
    { from: ['pending_confirmation'], to: 'active', by: ['customer'] },
    { from: ['pending_confirmation'], to: 'expired', by: ['system'] },
    { from: ['expired'], to: 'pending_confirmation', by: ['admin'] },
    { from: ['active'], to: 'cancellation_scheduled', by: ['admin'] },
    { from: ['cancellation_scheduled'], to: 'active', by: ['admin'] },
    { from: ['cancellation_scheduled'], to: 'cancelled', by: ['system'] },
    { from: ['pending_confirmation', 'expired'], to: 'cancelled', by: ['admin'] },
  ],
});
export const subUserStatuses = ['pending_confirmation', 'active', 'cancellation_scheduled', 'cancelled', 'expired'] as const;
export type SubUserStatus = (typeof subUserStatuses)[number];

/** Days a co-user's confirmation link is valid: longer than a signup's, the co-user does not expect it. */
export const SUB_USER_LINK_DAYS = 7;
/** How far ahead an admin may choose a co-user's end date. */
export const MAX_END_YEARS = 5;

const fail = (ctx: z.RefinementCtx, path: (string | number)[], code: string) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code } });

const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((value, ctx) => {
    const problem = textProblem('name', value);
    if (problem) fail(ctx, [], problem);
  });

/** `null` or an empty string clears the note. */
export const invoiceNoteField = z
  .string()
  .trim()
  .max(200)
  .superRefine((value, ctx) => {
    const problem = invoiceNoteProblem(value);
    if (problem) fail(ctx, [], problem);
  })
  .transform((v) => v || null);

const mobileInput = z.string().trim().min(1).max(30);

/** Add a co-user: "Mitbenutzer einrichten". `country` says how to read a national mobile number (default DE). */
export const subUserCreateSchema = z
  .object({
    salutation: z.enum(salutations),
    firstName: name,
    lastName: name,
    email: z.email().max(254),
    mobile: mobileInput,
    country: z.enum(countries).optional(),
    tariffId: z.uuid(),
    invoiceNote: invoiceNoteField.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const e164 = toE164(v.mobile, (v.country ?? 'DE') as Country);
    if (!e164 || !isMobile(e164)) fail(ctx, ['mobile'], 'mobile_invalid');
  })
  .transform(({ country, ...v }) => ({
    ...v,
    email: v.email.toLowerCase(),
    mobile: toE164(v.mobile, (country ?? 'DE') as Country)!,
    invoiceNote: v.invoiceNote ?? null,
  }))
  .meta({ id: 'SubUserCreate' });
export type SubUserCreateInput = z.input<typeof subUserCreateSchema>;
export type SubUserCreate = z.output<typeof subUserCreateSchema>;

/**
 * Change a co-user: the invoice note (from the next invoice), the tariff (from the 1st of next month), or —
 * only before the co-user has confirmed — the e-mail address (a new link goes there, the old one stops).
 */
export const subUserUpdateSchema = z
  .object({
    invoiceNote: invoiceNoteField.nullable().optional(),
    tariffId: z.uuid().optional(),
    email: z.email().max(254).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.invoiceNote === undefined && v.tariffId === undefined && v.email === undefined) fail(ctx, [], 'nothing_to_change');
  })
  .transform((v) => ({ ...v, email: v.email?.toLowerCase() }))
  .meta({ id: 'SubUserUpdate' });
export type SubUserUpdateInput = z.input<typeof subUserUpdateSchema>;

/** "Jetzt kündigen": without `endDate`, the earliest end date; a later day may be chosen. */
export const subUserCancelSchema = z
  .object({
    endDate: z
      .string()
      .trim()
      .refine(isIsoDate, { params: { code: 'invalid_date' }, message: 'invalid_date' })
      .optional(),
  })
  .strict()
  .meta({ id: 'SubUserCancel' });
export type SubUserCancelInput = z.input<typeof subUserCancelSchema>;

export const subUserIdParamSchema = z.object({ id: z.uuid() });

// Answers

const tariffRef = z.object({ id: z.uuid(), name: z.string() });
const day = z.iso.date();

export const subUserSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(subUserStatuses),
    salutation: z.enum(salutations),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    /** Masked like the profile's: `+49 170 ••••• 78`. */
    mobile: z.string(),
    /** Once confirmed: the co-user's own login, SIP address and customer number. */
    username: z.string().nullable(),
    sipAddress: z.string().nullable(),
    customerNumber: z.string().nullable(),
    tariff: tariffRef,
    /** A tariff change waiting for its date. */
    nextTariff: tariffRef.extend({ from: day }).nullable(),
    invoiceNote: z.string().nullable(),
    /** The first invoice (its month's 1st) the current note is printed on. */
    invoiceNoteFrom: day.nullable(),
    createdAt: z.iso.datetime(),
    /** When the newest confirmation e-mail went out, and when its link stops working. */
    confirmationSentAt: z.iso.datetime(),
    confirmationExpiresAt: z.iso.datetime(),
    /** Seconds until the confirmation may be sent again (0: now); only meaningful while pending or expired. */
    resendAfter: z.number().int(),
    confirmedAt: z.iso.datetime().nullable(),
    /** The contract's first day (the day of confirmation). */
    startsOn: day.nullable(),
    /** For an active co-user: the earliest end date if cancelled today (computed by the BFF). */
    earliestEndDate: day.nullable(),
    /** A scheduled or done cancellation: when it was received and the contract's last day. */
    cancellation: z.object({ receivedAt: z.iso.datetime(), endsOn: day }).nullable(),
    cancelledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SubUser' });
export type SubUser = z.infer<typeof subUserSchema>;

export const subUserListSchema = z.object({ subUsers: z.array(subUserSchema) }).meta({ id: 'SubUserList' });

/** What a change did, with the dates it takes effect. */
export const subUserUpdatedSchema = z
  .object({
    subUser: subUserSchema,
    /** Each change and when it applies: the note from the next invoice, the tariff from the 1st of next month, an address at once. */
    effective: z.object({ invoiceNote: day.nullable(), tariff: day.nullable(), email: z.boolean() }),
  })
  .meta({ id: 'SubUserUpdated' });

/** The receipt of a cancellation: what the confirmation e-mail says too. */
export const subUserCancellationSchema = z
  .object({
    subUser: subUserSchema,
    /** When the BFF received the cancellation (date and time of receipt). */
    receivedAt: z.iso.datetime(),
    /** The contract's last day; null for a co-user cancelled before confirming (no contract started). */
    endsOn: day.nullable(),
    earliestEndDate: day.nullable(),
    /** A reference for the receipt. */
    reference: z.string(),
  })
  .meta({ id: 'SubUserCancellation' });
export type SubUserCancellation = z.infer<typeof subUserCancellationSchema>;

export const subUserResendSchema = z
  .object({ subUser: subUserSchema, retryAfter: z.number().int() })
  .meta({ id: 'SubUserResend' });
