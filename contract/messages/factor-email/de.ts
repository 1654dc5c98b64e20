/**
 * The notices of a change to a user's sign-in methods (`bff/messaging/templates/factors.ts`): an e-mail
 * and, where a mobile number exists, an SMS. They say what changed and when, never a code or key.
 * `{brand}` is the tenant's name.
 */
export default {
  'passkey_added.subject': 'Neuer Passkey für Ihr Konto bei {brand}',
  'passkey_added.body': 'Ihrem Konto {username} wurde am {when} ein Passkey hinzugefügt: „{label}“. Mit einem Passkey melden Sie sich mit Fingerabdruck, Gesicht oder Geräte-PIN an.',
  'passkey_removed.subject': 'Passkey von Ihrem Konto bei {brand} entfernt',
  'passkey_removed.body': 'von Ihrem Konto {username} wurde am {when} ein Passkey entfernt: „{label}“. Mit ihm kann man sich nicht mehr anmelden.',
  'totp_added.subject': 'Authenticator-App für Ihr Konto bei {brand} eingerichtet',
  'totp_added.body': 'für Ihr Konto {username} wurde am {when} eine Authenticator-App eingerichtet. Ihre Codes gelten ab jetzt bei der Anmeldung.',
  'totp_removed.subject': 'Authenticator-App von Ihrem Konto bei {brand} entfernt',
  'totp_removed.body': 'von Ihrem Konto {username} wurde am {when} die Authenticator-App entfernt. Ihre Codes gelten nicht mehr.',
  'recovery_codes_issued.subject': 'Neue Wiederherstellungscodes für Ihr Konto bei {brand}',
  'recovery_codes_issued.body': 'für Ihr Konto {username} wurden am {when} neue Wiederherstellungscodes erstellt. Alle früheren Codes gelten nicht mehr.',
  'recovery_code_used.subject': 'Anmeldung mit einem Wiederherstellungscode bei {brand}',
  'recovery_code_used.body': 'für Ihr Konto {username} wurde am {when} ein Wiederherstellungscode verwendet. Es sind noch {remaining} Codes übrig.',
  'codes_blocked.subject': 'Viele falsche Codes bei der Anmeldung bei {brand}',
  'codes_blocked.body': 'für Ihr Konto {username} wurden bis {when} sehr viele falsche Codes aus der Authenticator-App oder Wiederherstellungscodes eingegeben. Zu Ihrem Schutz nehmen wir solche Codes bis morgen nicht mehr an; Passkey und SMS-Code gehen weiter. Geändert wurde nichts.',
  'sms_off.subject': 'Anmeldung per SMS für Ihr Konto bei {brand} ausgeschaltet',
  'sms_off.body': 'für Ihr Konto {username} wurde am {when} die Anmeldung per SMS-Code ausgeschaltet. Angemeldet wird jetzt mit Passkey oder Authenticator-App; Ihre Mobilnummer bleibt für Hinweise.',
  'sms_on.subject': 'Anmeldung per SMS für Ihr Konto bei {brand} eingeschaltet',
  'sms_on.body': 'für Ihr Konto {username} wurde am {when} die Anmeldung per SMS-Code wieder eingeschaltet. Ein Code an Ihre Mobilnummer meldet Sie jetzt wieder an.',
  notYou: 'Waren Sie das nicht? Dann ändern Sie bitte sofort Ihr Passwort und wenden Sie sich an {supportEmail}.',
  'sms.passkey_added': '{brand}: Ihrem Konto {username} wurde ein Passkey hinzugefügt. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.passkey_removed': '{brand}: Von Ihrem Konto {username} wurde ein Passkey entfernt. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.totp_added': '{brand}: Für Ihr Konto {username} wurde eine Authenticator-App eingerichtet. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.totp_removed': '{brand}: Von Ihrem Konto {username} wurde die Authenticator-App entfernt. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.recovery_codes_issued': '{brand}: Für Ihr Konto {username} wurden neue Wiederherstellungscodes erstellt. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.recovery_code_used': '{brand}: Für Ihr Konto {username} wurde ein Wiederherstellungscode verwendet, noch {remaining} übrig. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.codes_blocked': '{brand}: Für Ihr Konto {username} wurden sehr viele falsche Codes eingegeben; App- und Wiederherstellungscodes gelten bis morgen nicht. Waren Sie das nicht? Ändern Sie Ihr Passwort.',
  'sms.sms_off': '{brand}: Für Ihr Konto {username} wurde die Anmeldung per SMS ausgeschaltet. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
  'sms.sms_on': '{brand}: Für Ihr Konto {username} wurde die Anmeldung per SMS eingeschaltet. Waren Sie das nicht? Wenden Sie sich sofort an {supportEmail}.',
} as const;
