/** The passkey sign-in's texts (`passkey.ts`): they come with its code, only where passkeys work. */
export default {
  'passkey.login': 'Mit Passkey anmelden',
  'passkey.or': 'Oder ohne Passwort: mit einem Passkey, also mit Fingerabdruck, Gesicht oder Geräte-PIN.',
  'passkey.unsupported': 'Passkeys funktionieren in diesem Browser oder auf dieser Seite nicht. Bitte melden Sie sich mit Ihrem Passwort an.',
  'passkey.failed': 'Die Anmeldung mit dem Passkey hat nicht geklappt. Bitte versuchen Sie es noch einmal oder melden Sie sich mit Ihrem Passwort an.',
} as const;
