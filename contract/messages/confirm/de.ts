/** The confirmation page's texts, for `<tk-confirm>` and the BFF's fallback page alike. */
export default {
  title: 'Kontoeröffnung bestätigen',
  intro: 'Bitte bestätigen Sie Ihre E-Mail-Adresse. Danach richten wir Ihr Konto ein und senden Ihnen Ihre Zugangsdaten.',
  button: 'Kontoeröffnung bestätigen',
  confirmed: 'Vielen Dank! Ihr Konto ist eingerichtet. Ihre Zugangsdaten und einen Link zum Festlegen Ihres Passworts haben wir Ihnen per E-Mail geschickt.',
  already_confirmed: 'Diese Kontoeröffnung ist bereits bestätigt. Ihre Zugangsdaten haben wir Ihnen per E-Mail geschickt.',
  resend: 'Neuen Link anfordern',
  sent: 'Wir haben Ihnen einen neuen Link geschickt. Er gilt 24 Stunden.',
  missing: 'Der Link ist unvollständig. Bitte öffnen Sie ihn noch einmal aus der E-Mail.',
  email_title: 'E-Mail-Adresse bestätigen',
  email_intro: 'Bitte bestätigen Sie, dass wir Ihnen künftig an diese Adresse schreiben sollen.',
  email_button: 'E-Mail-Adresse bestätigen',
  email_confirmed: 'Vielen Dank! Ihre neue E-Mail-Adresse gilt ab sofort.',
  email_already_confirmed: 'Diese E-Mail-Adresse ist bereits bestätigt.',
} as const;
