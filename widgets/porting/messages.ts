import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/porting-wizard/de.js';

/** The texts of `<tk-porting>`'s frame and first steps; other locales load on first use. */
export const portingMessages = defineCatalogue('porting-wizard', de, (locale) => import(`./messages/porting-wizard/${locale}.ts`));
export type PortingKey = keyof typeof de;
