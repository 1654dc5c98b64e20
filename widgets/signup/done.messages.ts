import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/done/de.js';

/** The done screen's own texts, in its own chunk: a signup page downloads them only after the order. */
export const doneMessages = defineCatalogue('signup-done', de, (locale) => import(`./messages/done/${locale}.ts`));
export type DoneKey = keyof typeof de;
