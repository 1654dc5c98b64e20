// One-time links (e-mail) and PIN challenges (SMS): their purposes and what each carries, as
// discriminated unions keyed by `purpose`. Types only; the BFF's link and PIN services use them.

/** What an e-mail link carries out when redeemed, by purpose. */
export interface LinkPayloads {
  signup: Record<never, never>;
  set_password: Record<never, never>;
  email_change: { email: string };
  /** Double opt-in of a co-user added by a business account's admin (7 days). */
  sub_user: Record<never, never>;
}
export type LinkPurpose = keyof LinkPayloads;
export type LinkPayload = { [P in LinkPurpose]: { purpose: P } & LinkPayloads[P] }[LinkPurpose];

/** What a correct PIN completes, by purpose. */
export interface PinPayloads {
  login: Record<never, never>;
  /** The new password's hash (never the password) and the link that allowed it. */
  password_setup: { passwordHash: string; linkId: string };
  mobile_change: { mobile: string };
  /** Link an existing account as a sub-account: the code goes to its admin, the main account's admin enters it. */
  location_link: { mainAccountId: string; subAccountId: string; collectiveInvoice: boolean };
}
export type PinPurpose = keyof PinPayloads;
export type PinPayload = { [P in PinPurpose]: { purpose: P } & PinPayloads[P] }[PinPurpose];
