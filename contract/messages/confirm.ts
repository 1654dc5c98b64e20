import { defineCatalogue } from '../i18n.js';
import de from './confirm/de.js';

/** The confirmation page's texts, for `<tk-confirm>` and the BFF's fallback page alike. */
export const confirmMessages = defineCatalogue('confirm', de, (locale) => import(`./confirm/${locale}.ts`));
export type ConfirmKey = keyof typeof de;
