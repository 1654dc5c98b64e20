import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/de.js';

/** The texts of the provider's banner while acting on a sub-account; loaded with it (`acting.ts`), other locales on first use. */
export const actingMessages = defineCatalogue('acting', de, (locale) => import(`./messages/${locale}.ts`));
export type ActingKey = keyof typeof de;
