import { defineCatalogue } from '../i18n.js';
import de from './api-errors/de.js';

/** Field error messages only the API gives (see `api-errors/de.ts`); the BFF loads them, no widget does. */
export const apiErrorMessages = defineCatalogue('api-errors', de, (locale) => import(`./api-errors/${locale}.ts`));
