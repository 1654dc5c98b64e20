import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/de.js';

/** The texts of `<tk-credential-reset>`; other locales load on first use. */
export const credentialResetMessages = defineCatalogue('credential-reset', de, (locale) => import(`./messages/${locale}.ts`));
export type CredentialResetKey = keyof typeof de;
