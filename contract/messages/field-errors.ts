import { defineCatalogue } from '../i18n.js';
import de from './field-errors/de.js';

/** Field error messages by code: at the field in the widgets, in problem+json `errors[].message` from the BFF. */
export const fieldErrorMessages = defineCatalogue('field-errors', de, (locale) => import(`./field-errors/${locale}.ts`));
export type FieldErrorCode = keyof typeof de;
