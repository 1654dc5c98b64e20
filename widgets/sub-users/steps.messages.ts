import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/steps/de.js';

/** The texts of `<tk-sub-users>`'s steps (add, change, cancel): loaded with the steps (`steps.ts`), not with the list. */
export const subUserStepsMessages = defineCatalogue('sub-users-steps', de, (locale) => import(`./messages/steps/${locale}.ts`));
export type StepsKey = keyof typeof de;
