import { defineCatalogue } from '../i18n.js';
import de from './sub-user-email/de.js';

/** The co-users' e-mails (`tk-sub-users`): opt-in, credentials, notices to the admin, cancellation receipts. */
export const subUserEmailMessages = defineCatalogue('sub-user-email', de, (locale) => import(`./sub-user-email/${locale}.ts`));
