/** The BFF's own pages (`bff/pages/`), beside the confirmation texts they share with `<tk-confirm>`. */
export default {
  'setPassword.title': 'Passwort festlegen',
  'confirm.username': 'Ihr Benutzername:',
  'confirm.usernameHint': 'Anmelden können Sie sich mit dem Benutzernamen oder Ihrer E-Mail-Adresse.',
  'confirm.next': 'Passwort festlegen',
} as const;
