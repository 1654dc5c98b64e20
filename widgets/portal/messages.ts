import { defineCatalogue, type Params } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import de from './messages/de.js';

/**
 * Texts of the portal widgets: the login's, the PIN step's and those the three share; other locales load on
 * first use. The password setup's and the profile's own texts are catalogues of their own
 * (`password-setup.messages.ts`, `profile.messages.ts`), so that the login page does not download them.
 */
export const portalMessages = defineCatalogue('portal', de, (locale) => import(`./messages/${locale}.ts`));
export type PortalKey = keyof typeof de;

export function pt(locale: Locale, key: PortalKey, params?: Params): string {
  return portalMessages.t(locale, key, params);
}
