/** Texts of `<tk-password-setup>` alone: its page downloads them, the login page does not (the portal's shared texts: `../de.ts`). */
export default {
  'setup.title': 'Passwort festlegen',
  'setup.intro': 'Wählen Sie ein Passwort mit mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist sicher und leicht zu merken. Danach bestätigen Sie es mit einem Code per SMS oder, wenn Ihr Konto keine Mobilnummer hat, mit einem Passkey oder einer Authenticator-App.',
  'setup.password': 'Neues Passwort',
  'password.hint': '12 bis 128 Zeichen, keine weiteren Regeln',
  'setup.repeat': 'Neues Passwort wiederholen',
  'setup.submit': 'Weiter',
  'setup.done': 'Ihr Passwort ist gespeichert. Alle anderen Anmeldungen wurden beendet; wir haben Ihnen eine Bestätigung per E-Mail geschickt.',
  'setup.loginNow': 'Jetzt anmelden',
  'setup.loginHint': 'Melden Sie sich jetzt mit Ihrem Benutzernamen {username} und dem neuen Passwort an.',
  'setup.username': 'Ihr Benutzername: {username}',
  'setup.noToken': 'Der Link ist unvollständig. Bitte öffnen Sie ihn noch einmal aus der E-Mail.',
  'setup.newLink': 'Über „Passwort vergessen?“ bei der Anmeldung erhalten Sie einen neuen Link.',
} as const;
