import { defineCatalogue } from '../i18n.js';
import de from './problems/de.js';

/** Problem titles by code, as the BFF answers them in problem+json. */
export const problemMessages = defineCatalogue('problems', de, (locale) => import(`./problems/${locale}.ts`));
export type ProblemCode = keyof typeof de;
