import { defineCatalogue } from '../i18n.js';
import de from './porting-email/de.js';

/** The port order e-mails to the agent (`bff/messaging/templates/porting.ts`): one per status change. */
export const portingEmailMessages = defineCatalogue('porting-email', de, (locale) => import(`./porting-email/${locale}.ts`));
export type PortingEmailKey = keyof typeof de;
