/**
 * Number porting in words: each port order status with what it means for the agent, and each reason an
 * operator gives — in `/v1/port-orders` (`statusText`, `statusDescription`, `reasonText`), the agent's
 * e-mails and `tk-port-orders`. Nobody should have to guess what a status means.
 */
export default {
  'status.draft': 'Entwurf',
  'status.draft.description': 'Noch nicht abgeschickt. Sie können den Auftrag jederzeit weiter bearbeiten und abschicken.',
  'status.submitted': 'Eingereicht',
  'status.submitted.description': 'Der Anbieter prüft den Auftrag. Meist meldet er sich mit einer Rückfrage oder gibt ihn frei.',
  'status.clarification_needed': 'Rückfrage',
  'status.clarification_needed.description': 'Der Anbieter braucht eine Angabe von Ihnen. Lesen Sie den Kommentar, ändern Sie den Auftrag und reichen Sie ihn erneut ein.',
  'status.approved': 'Freigegeben',
  'status.approved.description': 'Der Anbieter hat den Auftrag freigegeben und legt den Portierungstermin fest.',
  'status.rejected': 'Abgelehnt',
  'status.rejected.description': 'Der Anbieter hat den Auftrag abgelehnt; der Grund steht im Verlauf. Erfassen Sie bei Bedarf einen neuen Auftrag.',
  'status.scheduled': 'Termin bestätigt',
  'status.scheduled.description': 'Datum und Uhrzeit der Portierung stehen fest. Bis 48 Stunden vorher können Sie den Auftrag noch abbrechen.',
  'status.ported': 'Portiert',
  'status.ported.description': 'Die Nummern sind portiert und auf der Anlage aktiv. Die provisorischen Nummern werden innerhalb von 10 Minuten wieder freigegeben.',
  'status.failed': 'Portierung fehlgeschlagen',
  'status.failed.description': 'Die Portierung hat nicht geklappt; der Grund steht im Verlauf. Der Anbieter meldet sich für das weitere Vorgehen.',
  'status.cancelled': 'Abgebrochen',
  'status.cancelled.description': 'Der Auftrag wurde abgebrochen; es wird nichts portiert.',
  'reject.holder_mismatch': 'Inhaber stimmt nicht mit dem bisherigen Anbieter überein',
  'reject.signature_missing': 'Unterschriebene Vollmacht fehlt',
  'reject.signature_unauthorised': 'Unterschrift nicht zeichnungsberechtigt (Handelsregister)',
  'reject.numbers_not_with_provider': 'Nummern nicht beim angegebenen Anbieter',
  'reject.contract_terms': 'Vertragsbedingungen beim bisherigen Anbieter',
  'reject.duplicate_order': 'Doppelter Auftrag',
  'reject.other': 'Anderer Grund',
  'fail.provider_refused': 'Der bisherige Anbieter hat die Portierung verweigert',
  'fail.technical': 'Technisches Problem',
  'fail.customer_request': 'Auf Wunsch des Kunden',
  'fail.other': 'Anderer Grund',
  'licence.apps': 'Telefongeräte + Apps',
  'licence.device': 'Nur Gerät',
  'reason.resubmitted': 'Nach Rückfrage erneut eingereicht',
  /** A field error of `POST /v1/port-orders/:id/schedule` at `time`: today, and the time is over. */
  'error.time_in_past': 'Diese Uhrzeit ist heute schon vorbei. Wählen Sie eine spätere Uhrzeit oder einen späteren Tag.',
} as const;
