import { z } from 'zod';
import { PASSWORD_MAX, isPostalCode } from './rules.js';
import { fail, optionalText, text } from './signup.js';
import {
  failReasons,
  isLoginName,
  isOfficeTime,
  licences,
  MAX_SINGLE_NUMBERS,
  numberProblems,
  portingCountries,
  portOrderLifecycle,
  rejectReasons,
} from './porting.js';
import { isUid } from './uid.js';

// Number porting (`tk-porting`, `tk-port-orders`, PRODUCT.md §3.5): the requests and answers of
// `/v1/numbers/check`, `/v1/customers` and `/v1/port-orders`, one definition for the widgets and the BFF.
// The rules themselves (DDI `x`, calendar, pro-rata, UID, lifecycle) are in `porting.ts`. Custom issue
// codes are field error codes (`messages/porting-errors`).

const day = z.iso.date();
/** `HH:MM` (also `9:30`), then within office hours 08:00–17:00. */
const time = z
  .string()
  .trim()
  .overwrite((v) => (/^\d:\d\d$/.test(v) ? `0${v}` : v))
  .superRefine((v, ctx) => {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) fail(ctx, [], 'time_format');
    else if (!isOfficeTime(v)) fail(ctx, [], 'office_hours');
  })
  .meta({ description: '`HH:MM`, Europe/Zurich, within office hours 08:00–17:00', examples: ['09:30'] });

// Numbers

/** Lines per check: the single numbers, the blocks, and room to see what is too many. */
export const MAX_NUMBER_LINES = 40;

export const numberLines = z.array(z.string().trim().max(40)).max(MAX_NUMBER_LINES);

/** `POST /v1/numbers/check`: the lines as typed; `orderId` names the order they belong to (not "in another order"). */
export const numbersCheckSchema = z
  .object({
    country: z.enum(portingCountries).default('CH'),
    lines: numberLines.min(1),
    orderId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: 'NumbersCheck' });
export type NumbersCheckInput = z.input<typeof numbersCheckSchema>;

export const numberProblemSchema = z.object({
  code: z.enum(numberProblems),
  /** What is wrong and how to fix it, in the request's language. */
  message: z.string(),
});

/** One line of the report: as typed, as understood, and what (if anything) keeps it from being ported here. */
export const numberLineReportSchema = z
  .object({
    /** The line's position in `lines` (blank lines are reported too, as `invalid`, so positions match). */
    index: z.number().int(),
    input: z.string(),
    kind: z.enum(['single', 'block']),
    /** The number (single) or the block's first number, E.164; null when it is none. */
    e164: z.string().nullable(),
    /** `fixed_line`, `mobile`, `toll_free`, `voip`, `shared_cost`, … (libphonenumber-js types, lower case); null when unknown. */
    type: z.string().nullable(),
    /** For a DDI block: its first and last number and how many it holds. */
    range: z.object({ first: z.string(), last: z.string(), size: z.number().int() }).nullable(),
    problems: z.array(numberProblemSchema),
  })
  .meta({ id: 'NumberLineReport' });
export type NumberLineReport = z.infer<typeof numberLineReportSchema>;

export const numbersReportSchema = z
  .object({
    country: z.enum(portingCountries),
    lines: z.array(numberLineReportSchema),
    singles: z.number().int(),
    blocks: z.number().int(),
    /** How many single numbers one order may hold. */
    maxSingles: z.literal(MAX_SINGLE_NUMBERS),
    /** No line has a problem: the list may be submitted. */
    clean: z.boolean(),
  })
  .meta({ id: 'NumbersReport' });
export type NumbersReport = z.infer<typeof numbersReportSchema>;

// Customers

const phone = z.string().trim().min(1).max(30);

/** "Neuen Kunden erstellen": the seed's checklist, and the optional UID. */
export const customerCreateSchema = z
  .object({
    /** Letters, digits and `& + / , ( )` as in company names ("Müller & Söhne AG", "3M Schweiz AG"). */
    companyName: text(120, 'address'),
    street: text(120, 'address'),
    postalCode: z.string().trim().min(1).max(10),
    city: text(100, 'address'),
    country: z.enum(portingCountries).default('CH'),
    contactName: text(120, 'name'),
    invoiceEmail: z.email().max(254),
    /** Any notation; stored as E.164 of `country`. */
    phone,
    uid: optionalText(30, 'text'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!isPostalCode(c.country, c.postalCode)) fail(ctx, ['postalCode'], 'postal_code');
    if (c.uid && !isUid(c.uid)) fail(ctx, ['uid'], 'uid_invalid');
  })
  .meta({ id: 'CustomerCreate' });
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;

