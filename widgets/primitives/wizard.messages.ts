import { defineCatalogue, type Params } from '../../contract/i18n.js';
import type { KitController } from '../core/kit.js';
import de from './messages/wizard/de.js';

/**
 * The texts of the wizards' primitives (date field, stepper, summary) and of back and next. Not in the
 * kit's catalogue: pages without a wizard (the login) do not download them.
 */
export const wizardMessages = defineCatalogue('wizard', de, (locale) => import(`./messages/wizard/${locale}.ts`));
export type WizardKey = keyof typeof de;

/**
 * A wizard text in the element's language. The catalogue is defined before the element's first render,
 * so its kit controller's first locale load fetches it with every other catalogue.
 */
export function wt(i18n: KitController, key: WizardKey, params?: Params): string {
  return wizardMessages.t(i18n.locale, key, params);
}
