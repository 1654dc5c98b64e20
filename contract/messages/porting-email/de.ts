/**
 * The e-mails to the partner agent who created a port order, one per status change (`announceTransition`).
 * `{reference}` is the order's reference (`PO-…`), `{company}` the customer's company, `{status}` the new
 * status in words (`porting` catalogue), `{when}` a date and time in Europe/Zurich, `{brand}` the tenant.
 * The status's description (what it means) comes from the `porting` catalogue; here is what to do next.
 */
export default {
  subject: 'Portierungsauftrag {reference} ({company}): {status}',
  'subject.submitted': 'Portierungsauftrag {reference} ({company}) ist eingereicht',
  'subject.cancelled': 'Portierungsauftrag {reference} ({company}) ist abgebrochen',
  body: 'Ihr Portierungsauftrag {reference} für {company} hat einen neuen Status: {status}.',
  'body.submitted': 'Ihr Portierungsauftrag {reference} für {company} ist eingereicht. Wir prüfen ihn jetzt.',
  'body.resubmitted': 'Ihr Portierungsauftrag {reference} für {company} ist nach der Rückfrage erneut eingereicht. Wir prüfen ihn jetzt.',
  'body.cancelled': 'Sie haben den Portierungsauftrag {reference} für {company} abgebrochen.',
  'label.reference': 'Auftrag',
  'label.company': 'Kunde',
  'label.status': 'Status',
  'label.reason': 'Grund',
  'label.scheduled': 'Portierungstermin',
  'label.numbers': 'Nummern',
  'label.comment': 'Kommentar des Anbieters:',
  'scheduled.at': '{when} Uhr (Schweizer Zeit)',
  'next.heading': 'Wie es weitergeht:',
  'next.submitted': 'Sie müssen nichts tun. Sobald der Auftrag geprüft ist, erhalten Sie eine E-Mail: mit der Freigabe oder mit einer Rückfrage.',
  'next.clarification_needed': 'Öffnen Sie den Auftrag {reference} in Ihrer Auftragsübersicht, ergänzen oder korrigieren Sie ihn, wie im Kommentar verlangt, und reichen Sie ihn erneut ein.',
  'next.approved': 'Sie müssen nichts tun. Sobald der Portierungstermin feststeht, erhalten Sie eine E-Mail mit Datum und Uhrzeit.',
  'next.rejected': 'Prüfen Sie den Grund und den Kommentar. Dieser Auftrag wird nicht weiter bearbeitet; erfassen Sie bei Bedarf einen neuen Auftrag mit den richtigen Angaben.',
  'next.scheduled': 'Informieren Sie Ihren Kunden {company} über den Termin: Während der Portierung kann die Telefonie kurz unterbrochen sein. Abbrechen können Sie den Auftrag bis {cutoff} Uhr.',
  'next.ported': 'Die Nummern sind jetzt auf der Anlage aktiv. Die provisorischen Nummern werden freigegeben und sind bald nicht mehr erreichbar.',
  'next.failed': 'Der Anbieter meldet sich bei Ihnen für das weitere Vorgehen. Die Nummern bleiben bis dahin beim bisherigen Anbieter.',
  'next.cancelled': 'Es wird nichts portiert; die provisorischen Nummern werden freigegeben. Erfassen Sie bei Bedarf einen neuen Auftrag.',
} as const;
