import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/factors/de.js';

/** The texts of the profile's factors (`factors.ts`), in its chunk: the profile page does not download them up front. */
export const factorsMessages = defineCatalogue('factors', de, (locale) => import(`./messages/factors/${locale}.ts`));
export type FactorsKey = keyof typeof de;
