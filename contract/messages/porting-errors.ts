import { defineCatalogue } from '../i18n.js';
import de from './porting-errors/de.js';

/** Number porting's field error messages, and each number problem's (see `porting-errors/de.ts`). */
export const portingErrorMessages = defineCatalogue('porting-errors', de, (locale) => import(`./porting-errors/${locale}.ts`));
export type PortingErrorCode = keyof typeof de;
