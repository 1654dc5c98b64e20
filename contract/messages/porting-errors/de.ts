/**
 * Field error messages of number porting (`tk-porting`, `/v1/numbers/check`, `/v1/customers`,
 * `/v1/port-orders`), by code: in the BFF's problem+json `errors[].message`, in the number report's
 * `problems[].message` and at the widget's fields. Each says how to go on.
 */
export default {
  // Numbers, one line each (`POST /v1/numbers/check`): `number.` + the problem code
  'number.invalid': 'Das ist keine gültige Telefonnummer. Geben Sie sie mit Vorwahl ein, z. B. 044 123 45 67 oder +41 44 123 45 67; einen DDI-Block mit x am Ende, z. B. +41 44 123 45 0x.',
  'number.not_this_country': 'Diese Nummer gehört nicht zum gewählten Land. Wählen Sie das Land der Nummer oder erfassen Sie sie in einem eigenen Auftrag.',
  'number.mobile_into_fixed': 'Das ist eine Mobilnummer. Mobilnummern lassen sich nicht auf eine Telefonanlage portieren; entfernen Sie die Zeile.',
  'number.duplicate': 'Diese Nummer steht schon weiter oben in der Liste. Entfernen Sie eine der beiden Zeilen.',
  'number.overlaps_block': 'Diese Nummer liegt in einem DDI-Block der Liste. Ein Block wird als Ganzes portiert; entfernen Sie die einzelne Nummer.',
  'number.in_open_order': 'Diese Nummer ist schon in einem anderen offenen Portierungsauftrag. Entfernen Sie sie hier oder brechen Sie den anderen Auftrag ab.',
  'number.too_many_singles': 'Pro Auftrag lassen sich höchstens 10 Einzelnummern portieren. Erfassen Sie weitere Nummern in einem zweiten Auftrag oder nennen Sie sie in der Bemerkung.',
  // The order's fields
  uid_invalid: 'Diese UID stimmt nicht. Geben Sie sie ein wie im Handelsregister (zefix.ch), z. B. CHE-116.281.710.',
  login_name: 'Der Login-Name darf nur englische Buchstaben und Ziffern enthalten, mit Punkt als Trenner, ohne Leerzeichen, 3 bis 32 Zeichen, z. B. juerg.mueller.',
  login_name_taken: 'Dieser Login-Name ist bei diesem Kunden schon vergeben. Wählen Sie einen anderen, z. B. mit einer Zahl am Ende.',
  time_format: 'Geben Sie die Uhrzeit als Stunden und Minuten ein, z. B. 09:30.',
  provider_required: 'Wählen Sie den bisherigen Anbieter aus der Liste, oder „Unbekannt“, wenn Sie ihn nicht kennen.',
  office_hours: 'Wählen Sie eine Uhrzeit zu Bürozeiten, zwischen 08:00 und 17:00 Uhr.',
  weekend: 'An Wochenenden wird nicht portiert. Wählen Sie einen Werktag von Montag bis Freitag.',
  holiday: 'An diesem Tag ist ein Feiertag; dann wird nicht portiert. Wählen Sie einen anderen Werktag.',
  too_early: 'Eine Portierung braucht mindestens 7 Arbeitstage Vorlauf. Wählen Sie einen späteren Werktag.',
  calendar_unknown: 'Für dieses Jahr ist der Feiertagskalender noch nicht hinterlegt. Wählen Sie ein früheres Datum oder „So schnell als möglich“.',
  invalid_date: 'Geben Sie ein gültiges Datum ein.',
  date_in_past: 'Dieses Datum liegt in der Vergangenheit. Wählen Sie heute oder ein späteres Datum.',
  porting_date_required: 'Geben Sie das Vertragsende beim bisherigen Anbieter als Portierungsdatum an, oder wählen Sie „So schnell als möglich“.',
  porting_time_required: 'Geben Sie die gewünschte Uhrzeit der Portierung an, zwischen 08:00 und 17:00 Uhr.',
  provider_unknown: 'Wählen Sie den bisherigen Anbieter aus der Liste, oder „Unbekannt“.',
  signers_count: 'Bei Einzelunterschrift unterschreibt eine Person, bei Kollektivunterschrift zwei. Prüfen Sie die Zeichnungsberechtigung auf zefix.ch.',
  full_port_ack: 'Bestätigen Sie, dass bei einer Vollportierung alle nicht erfassten Nummern verloren gehen und das Internet am Portierungstag abgeschaltet werden kann.',
  numbers_missing: 'Erfassen Sie mindestens eine Nummer zum Portieren oder eine Anzahl neuer Nummern.',
  numbers_flagged: 'Einige Nummern lassen sich so nicht portieren. Korrigieren oder entfernen Sie die markierten Zeilen.',
  workplaces_missing: 'Erfassen Sie mindestens einen Arbeitsplatz.',
  password_required: 'Vergeben Sie ein Passwort mit mindestens 12 Zeichen, oder übernehmen Sie den Vorschlag.',
  support_login_required: 'Erfassen Sie Ihren eigenen Support-Login für die Anlage (Login-Name und Passwort).',
  tariff_not_for_porting: 'Wählen Sie ein Produkt aus der Liste.',
  customer_unknown: 'Diesen Kunden finden wir nicht. Wählen Sie einen Kunden aus der Liste oder erfassen Sie einen neuen.',
  customer_required: 'Wählen Sie zuerst einen Kunden aus oder erfassen Sie einen neuen.',
  start_date_required: 'Geben Sie das Startdatum an, ab dem verrechnet wird.',
  customer_phone_invalid: 'Das ist keine gültige Telefonnummer. Geben Sie sie mit Vorwahl ein, z. B. 044 123 45 67.',
} as const;
