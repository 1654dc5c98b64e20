import { availableLocales, catalogues } from '../../contract/i18n.js';

/**
 * The catalogues the BFF speaks. It renders e-mails, SMS and pages synchronously (inside transactions),
 * so this module loads every locale of every catalogue once, at start (top-level await): a missing
 * locale file stops the BFF from starting instead of sending German by surprise. Import catalogues
 * from here, not from `contract/messages/`, and they are loaded.
 */
export { confirmMessages } from '../../contract/messages/confirm.js';
export { fieldErrorMessages } from '../../contract/messages/field-errors.js';
export { legalMessages } from '../../contract/messages/legal.js';
export { problemMessages } from '../../contract/messages/problems.js';

await Promise.all(catalogues().flatMap((catalogue) => availableLocales().map((locale) => catalogue.load(locale))));
