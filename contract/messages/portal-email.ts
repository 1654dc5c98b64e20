import { defineCatalogue } from '../i18n.js';
import de from './portal-email/de.js';

/** The portal's e-mails. */
export const portalEmailMessages = defineCatalogue('portal-email', de, (locale) => import(`./portal-email/${locale}.ts`));
