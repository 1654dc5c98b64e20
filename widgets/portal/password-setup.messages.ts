import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/password-setup/de.js';

/**
 * The texts of `<tk-password-setup>` alone, so that the login page does not download them; what it shares
 * with the other portal widgets (PIN step, "show password") is in `messages.ts`.
 */
export const passwordSetupMessages = defineCatalogue('password-setup', de, (locale) => import(`./messages/password-setup/${locale}.ts`));
export type PasswordSetupKey = keyof typeof de;