export const customerSchema = z
  .object({
    id: z.uuid(),
    companyName: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.enum(portingCountries),
    contactName: z.string(),
    invoiceEmail: z.string(),
    phone: z.string(),
    uid: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;

export const customerListSchema = z.object({ items: z.array(customerSchema) }).meta({ id: 'CustomerList' });
export const customerListQuerySchema = z.object({ q: z.string().trim().max(100).optional() });

// Port orders: the draft, saved step by step

/** The steps whose data `PATCH` saves; `complete` names the one the agent finishes (validated whole). */
export const portOrderSteps = ['customer', 'subscription', 'numbers', 'workplaces'] as const;
export type PortOrderStep = (typeof portOrderSteps)[number];

export const signerSchema = z.object({ name: text(120, 'name'), role: text(80, 'name') }).strict();

export const numbersSectionSchema = z
  .object({
    country: z.enum(portingCountries),
    lines: numberLines,
    /** New numbers wanted besides the ported ones. */
    newNumbers: z.number().int().min(0).max(1000),
    /** A code of `PROVIDERS[country]`, or `unknown`. */
    currentProvider: z.string().trim().min(1).max(40),
    /** The customer's customer or contract number with the current provider, as on its invoice (optional; speeds up the port). */
    currentProviderAccount: z.string().trim().max(60),
    signing: z.enum(['single', 'collective']),
    /** One signer (single signature) or two (collective signature). */
    signers: z.array(signerSchema).min(1).max(2),
    timing: z.enum(['contract_end', 'asap']),
    /** With `contract_end`: the contract's end, a porting day (7 Swiss working days ahead at least). */
    portingDate: day.nullable(),
    /** With `contract_end`: the desired time, office hours 08:00–17:00. */
    portingTime: time.nullable(),
    /** Telephony and internet on one contract at the old provider (then a partial port is recommended). */
    sharedContract: z.boolean(),
    scope: z.enum(['partial', 'full']),
    /** For a full port: numbers not listed here are lost, and the internet may go off on the porting date. */
    fullPortAcknowledged: z.boolean(),
    note: z.string().trim().max(2000),
  })
  .partial()
  .strict();

export const workplaceInputSchema = z
  .object({
    /** An existing row (keeps its password when none is sent); omitted for a new row. */
    id: z.uuid().optional(),
    displayName: text(80, 'name'),
    loginName: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        if (!isLoginName(v)) fail(ctx, [], 'login_name');
      }),
    /** 12–128 characters; required for a new row; never returned. */
    password: z.string().min(12).max(PASSWORD_MAX).optional(),
    licence: z.enum(licences),
  })
  .strict();

export const workplacesSectionSchema = z
  .object({
    rows: z.array(workplaceInputSchema).max(200),
    /** The reseller's own login on the PBX, to support the customer. */
    supportLogin: z
      .object({
        loginName: workplaceInputSchema.shape.loginName,
        password: z.string().min(12).max(PASSWORD_MAX).optional(),
      })
      .strict()
      .nullable(),
  })
  .partial()
  .strict();

/**
 * `POST /v1/port-orders` (a new draft) and `PATCH /v1/port-orders/:id` (save a step): any sections, each
 * checked for shape; `complete` names the step being finished, which is then checked whole (required
 * fields, the calendar, the workplaces' login names) — the draft is saved either way only when valid.
 */
export const portOrderDraftSchema = z
  .object({
    complete: z.enum(portOrderSteps).optional(),
    customerId: z.uuid().nullable().optional(),
    subscription: z.object({ tariffId: z.uuid().nullable(), startDate: day.nullable() }).partial().strict().optional(),
    numbers: numbersSectionSchema.optional(),
    workplaces: workplacesSectionSchema.optional(),
  })
  .strict()
  .meta({ id: 'PortOrderDraft' });
