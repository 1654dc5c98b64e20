/** Texts of the portal widgets: the login's and what the three share (the PIN step's, "forgot password", the password setup's and the profile's are in `messages/<feature>/`). */
export default {
  'login.title': 'Anmelden',
  'login.intro': 'Melden Sie sich mit Benutzername oder E-Mail-Adresse und Passwort an. Danach bestätigen Sie die Anmeldung.',
  username: 'Benutzername',
  password: 'Passwort',
  'password.show': 'Passwort anzeigen',
  'login.submit': 'Anmelden',
  'login.forgot': 'Passwort vergessen?',
  'login.done': 'Sie sind angemeldet als {name}.',
  logout: 'Abmelden',
  'logout.done': 'Sie sind abgemeldet.',
  back: 'Zurück',
  'login.name': 'Benutzername oder E-Mail-Adresse',
} as const;
