import { defineCatalogue } from '../i18n.js';
import de from './factor-email/de.js';

/** The notices of a change to the second factors (passkey, authenticator app, recovery codes): e-mail and SMS. */
export const factorEmailMessages = defineCatalogue('factor-email', de, (locale) => import(`./factor-email/${locale}.ts`));
