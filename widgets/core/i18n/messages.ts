import { defineCatalogue } from '../../../contract/i18n.js';
import de from './messages/de.js';

/** The kit's shared texts: provider, primitives, wizard and submit controllers. */
export const kitMessages = defineCatalogue('kit', de, (locale) => import(`./messages/${locale}.ts`));
export type MessageKey = keyof typeof de;
