/**
 * Field error messages of the second factors (passkeys, authenticator apps, recovery codes), by code: in
 * the BFF's problem+json `errors[].message` and at the widgets' fields. Each says how to go on.
 */
export default {
  totp_format: 'Der Code aus der Authenticator-App hat 6 Ziffern. Bitte geben Sie ihn ohne andere Zeichen ein.',
  totp_wrong: 'Dieser Code stimmt nicht oder ist schon verwendet. Geben Sie den Code ein, den die App gerade anzeigt.',
  recovery_format: 'Ein Wiederherstellungscode hat 12 Zeichen, zum Beispiel ABCD-EFGH-JKLM. Bitte prüfen Sie die Eingabe.',
  recovery_wrong: 'Dieser Wiederherstellungscode stimmt nicht oder ist schon verwendet. Jeder Code gilt nur einmal.',
  mobile_required_without_factor: 'Bitte geben Sie eine Mobilnummer an — oder wählen Sie als zweiten Schritt bei der Anmeldung einen Passkey oder eine Authenticator-App.',
  passkey_label_invalid: 'Der Name des Passkeys darf 1 bis 60 Zeichen lang sein.',
  // Builder A: passkeys
  passkey_invalid: 'Der Passkey konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal oder verwenden Sie ein anderes Gerät.',
} as const;
