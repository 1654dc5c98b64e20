import { defineCatalogue } from '../i18n.js';
import de from './power-of-attorney/de.js';

/** The power of attorney for a number port (`GET /v1/port-orders/:id/power-of-attorney`), as printed in the PDF. */
export const powerOfAttorneyMessages = defineCatalogue('power-of-attorney', de, (locale) => import(`./power-of-attorney/${locale}.ts`));
export type PowerOfAttorneyKey = keyof typeof de;
