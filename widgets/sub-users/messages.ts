import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/de.js';

/**
 * The texts of `<tk-sub-users>`'s list; other locales load on first use. Its steps' texts (add, change,
 * cancel) are a catalogue of their own (`steps.messages.ts`) that comes with the steps' code.
 */
export const subUsersMessages = defineCatalogue('sub-users', de, (locale) => import(`./messages/${locale}.ts`));
export type SubUsersKey = keyof typeof de;
