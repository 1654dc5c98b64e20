import { defineCatalogue } from '../../contract/i18n.js';
import type { FactorKey, PinKey } from '../core/pin.js';
import de from './messages/pin-step/de.js';

/**
 * The portal's texts for the code step (SMS PIN, authenticator app, recovery code, passkey, another method). Like the step's code, they are not part of the page: they come
 * with the first code sent (`pin-step.ts`).
 */
export const pinStepMessages = defineCatalogue('pin-step', de satisfies Record<PinKey | FactorKey, string>, (locale) => import(`./messages/pin-step/${locale}.ts`));
