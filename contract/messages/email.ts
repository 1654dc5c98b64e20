import { defineCatalogue } from '../i18n.js';
import de from './email/de.js';

/** What every e-mail has: greeting and footer. */
export const emailMessages = defineCatalogue('email', de, (locale) => import(`./email/${locale}.ts`));
