/**
 * Field error messages of the co-user flow (`tk-sub-users`), by code: in the BFF's problem+json
 * `errors[].message` and at the widget's fields. Apart from the shared ones (`field-errors`) so that pages
 * without the flow do not download them.
 */
export default {
  invoice_note_too_long: 'Der Rechnungszusatz darf höchstens 40 Zeichen lang sein. Bitte kürzen Sie ihn.',
  invoice_note_characters: 'Der Rechnungszusatz kann dieses Zeichen nicht drucken. Bitte verwenden Sie Buchstaben (auch ä, ö, ü, ß, é), Ziffern und übliche Satzzeichen.',
  tariff_not_for_sub_users: 'Dieser Tarif ist für Mitbenutzer nicht erhältlich. Bitte wählen Sie einen Mitbenutzer-Tarif.',
  tariff_unchanged: 'Das ist bereits der aktuelle Tarif. Bitte wählen Sie einen anderen oder brechen Sie ab.',
  end_date_too_early: 'Dieses Datum liegt vor dem frühestmöglichen Vertragsende. Bitte wählen Sie dieses oder ein späteres Datum.',
  end_date_too_late: 'Bitte wählen Sie ein Vertragsende innerhalb der nächsten 5 Jahre.',
  email_pending_only: 'Die E-Mail-Adresse lässt sich nur ändern, solange der Mitbenutzer die Anmeldung noch nicht bestätigt hat.',
  nothing_to_change: 'Bitte ändern Sie mindestens eine Angabe.',
} as const;
