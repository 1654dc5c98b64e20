import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/second-factor/de.js';

/** The texts of the signup's choice how logins are confirmed (`second-factor.ts`), in its chunk, not in the page. */
export const secondFactorMessages = defineCatalogue('signup-second-factor', de, (locale) => import(`./messages/second-factor/${locale}.ts`));
export type SecondFactorKey = keyof typeof de;
