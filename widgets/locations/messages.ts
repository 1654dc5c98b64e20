import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/de.js';

/** The texts of `<tk-locations>` (overview and steps); other locales load on first use. */
export const locationsMessages = defineCatalogue('locations', de, (locale) => import(`./messages/${locale}.ts`));
export type LocationsKey = keyof typeof de;
