import { defineCatalogue } from '../i18n.js';
import de from './legal/de.js';

/** Mandate, order-button and consent wording; read it through `contract/legal.ts`. */
export const legalMessages = defineCatalogue('legal', de, (locale) => import(`./legal/${locale}.ts`));
export type LegalKey = keyof typeof de;
