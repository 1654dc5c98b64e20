/** Field error messages and problem titles in German; `en.ts` and any new locale have the same keys. */
export const fieldErrors = {
  required: 'Bitte füllen Sie dieses Feld aus.',
  invalid_type: 'Dieser Wert hat das falsche Format.',
  too_short: 'Die Eingabe ist zu kurz.',
  too_long: 'Die Eingabe ist zu lang.',
  too_small: 'Der Wert ist zu klein.',
  too_big: 'Der Wert ist zu groß.',
  invalid_format: 'Die Eingabe hat nicht das erwartete Format.',
  invalid_email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  invalid_url: 'Bitte geben Sie eine gültige Adresse (URL) ein.',
  invalid_choice: 'Bitte wählen Sie eine der angebotenen Möglichkeiten.',
  invalid_origin: 'Bitte geben Sie einen Ursprung wie https://shop.example.com an (ohne Pfad und ohne Schrägstrich am Ende).',
  invalid_date: 'Bitte geben Sie ein gültiges Datum ein.',
  date_too_early: 'Das Datum liegt zu weit in der Vergangenheit.',
  date_too_late: 'Das Datum liegt zu weit in der Zukunft.',
  unknown_field: 'Dieses Feld ist hier nicht vorgesehen.',
  invalid: 'Die Eingabe ist ungültig.',
} as const;

export const problems = {
  validation_failed: 'Bitte prüfen Sie Ihre Eingaben.',
  malformed_json: 'Die Anfrage enthält kein gültiges JSON.',
  unsupported_media_type: 'Bitte senden Sie JSON (application/json).',
  unauthorized: 'Der Zugangsschlüssel fehlt oder ist ungültig.',
  forbidden: 'Dieser Zugriff ist nicht erlaubt.',
  origin_not_allowed: 'Diese Website ist für diesen Schlüssel nicht freigegeben.',
  secret_key_in_browser: 'Ein geheimer Schlüssel darf nicht im Browser verwendet werden.',
  not_found: 'Nicht gefunden.',
  method_not_allowed: 'Diese Methode ist hier nicht erlaubt.',
  payload_too_large: 'Die Anfrage ist zu groß.',
  rate_limited: 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
  idempotency_key_reused: 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
  idempotency_in_progress: 'Diese Anfrage wird noch bearbeitet. Bitte versuchen Sie es gleich erneut.',
  invalid_idempotency_key: 'Der Idempotency-Key ist ungültig (1 bis 255 sichtbare ASCII-Zeichen).',
  last_secret_key: 'Der letzte aktive geheime Schlüssel kann nicht widerrufen werden. Legen Sie zuerst einen neuen an.',
  internal_error: 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
} as const;

export type FieldErrorCode = keyof typeof fieldErrors;
export type ProblemCode = keyof typeof problems;
