import { z } from 'zod';
import { contractProducts, contractStatuses, ineligibleReasons } from './credentials.js';
import { siteAddressSchema } from './locations.js';

// Contracts and new internet access credentials (`tk-credential-reset`, PRODUCT.md §3.6): the requests and
// answers of `/v1/contracts`, one definition for the widget and the BFF. The rules (eligibility, alphabet,
// limits) are plain constants in `credentials.ts`.

export const contractIdParamSchema = z.object({ id: z.uuid() });

/**
 * "Neue Internet-Zugangsdaten generieren": the caller's consent that the stored e-mail address and mobile
 * number may be used to send the credentials (the PDF) and the code that opens it. `consent` must be
 * `true`; anything else is 422 with the field error `consent_required` at `consent`.
 */
export const credentialRotationSchema = z
  .object({ consent: z.boolean() })
  .strict()
  .meta({ id: 'CredentialRotationRequest' });
export type CredentialRotationInput = z.input<typeof credentialRotationSchema>;

/** The account a contract belongs to: the caller's own, or one of its linked sub-accounts. */
export const contractAccountSchema = z.object({
  accountId: z.uuid(),
  customerNumber: z.string(),
  displayName: z.string(),
  /** `main`: the caller's account; `sub`: a sub-account linked to it. */
  role: z.enum(['main', 'sub']),
});

export const contractSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    /** The provider's contract number, as printed on invoices. */
    contractNumber: z.string(),
    product: z.enum(contractProducts),
    /** The contract's name; for CompanyFlex the site contract ("Standortvertrag"), e.g. `CompanyFlex Complete`. */
    name: z.string(),
    /** The site or branch ("Standort/Filiale") the contract is for. */
    siteName: z.string(),
    siteAddress: siteAddressSchema,
    /** Whether the contract has an access line ("Anschluss") of the provider's. */
    accessLine: z.boolean(),
    status: z.enum(contractStatuses),
    /** The PPPoE username of the access line; null without one. Never the password. */
    pppoeUsername: z.string().nullable(),
    /** Whether new credentials can be generated; when not, `reason` says why. */
    eligible: z.boolean(),
    reason: z.enum(ineligibleReasons).nullable(),
    /** When the credentials were last generated here; null if never. */
    credentialsRotatedAt: z.iso.datetime().nullable(),
    /** How many more times new credentials can be generated in the next 24 hours (`MAX_ROTATIONS_PER_DAY` in any 24 hours). */
    rotationsLeft: z.number().int().min(0),
    /** With none left: when the next one is possible (the oldest of the window is then 24 hours old); else null. */
    nextRotationAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Contract' });
export type Contract = z.infer<typeof contractSchema>;

/**
 * `GET /v1/contracts`: the contracts of the caller's account and, for a main account's admin, of its
 * linked sub-accounts; accounts in the order main, then sub-accounts by customer number; contracts by
 * product (the order of `contractProducts`), then site name. `contact` is where a rotation would send
 * the PDF and the code, masked.
 */
export const contractListSchema = z
  .object({
    accounts: z.array(contractAccountSchema),
    contracts: z.array(contractSchema),
    contact: z.object({
      /** The logged-in admin's e-mail address, masked (`a•••@example.com`). */
      email: z.string(),
      /** The logged-in admin's mobile number, masked (`+49 151 •••••• 78`). */
      mobile: z.string().nullable().meta({ description: 'None: the admin has no mobile number, and new credentials need one for the code (422 `mobile_required`)' }),
    }),
  })
  .meta({ id: 'ContractList' });
export type ContractList = z.infer<typeof contractListSchema>;

/**
 * New credentials were generated: the old password no longer works. Where the e-mail with the encrypted
 * PDF and the SMS with the code went (masked); never the password or the code.
 */
export const credentialRotationResultSchema = z
  .object({
    contractId: z.uuid(),
    rotatedAt: z.iso.datetime(),
    sentTo: z.object({ email: z.string(), mobile: z.string() }),
    /** How many more rotations this contract allows in the next 24 hours. */
    rotationsLeft: z.number().int().min(0),
    /** With none left: when the next one is possible; else null. */
    nextRotationAt: z.iso.datetime().nullable(),
    /** The how-manieth set of credentials of this contract this is (1 for the first ever generated here): named in the e-mail, the PDF's file name and the SMS, so the newest is recognisable. */
    sequence: z.number().int().min(1),
  })
  .meta({ id: 'CredentialRotation' });
export type CredentialRotation = z.infer<typeof credentialRotationResultSchema>;
