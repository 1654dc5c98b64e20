import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/forgot/de.js';

/**
 * The login's texts for "forgot password". Like its steps, they are not part of the page: they come with
 * them, when "forgot password" is chosen (`forgot.ts`).
 */
export const forgotMessages = defineCatalogue('forgot', de, (locale) => import(`./messages/forgot/${locale}.ts`));
export type ForgotKey = keyof typeof de;