export type PortOrderDraftInput = z.input<typeof portOrderDraftSchema>;

export const portOrderIdParamSchema = z.object({ id: z.uuid() });

export const portOrderListQuerySchema = z.object({
  status: z.enum(portOrderLifecycle.states).optional(),
  /** Searches the reference, the customer's company name and the numbers. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

// Port orders: answers

export const priceLineSchema = z.object({
  kind: z.enum(['subscription', 'licence']),
  /** The tariff code or the licence. */
  code: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitMonthlyCents: z.number().int(),
  monthlyCents: z.number().int(),
});

/** The price preview: monthly total, and the first month pro rata by day from the start date. */
export const pricePreviewSchema = z
  .object({
    currency: z.string().length(3),
    /** Prices are gross; this is the VAT they include, in basis points (810 = 8.1 %). */
    vatRateBp: z.number().int(),
    lines: z.array(priceLineSchema),
    monthlyTotalCents: z.number().int(),
    /** From the start date to the end of its month, both included. */
    firstMonth: z.object({ from: day, to: day, days: z.number().int(), daysInMonth: z.number().int(), cents: z.number().int() }).nullable(),
  })
  .meta({ id: 'PortOrderPrice' });
export type PricePreview = z.infer<typeof pricePreviewSchema>;

export const portOrderNumberSchema = z.object({
  id: z.uuid(),
  input: z.string(),
  kind: z.enum(['single', 'block']),
  e164: z.string().nullable(),
  type: z.string().nullable(),
  range: z.object({ first: z.string(), last: z.string(), size: z.number().int() }).nullable(),
  status: z.enum(['pending', 'ported', 'failed', 'cancelled']),
  /** The temporary number while the port runs (given at submission). */
  temporaryNumber: z.string().nullable(),
  temporaryReleased: z.boolean(),
});

export const historyEntrySchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: z.iso.datetime(),
  /** `agent` (with the agent's name), `operator`, `system`. */
  actor: z.object({ kind: z.string(), name: z.string().nullable() }),
  reason: z.string().nullable(),
  /** The reason in words, in the request's language. */
  reasonText: z.string().nullable(),
  comment: z.string().nullable(),
});

export const documentSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['signed_power_of_attorney']),
    fileName: z.string(),
    contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
    byteSize: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PortOrderDocument' });

/** What the agent (or operator) may do now, by the lifecycle and the 48-hour rule. */
export const portOrderActions = ['edit', 'submit', 'cancel', 'approve', 'reject', 'clarify', 'schedule', 'complete', 'fail'] as const;

const statusFields = {
  status: z.enum(portOrderLifecycle.states),
  /** The status in words, and what it means for the agent, in the request's language. */
  statusText: z.string(),
  statusDescription: z.string(),
};

