import { defineCatalogue } from '../i18n.js';
import de from './credentials-pdf/de.js';

/** The PDF with new internet access credentials (`bff/domain/credentials-pdf.ts`), as printed. */
export const credentialsPdfMessages = defineCatalogue('credentials-pdf', de, (locale) => import(`./credentials-pdf/${locale}.ts`));
export type CredentialsPdfKey = keyof typeof de;
