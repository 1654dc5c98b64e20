// Internet access credentials ("Neue Internet-Zugangsdaten", `tk-credential-reset`, PRODUCT.md §3.6, seed 003):
// the rules both the BFF and the widget need. Plain constants, no zod (the widget imports these); the
// requests and answers are in `contracts.ts`.

/** The product families of the contract overview ("Produkt"), in the seed's order. */
export const contractProducts = ['companyflex', 'cloud_pbx', 'sip_trunk', 'ip_voice_data'] as const;
export type ContractProduct = (typeof contractProducts)[number];

/** The products' names as the provider writes them (brand names: the same in every language). */
export const PRODUCT_NAMES: Record<ContractProduct, string> = {
  companyflex: 'CompanyFlex',
  cloud_pbx: 'Cloud PBX',
  sip_trunk: 'SIP-Trunk',
  ip_voice_data: 'IP Voice / Data',
};

/**
 * The contracts new credentials can be generated for — "Verträge mit Anschluss", exactly the seed's five:
 * the product and the contract (for CompanyFlex, the site contract, "Standortvertrag") name.
 */
export const ELIGIBLE_CONTRACTS: readonly { product: ContractProduct; name: string }[] = [
  { product: 'companyflex', name: 'CompanyFlex Complete' },
  { product: 'companyflex', name: 'CompanyFlex MSN Complete' },
  { product: 'companyflex', name: 'CompanyFlex Access Plus' },
  { product: 'cloud_pbx', name: 'Cloud PBX Hauptstandortvertrag' },
  { product: 'cloud_pbx', name: 'Cloud PBX Filialvertrag' },
];

/**
 * Why a contract is shown but cannot get new credentials:
 * - `no_access_line`: the contract has no access line of ours ("Anschluss"), so there are no credentials;
 * - `contract_type`: it has a line, but it is not one of the five contracts of {@link ELIGIBLE_CONTRACTS};
 * - `contract_ended`: the contract is cancelled or ended;
 * - `no_credentials`: one of the five with a line, but no PPPoE username is on record for it (the provider's
 *   systems have not set the line up yet): there is nothing to replace.
 */
export const ineligibleReasons = ['no_access_line', 'contract_type', 'contract_ended', 'no_credentials'] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];

export const contractStatuses = ['active', 'ended'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export type Eligibility = { eligible: true; reason: null } | { eligible: false; reason: IneligibleReason };

/** Whether new credentials can be generated for a contract, and if not, why (the first reason that applies). */
export function eligibility(contract: { product: ContractProduct; name: string; accessLine: boolean; status: ContractStatus; pppoeUsername: string | null }): Eligibility {
  if (contract.status !== 'active') return { eligible: false, reason: 'contract_ended' };
  if (!contract.accessLine) return { eligible: false, reason: 'no_access_line' };
  const listed = ELIGIBLE_CONTRACTS.some((e) => e.product === contract.product && e.name === contract.name);
  if (!listed) return { eligible: false, reason: 'contract_type' };
  return contract.pppoeUsername ? { eligible: true, reason: null } : { eligible: false, reason: 'no_credentials' };
}

/**
 * The characters of a generated password and of the code that opens the PDF: letters and digits without
 * the ones people mistake for each other when they read them off a page or a phone (`0 O o 1 l I i`), and
 * no symbols (some routers refuse them; people mistype them on phones). 55 characters: a password of 20
 * carries about 115 bits, a code of 16 about 92.
 */
export const CREDENTIAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
export const PASSWORD_LENGTH = 20;
export const CODE_LENGTH = 16;
/** At most this many rotations per contract in any 24 hours (a sliding day). */
export const MAX_ROTATIONS_PER_DAY = 3;
