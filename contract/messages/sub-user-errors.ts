import { defineCatalogue } from '../i18n.js';
import de from './sub-user-errors/de.js';

/** The co-user flow's field error messages (see `sub-user-errors/de.ts`). */
export const subUserErrorMessages = defineCatalogue('sub-user-errors', de, (locale) => import(`./sub-user-errors/${locale}.ts`));
export type SubUserErrorCode = keyof typeof de;
