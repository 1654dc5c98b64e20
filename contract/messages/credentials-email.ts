import { defineCatalogue } from '../i18n.js';
import de from './credentials-email/de.js';

/**
 * New internet access credentials (`tk-credential-reset`, PRODUCT.md §3.6): the e-mail with the encrypted
 * PDF, the SMS with the code that opens it, and the problems' `detail` (why a contract is not eligible,
 * when the next rotation is allowed).
 */
export const credentialsEmailMessages = defineCatalogue('credentials-email', de, (locale) => import(`./credentials-email/${locale}.ts`));
