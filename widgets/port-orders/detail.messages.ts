import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/detail/de.js';

/** The texts of an order's detail (the `port-orders-detail` chunk); other locales load on first use. */
export const detailMessages = defineCatalogue('port-orders-detail', de, (locale) => import(`./messages/detail/${locale}.ts`));
export type DetailKey = keyof typeof de;
