/** The done screen's actions (`done.ts`): loaded with it, after the order, not before. */
export default {
  'done.resend': 'E-Mail erneut senden',
  'done.resendIn': 'E-Mail erneut senden ({time})',
  'done.wait': 'Erneut senden ist in {time} Minuten möglich.',
  'done.sent': 'E-Mail erneut an {email} gesendet. Der vorherige Link gilt nicht mehr.',
  'done.change': 'Falsche Adresse? Ändern',
  'done.email': 'E-Mail-Adresse',
  'done.save': 'Speichern und senden',
  'done.changed': 'Adresse geändert: Link an {email} gesendet. Der vorherige gilt nicht mehr.',
} as const;
