import { defineCatalogue } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { subUserErrorMessages } from '../../contract/messages/sub-user-errors.js';
import de from './messages/steps/de.js';

/** The texts of `<tk-sub-users>`'s steps (add, change, cancel): loaded with the steps (`steps.ts`), not with the list. */
export const subUserStepsMessages = defineCatalogue('sub-users-steps', de, (locale) => import(`./messages/steps/${locale}.ts`));
export type StepsKey = keyof typeof de;

export { subUserErrorMessages };

/** Loads the steps' texts and the flow's field errors in `locale`. */
export const loadStepTexts = (locale: Locale) => Promise.all([subUserStepsMessages.load(locale), subUserErrorMessages.load(locale)]);
export const hasStepTexts = (locale: Locale) => subUserStepsMessages.has(locale) && subUserErrorMessages.has(locale);
