import { defineCatalogue } from '../i18n.js';
import de from './factor-errors/de.js';

/** The second factors' field error messages (see `factor-errors/de.ts`). */
export const factorErrorMessages = defineCatalogue('factor-errors', de, (locale) => import(`./factor-errors/${locale}.ts`));
export type FactorErrorCode = keyof typeof de;
