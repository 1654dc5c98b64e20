import { defineCatalogue, type Params } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import de from './messages/numbers/de.js';

/** The numbers step's texts, in the `porting-numbers` chunk; other locales load on first use, in their own chunk. */
export const numbersMessages = defineCatalogue('porting-numbers', de, (locale) => import(`./messages/numbers/${locale}.ts`));
export type NumbersKey = keyof typeof de;

export function nt(locale: Locale, key: NumbersKey, params?: Params): string {
  return numbersMessages.t(locale, key, params);
}
