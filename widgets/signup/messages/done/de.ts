/** The done screen's texts (`done.ts`): loaded with it, after the order, not before. */
export default {
  'done.text': 'Wir haben eine E-Mail an {email} geschickt. Öffnen Sie den Link darin innerhalb von 24 Stunden. Danach richten wir Ihr Konto ein und senden Ihnen Ihre Zugangsdaten.',
  'done.spam': 'Keine E-Mail bekommen? Schauen Sie bitte auch im Spam-Ordner nach.',
  'done.resend': 'E-Mail erneut senden',
  'done.resendIn': 'E-Mail erneut senden ({time})',
  'done.wait': 'Erneut senden ist in {time} Minuten möglich.',
  'done.sent': 'E-Mail erneut an {email} gesendet. Der vorherige Link gilt nicht mehr.',
  'done.change': 'Falsche Adresse? Ändern',
  'done.email': 'E-Mail-Adresse',
  'done.save': 'Speichern und senden',
  'done.changed': 'Adresse geändert: Link an {email} gesendet. Der vorherige gilt nicht mehr.',
} as const;
