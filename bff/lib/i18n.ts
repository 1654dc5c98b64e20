import { availableLocales, catalogues } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';

/**
 * The catalogues the BFF speaks. It renders e-mails, SMS and pages synchronously (inside transactions),
 * so this module loads every locale of every catalogue once, at start (top-level await): a missing
 * locale file stops the BFF from starting instead of sending German by surprise. Import catalogues
 * from here, not from `contract/messages/`, and they are loaded.
 */
export { apiErrorMessages } from '../../contract/messages/api-errors.js';
export { confirmMessages } from '../../contract/messages/confirm.js';
export { emailMessages } from '../../contract/messages/email.js';
export { fieldErrorMessages } from '../../contract/messages/field-errors.js';
export { legalMessages } from '../../contract/messages/legal.js';
export { pageMessages } from '../../contract/messages/pages.js';
export { portalEmailMessages } from '../../contract/messages/portal-email.js';
export { portalSmsMessages } from '../../contract/messages/portal-sms.js';
export { problemMessages } from '../../contract/messages/problems.js';
export { signupEmailMessages } from '../../contract/messages/signup-email.js';
export { subUserEmailMessages } from '../../contract/messages/sub-user-email.js';
export { locationEmailMessages } from '../../contract/messages/location-email.js';
export { locationErrorMessages } from '../../contract/messages/location-errors.js';
export { subUserErrorMessages } from '../../contract/messages/sub-user-errors.js';
export { credentialsEmailMessages } from '../../contract/messages/credentials-email.js';
export { credentialsPdfMessages } from '../../contract/messages/credentials-pdf.js';
export { factorEmailMessages } from '../../contract/messages/factor-email.js';

/** Loads `locale` in every catalogue; `registerLocale` and then this, for a locale added at run time. */
export const loadEverywhere = (locale: Locale) => Promise.all(catalogues().map((catalogue) => catalogue.load(locale)));

await Promise.all(availableLocales().map(loadEverywhere));
