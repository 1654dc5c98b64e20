import { defineCatalogue, type Params } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import de from './messages/de.js';

/** Texts of the portal widgets (login, password setup, profile); other locales load on first use. */
export const portalMessages = defineCatalogue('portal', de, (locale) => import(`./messages/${locale}.ts`));
export type PortalKey = keyof typeof de;

export function pt(locale: Locale, key: PortalKey, params?: Params): string {
  return portalMessages.t(locale, key, params);
}
