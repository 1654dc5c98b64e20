import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/profile/de.js';

/**
 * The texts of `<tk-profile>` alone, so that the login page does not download them; what it shares with
 * the other portal widgets (PIN step, "log out") is in `messages.ts`.
 */
export const profileMessages = defineCatalogue('profile', de, (locale) => import(`./messages/profile/${locale}.ts`));
export type ProfileKey = keyof typeof de;
