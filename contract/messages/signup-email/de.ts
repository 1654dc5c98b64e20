/** The signup's e-mails: double opt-in and, once confirmed, the account's details. `{brand}` is the tenant's name. */
export default {
  'confirmation.subject': 'Bitte bestätigen Sie Ihre Kontoeröffnung bei {brand}',
  'confirmation.body': 'vielen Dank für Ihre Kontoeröffnung. Bitte bestätigen Sie Ihre E-Mail-Adresse, damit wir Ihr Konto einrichten können. Der Link gilt {hours} Stunden und nur einmal.',
  'confirmation.button': 'Kontoeröffnung bestätigen',
  'confirmation.ignore': 'Wenn Sie kein Konto eröffnet haben, ignorieren Sie diese E-Mail; dann geschieht nichts.',
  /** A new location ordered by a main account's admin: who ordered it, and what the link means. */
  'locationConfirmation.orderedBy':
    '{admin} ({main}, Kundennummer {mainNumber}) hat für Ihr Unternehmen einen neuen Standort bestellt. Nach Ihrer Bestätigung ist er mit dem Hauptaccount {main} verknüpft, dessen Administratoren für diesen Standort handeln können.',
  'locationConfirmation.ignore': 'Wenn Sie diesen Standort nicht möchten, bestätigen Sie nicht und wenden Sie sich an {admin} ({main}); ohne Bestätigung geschieht nichts.',
  'credentials.subject': 'Ihr Konto bei {brand} ist eingerichtet',
  'credentials.body': 'Ihr Konto ist eingerichtet. Das sind Ihre Zugangsdaten:',
  'credentials.customerNumber': 'Kundennummer',
  'credentials.username': 'Benutzername',
  'credentials.sipAddress': 'SIP-Adresse',
  'credentials.setPassword': 'Legen Sie jetzt Ihr Passwort fest. Der Link gilt {hours} Stunden und nur einmal.',
  'credentials.button': 'Passwort festlegen',
} as const;
