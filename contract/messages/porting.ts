import { defineCatalogue } from '../i18n.js';
import de from './porting/de.js';

/** Number porting in words: statuses with their meaning, reject and fail reasons (see `porting/de.ts`). */
export const portingMessages = defineCatalogue('porting', de, (locale) => import(`./porting/${locale}.ts`));
export type PortingMessageKey = keyof typeof de;
