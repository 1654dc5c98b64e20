import { defineCatalogue } from '../i18n.js';
import de from './location-email/de.js';

/** The locations flow's e-mails and its code SMS (`tk-locations`): the link code, linked, ordered, unlinked. */
export const locationEmailMessages = defineCatalogue('location-email', de, (locale) => import(`./location-email/${locale}.ts`));
