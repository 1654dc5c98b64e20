import { defineCatalogue } from '../i18n.js';
import de from './pages/de.js';

/** The BFF's own pages. */
export const pageMessages = defineCatalogue('pages', de, (locale) => import(`./pages/${locale}.ts`));
