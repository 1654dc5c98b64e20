import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/de.js';

/** The texts of `<tk-porting>` (frame, customer and subscription); other locales load on first use. */
export const portingMessages = defineCatalogue('porting', de, (locale) => import(`./messages/${locale}.ts`));
export type PortingKey = keyof typeof de;
