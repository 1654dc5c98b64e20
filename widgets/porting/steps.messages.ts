import { defineCatalogue } from '../../contract/i18n.js';
import de from './messages/porting-steps/de.js';

/** The texts of `<tk-porting>`'s later steps (workplaces, price, review, success): loaded with those steps (`steps.ts`). */
export const portingStepsMessages = defineCatalogue('porting-steps', de, (locale) => import(`./messages/porting-steps/${locale}.ts`));
export type PortingStepsKey = keyof typeof de;