export const portOrderSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    ...statusFields,
    customerName: z.string().nullable(),
    /** How many single numbers and DDI blocks the order ports. */
    numberCount: z.number().int(),
    blockCount: z.number().int(),
    portingDate: day.nullable(),
    scheduledAt: z.iso.datetime().nullable(),
    /** For the operator: the reseller the order comes from. */
    tenant: z.object({ id: z.uuid(), name: z.string() }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PortOrderSummary' });

export const portOrderListSchema = z
  .object({ items: z.array(portOrderSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'PortOrderList' });

export const portOrderSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    ...statusFields,
    /** The furthest step saved as complete: 0 none, 1 customer … 4 workplaces. */
    step: z.number().int(),
    tenant: z.object({ id: z.uuid(), name: z.string() }),
    agent: z.object({ id: z.uuid(), name: z.string() }),
    customer: customerSchema.nullable(),
    subscription: z.object({ tariffId: z.uuid().nullable(), startDate: day.nullable() }),
    numbers: z.object({
      country: z.enum(portingCountries),
      lines: z.array(portOrderNumberSchema),
      newNumbers: z.number().int(),
      currentProvider: z.string().nullable(),
      currentProviderAccount: z.string().nullable(),
      signing: z.enum(['single', 'collective']).nullable(),
      signers: z.array(z.object({ name: z.string(), role: z.string() })),
      timing: z.enum(['contract_end', 'asap']).nullable(),
      portingDate: day.nullable(),
      portingTime: z.string().nullable(),
      sharedContract: z.boolean().nullable(),
      scope: z.enum(['partial', 'full']).nullable(),
      fullPortAcknowledged: z.boolean(),
      note: z.string().nullable(),
    }),
    workplaces: z.object({
      rows: z.array(z.object({ id: z.uuid(), displayName: z.string(), loginName: z.string(), licence: z.enum(licences), passwordSet: z.boolean() })),
      supportLogin: z.object({ loginName: z.string(), passwordSet: z.boolean() }).nullable(),
    }),
    price: pricePreviewSchema.nullable(),
    history: z.array(historyEntrySchema),
    documents: z.array(documentSchema),
    actions: z.array(z.enum(portOrderActions)),
    submittedAt: z.iso.datetime().nullable(),
    scheduledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PortOrder' });
export type PortOrder = z.infer<typeof portOrderSchema>;

/** `GET /v1/port-orders/options`: what the wizard offers, with today's calendar. */
export const portingOptionsSchema = z
  .object({
    products: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), monthlyPriceCents: z.number().int(), oneOffFeeCents: z.number().int(), currency: z.string() })),
    licences: z.array(z.object({ licence: z.enum(licences), monthlyPriceCents: z.number().int(), currency: z.string() })),
    vatRateBp: z.number().int(),
    /** Today in Europe/Zurich, and the earliest porting date from it. */
    today: day,
    earliestPortingDate: day.nullable(),
    /** The current providers per country (`code` goes into `numbers.currentProvider`; `unknown` is always allowed). */
    providers: z.record(z.enum(portingCountries), z.array(z.object({ code: z.string(), name: z.string() }))),
  })
  .meta({ id: 'PortingOptions' });

// Operator decisions and the agent's cancel

const comment = z.string().trim().min(1).max(2000);

export const approveSchema = z.object({ comment: comment.optional() }).strict().meta({ id: 'PortOrderApprove' });
export const rejectSchema = z.object({ reason: z.enum(rejectReasons), comment }).strict().meta({ id: 'PortOrderReject' });
export const clarifySchema = z.object({ comment }).strict().meta({ id: 'PortOrderClarify' });
export const scheduleSchema = z
  .object({ date: day, time: time })
  .strict()
  .meta({ id: 'PortOrderSchedule', description: 'A Swiss working day (not in the past) and a time within office hours, Europe/Zurich' });
export const completeSchema = z.object({ comment: comment.optional() }).strict().meta({ id: 'PortOrderComplete' });
export const failSchema = z.object({ reason: z.enum(failReasons), comment: comment.optional() }).strict().meta({ id: 'PortOrderFail' });
export const cancelSchema = z.object({ comment: comment.optional() }).strict().meta({ id: 'PortOrderCancel' });

/**
 * What an operator's decision (`approve`, `reject`, `clarify`, `schedule`, `complete`, `fail`) answers: the
 * order's new status in words and, once scheduled, the confirmed porting time (UTC). A subset of
 * `portOrderSchema`, until the decisions answer with the whole order.
 */
export const portOrderDecisionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    ...statusFields,
    scheduledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PortOrderDecision' });
export type PortOrderDecision = z.infer<typeof portOrderDecisionSchema>;

// Documents of a port order (the signed power of attorney)

/** The largest document `POST /v1/port-orders/:id/documents` takes: 5 MB (5 × 1024 × 1024 bytes). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** What a document may be, by its content (magic bytes), whatever its name or Content-Type says. */
export const documentContentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

export const documentIdParamSchema = z.object({ id: z.uuid(), documentId: z.uuid() });

/** `?fileName=` of an upload: optional, cleaned of paths and control characters, its extension set by the content. */
export const documentUploadQuerySchema = z.object({ fileName: z.string().trim().max(200).optional() });

/** `GET /v1/port-orders/:id/power-of-attorney`: `?locale=` one of the tenant's languages; default the tenant's default. */
export const powerOfAttorneyQuerySchema = z.object({ locale: z.string().trim().max(10).optional() });

export const documentListSchema = z.object({ items: z.array(documentSchema) }).meta({ id: 'PortOrderDocumentList' });
export type PortOrderDocumentInfo = z.infer<typeof documentSchema>;
