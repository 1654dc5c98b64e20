/** Texts of the signup's choice how logins are confirmed (`second-factor.ts`): they come with its chunk, not with the page. */
export default {
  title: 'So bestätigen Sie Ihre Anmeldungen',
  review: 'Anmeldungen bestätigen mit',
  sms: 'SMS-Code an diese Mobilnummer',
  'sms.hint': 'Nach dem Passwort schicken wir Ihnen einen Code per SMS.',
  passkey: 'Passkey',
  'passkey.hint': 'Anmelden mit Fingerabdruck, Gesicht oder Geräte-PIN. Sie richten ihn ein, wenn Sie Ihr Passwort festlegen.',
  totp: 'Authenticator-App',
  'totp.hint': 'Eine App auf Ihrem Handy zeigt den Code. Sie richten sie ein, wenn Sie Ihr Passwort festlegen.',
  // The same text as the BFF's field error `mobile_required_without_factor` (`contract/messages/factor-errors/de.ts`).
  mobileRequired: 'Bitte geben Sie eine Mobilnummer an — oder wählen Sie als zweiten Schritt bei der Anmeldung einen Passkey oder eine Authenticator-App.',
} as const;
