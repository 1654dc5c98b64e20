import type { AccountType } from './enums.js';
import type { Locale } from './locales.js';
import { legalMessages } from './messages/legal.js';

/**
 * The legal texts, one source for the widget that shows them and the BFF that stores them as evidence:
 * both call these functions with the same arguments, so the evidence is exactly what the customer saw.
 */

export type MandateScheme = 'core' | 'b2b';

/** SEPA Core for consumers (private, professional), SEPA B2B for businesses. */
export const mandateScheme = (accountType: AccountType): MandateScheme => (accountType === 'business' ? 'b2b' : 'core');

/** The SEPA mandate wording the customer accepts, with the creditor's (the tenant's) name. */
export function mandateText(locale: Locale, scheme: MandateScheme, creditor: string): string {
  return legalMessages.t(locale, `mandate.${scheme}`, { creditor });
}

/** The checkbox that grants the mandate. */
export function mandateConsent(locale: Locale, scheme: MandateScheme): string {
  return legalMessages.t(locale, `mandate.accept.${scheme}`);
}

/**
 * The order button: private and professional customers are consumers, whose button must say that the
 * order obliges them to pay (§ 312j (3) BGB, else there is no contract); businesses "submit".
 */
export function orderButtonLabel(locale: Locale, accountType: AccountType): string {
  return legalMessages.t(locale, accountType === 'business' ? 'order.submit' : 'order.pay');
}

/**
 * The terms consent: `terms` and `privacy` are put in for the names of the two documents (links in the
 * widget; plain `name (url)` for the evidence), the version as given.
 */
export function termsConsent(locale: Locale, parts: { terms: string; privacy: string; version: string }): string {
  return legalMessages.t(locale, 'terms.consent', parts);
}

/** The names of the terms and of the privacy notice, as link texts. */
export function legalDocumentNames(locale: Locale): { terms: string; privacy: string } {
  return { terms: legalMessages.t(locale, 'terms.link'), privacy: legalMessages.t(locale, 'privacy.link') };
}
