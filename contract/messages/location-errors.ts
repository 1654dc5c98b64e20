import { defineCatalogue } from '../i18n.js';
import de from './location-errors/de.js';

/** The locations flow's field error messages (see `location-errors/de.ts`). */
export const locationErrorMessages = defineCatalogue('location-errors', de, (locale) => import(`./location-errors/${locale}.ts`));
export type LocationErrorCode = keyof typeof de;
