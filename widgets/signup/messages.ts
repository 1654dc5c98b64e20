import { defineCatalogue, type Params } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import de from './messages/de.js';

/** The signup widget's texts; other locales load on first use, in their own chunk. */
export const signupMessages = defineCatalogue('signup', de, (locale) => import(`./messages/${locale}.ts`));
export type SignupKey = keyof typeof de;

export function st(locale: Locale, key: SignupKey, params?: Params): string {
  return signupMessages.t(locale, key, params);
}
