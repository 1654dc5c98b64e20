import { defineCatalogue } from '../i18n.js';
import de from './portal-sms/de.js';

/** The portal's SMS (PINs). */
export const portalSmsMessages = defineCatalogue('portal-sms', de, (locale) => import(`./portal-sms/${locale}.ts`));
