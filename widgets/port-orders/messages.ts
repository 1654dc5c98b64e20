import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/de.js';

/** The texts of `<tk-port-orders>`' list; other locales load on first use. */
export const portOrdersMessages = defineCatalogue('port-orders', de, (locale) => import(`./messages/${locale}.ts`));
export type PortOrdersKey = keyof typeof de;
