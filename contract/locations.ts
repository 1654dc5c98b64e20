import { z } from 'zod';
import { countries } from './rules.js';

// Locations ("Standortverwaltung", `tk-locations`, PRODUCT.md §3.4): a main account and its linked
// sub-accounts, one level only, business accounts of one tenant. The requests and answers of
// `/v1/locations`, one definition for the widget and the BFF. Custom issue codes are field error codes
// (`messages/location-errors`).

/** How long the code sent to the other account's admin works. */
export const LINK_CODE_HOURS = 24;
/** How long a "new location" intent may start a signup. */
export const LOCATION_INTENT_HOURS = 24;

/**
 * A customer number as people type it: spaces, hyphens and dots dropped, upper case
 * ("DR 9000-0217" and "dr90000217" are DR90000217).
 */
export const normalizeCustomerNumber = (value: string) => value.replace(/[\s.\-\u2010-\u2013]/g, '').toUpperCase();

/** "Bestehendes Konto hinzufügen": the other account's customer number, and whether it joins the collective invoice. */
export const linkRequestSchema = z
  .object({
    customerNumber: z.string().overwrite(normalizeCustomerNumber).min(1).max(40),
    collectiveInvoice: z.boolean(),
  })
  .strict()
  .meta({ id: 'LocationLinkRequest' });
export type LinkRequestInput = z.input<typeof linkRequestSchema>;

/** The 6-digit code the other account's admin received (by SMS and e-mail). */
export const linkConfirmSchema = z
  .object({ pin: z.string().trim().min(1).max(20) })
  .strict()
  .meta({ id: 'LocationLinkConfirm' });

/** Collective invoice on or off, from the 1st of next month. */
export const locationUpdateSchema = z.object({ collectiveInvoice: z.boolean() }).strict().meta({ id: 'LocationUpdate' });

/** "Neuen Standort bestellen": whether the new location joins the collective invoice once linked. */
export const locationIntentSchema = z.object({ collectiveInvoice: z.boolean() }).strict().meta({ id: 'LocationIntentRequest' });

export const accountIdParamSchema = z.object({ accountId: z.uuid() });
export const linkRequestIdParamSchema = z.object({ id: z.uuid() });

// Answers

const day = z.iso.date();

export const siteAddressSchema = z.object({
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.enum(countries),
});

/**
 * The collective invoice ("Sammelrechnung") of a sub-account: whether it is on it today, and a change
 * waiting for the 1st of next month (`next` differs from `current` until `from`).
 */
export const collectiveInvoiceStateSchema = z.object({
  current: z.boolean(),
  next: z.boolean(),
  /** The 1st of the month `next` holds from; null when nothing is waiting. */
  from: day.nullable(),
});

export const locationSchema = z
  .object({
    accountId: z.uuid(),
    customerNumber: z.string(),
    displayName: z.string(),
    /** The site: the company address given at signup; null when none is known. */
    siteAddress: siteAddressSchema.nullable(),
    /** The account's own status (`active`, `cancelled`, …). */
    status: z.string(),
    /** `main` for the main account, `sub` for a linked one. */
    role: z.enum(['main', 'sub']),
    /** For a sub-account: its collective invoice; null for the main account. */
    collectiveInvoice: collectiveInvoiceStateSchema.nullable(),
    /** For a sub-account: when it was linked, and how (`code`: an existing account; `order`: ordered as a new location). */
    linkedSince: z.iso.datetime().nullable(),
    via: z.enum(['code', 'order']).nullable(),
  })
  .meta({ id: 'Location' });
export type Location = z.infer<typeof locationSchema>;

/** A new location ordered through `tk-signup` whose signup is not confirmed yet. */
export const orderedLocationSchema = z.object({
  signupId: z.uuid(),
  displayName: z.string(),
  orderedAt: z.iso.datetime(),
  collectiveInvoice: z.boolean(),
});

/** A link request whose code the other account's admin has and this admin has not entered yet. */
export const openLinkRequestSchema = z.object({
  challengeId: z.uuid(),
  account: z.object({ customerNumber: z.string(), displayName: z.string() }),
  collectiveInvoice: z.boolean(),
  expiresAt: z.iso.datetime(),
  /** Masked, where the code went. */
  sentTo: z.string(),
  emailTo: z.string(),
});
export type OpenLinkRequest = z.infer<typeof openLinkRequestSchema>;

/**
 * `GET /v1/locations`: what the caller may see. A main account's admin: the main account first, then its
 * sub-accounts (`position: 'main'`, or `'none'` while there are none). A sub-account's own admin, and a
 * main admin acting on a sub-account: that account alone (`position: 'sub'`), never the main account or
 * its siblings.
 */
export const locationListSchema = z
  .object({
    position: z.enum(['main', 'sub', 'none']),
    /** Whether this session may link, order, switch, unlink and change the collective invoice. */
    canManage: z.boolean(),
    accounts: z.array(locationSchema),
    orders: z.array(orderedLocationSchema),
    /** Link requests this admin made whose code is still open (not used, not replaced, not expired): the code step can be resumed. */
    requests: z.array(openLinkRequestSchema),
  })
  .meta({ id: 'LocationList' });
export type LocationList = z.infer<typeof locationListSchema>;

/** The code is on its way to the other account's admin: the request id is the challenge id of the PIN step. */
export const linkRequestIssuedSchema = z
  .object({
    challengeId: z.uuid(),
    expiresAt: z.iso.datetime(),
    /** Masked: where the code went. */
    sentTo: z.string(),
    emailTo: z.string(),
    /** The account asked for, as its admin named it. */
    account: z.object({ customerNumber: z.string(), displayName: z.string() }),
  })
  .meta({ id: 'LocationLinkRequestIssued' });
export type LinkRequestIssued = z.infer<typeof linkRequestIssuedSchema>;

export const unlinkedSchema = z
  .object({
    accountId: z.uuid(),
    unlinkedAt: z.iso.datetime(),
    /** The last day it is billed on the collective invoice (end of the current period), null if it was not on it. */
    collectiveInvoiceUntil: day.nullable(),
  })
  .meta({ id: 'LocationUnlinked' });

/** What `tk-signup` needs to order a new location: the intent, and the main account's company data to prefill. */
export const locationIntentIssuedSchema = z
  .object({
    intent: z.string().meta({ description: '`tk_lin_…`: pass to `tk-signup` (`location-intent`); single use, 24 hours' }),
    expiresAt: z.iso.datetime(),
    prefill: z.object({
      company: z
        .object({
          name: z.string(),
          legalForm: z.string(),
          vatId: z.string().optional(),
          registerNumber: z.string().optional(),
          address: siteAddressSchema,
        })
        .nullable(),
      invoiceAddress: z.object({ name: z.string(), address: siteAddressSchema }).nullable(),
    }),
  })
  .meta({ id: 'LocationIntent' });
export type LocationIntentIssued = z.infer<typeof locationIntentIssuedSchema>;
