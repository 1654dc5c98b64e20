/** The BFF's own pages (`bff/pages/`), beside the confirmation texts they share with `<tk-confirm>`. */
export default {
  'setPassword.title': 'Passwort festlegen',
  'confirm.username': 'Ihr Benutzername:',
  'confirm.usernameHint': 'Anmelden können Sie sich mit dem Benutzernamen oder Ihrer E-Mail-Adresse.',
  'confirm.next': 'Passwort festlegen',
  'subUser.title': 'Anmeldung als Mitbenutzer bestätigen',
  'subUser.intro': 'Bitte bestätigen Sie, dass Sie als Mitbenutzer angemeldet werden möchten. Danach richten wir Ihren Zugang ein und senden Ihnen Ihre Zugangsdaten.',
  'subUser.button': 'Anmeldung bestätigen',
  'subUser.confirmed': 'Vielen Dank! Ihr Zugang ist eingerichtet. Ihre Zugangsdaten und einen Link zum Festlegen Ihres Passworts haben wir Ihnen per E-Mail geschickt.',
  'subUser.alreadyConfirmed': 'Diese Anmeldung ist bereits bestätigt. Ihre Zugangsdaten haben wir Ihnen per E-Mail geschickt.',
  'subUser.expired': 'Dieser Link ist abgelaufen: Er galt 7 Tage. Bitten Sie die Person, die Sie angemeldet hat, Ihnen im Kundenportal einen neuen Link zu senden.',
  'subUser.superseded': 'Dieser Link gilt nicht mehr: Es gibt einen neueren, oder die Anmeldung wurde zurückgezogen. Bitte verwenden Sie den Link aus der neuesten E-Mail oder fragen Sie die Person, die Sie angemeldet hat.',
} as const;
