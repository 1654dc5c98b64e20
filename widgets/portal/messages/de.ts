/** Texts of the portal widgets: the login's and what the three share (the PIN step's, the password setup's and the profile's are in `messages/<feature>/`). */
export default {
  'login.title': 'Anmelden',
  'login.intro': 'Melden Sie sich mit Benutzername oder E-Mail-Adresse und Passwort an. Danach senden wir Ihnen einen Code per SMS.',
  username: 'Benutzername',
  password: 'Passwort',
  'password.show': 'Passwort anzeigen',
  'login.submit': 'Anmelden',
  'login.forgot': 'Passwort vergessen?',
  'login.done': 'Sie sind angemeldet als {name}.',
  logout: 'Abmelden',
  'logout.done': 'Sie sind abgemeldet.',
  back: 'Zurück',
  'forgot.title': 'Passwort vergessen',
  'forgot.intro': 'Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.',
  'login.name': 'Benutzername oder E-Mail-Adresse',
  'forgot.submit': 'Link anfordern',
  'forgot.done': 'Wenn wir ein Konto zu „{login}“ haben, ist eine E-Mail mit einem Link unterwegs. Der Link gilt 60 Minuten. Bitte sehen Sie auch im Spam-Ordner nach.',
} as const;
