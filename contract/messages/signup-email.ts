import { defineCatalogue } from '../i18n.js';
import de from './signup-email/de.js';

/** The signup's e-mails. */
export const signupEmailMessages = defineCatalogue('signup-email', de, (locale) => import(`./signup-email/${locale}.ts`));
