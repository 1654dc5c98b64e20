import type { FieldError } from './problem.js';
import type { Locale } from './tenant.js';

/** Stable field error codes, shared by the BFF and the widgets, with their messages per locale. */
export const fieldErrorMessages = {
  required: { de: 'Bitte füllen Sie dieses Feld aus.', en: 'Please fill in this field.' },
  invalid_type: { de: 'Dieser Wert hat das falsche Format.', en: 'This value has the wrong type.' },
  too_short: { de: 'Die Eingabe ist zu kurz.', en: 'This is too short.' },
  too_long: { de: 'Die Eingabe ist zu lang.', en: 'This is too long.' },
  too_small: { de: 'Der Wert ist zu klein.', en: 'This value is too small.' },
  too_big: { de: 'Der Wert ist zu groß.', en: 'This value is too large.' },
  invalid_format: { de: 'Die Eingabe hat nicht das erwartete Format.', en: 'This is not in the expected format.' },
  invalid_email: { de: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.', en: 'Please enter a valid e-mail address.' },
  invalid_url: { de: 'Bitte geben Sie eine gültige Adresse (URL) ein.', en: 'Please enter a valid URL.' },
  invalid_choice: { de: 'Bitte wählen Sie eine der angebotenen Möglichkeiten.', en: 'Please choose one of the options offered.' },
  invalid_origin: {
    de: 'Bitte geben Sie einen Ursprung wie https://shop.example.com an (ohne Pfad und ohne Schrägstrich am Ende).',
    en: 'Please give an origin such as https://shop.example.com (no path, no trailing slash).',
  },
  unknown_field: { de: 'Dieses Feld ist hier nicht vorgesehen.', en: 'This field is not expected here.' },
  invalid: { de: 'Die Eingabe ist ungültig.', en: 'This value is not valid.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type FieldErrorCode = keyof typeof fieldErrorMessages;

export function fieldErrorMessage(code: string, locale: Locale): string {
  const entry = (fieldErrorMessages as Record<string, Record<Locale, string>>)[code];
  return (entry ?? fieldErrorMessages.invalid)[locale];
}

function pathKeys(path: NonNullable<SchemaIssue['path']>): string[] {
  return path.map((p) => String(typeof p === 'object' ? p.key : p));
}

function valueAt(input: unknown, path: NonNullable<SchemaIssue['path']>): unknown {
  let value = input;
  for (const key of pathKeys(path)) {
    if (value == null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The parts of a zod (Standard Schema) issue that decide its field error code. */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  readonly code?: string;
  readonly input?: unknown;
  readonly origin?: string;
  readonly format?: string;
  readonly keys?: readonly string[];
  readonly params?: { code?: string };
}

/** `input`: the validated value, to tell a missing field (`required`) from a wrong one. */
export function fieldErrorCode(issue: SchemaIssue, input?: unknown): string {
  const missing = valueAt(input, issue.path ?? []) == null;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'required' : 'invalid_type';
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : issue.format === 'url' ? 'invalid_url' : 'invalid_format';
    case 'invalid_value':
    case 'invalid_union':
      return missing ? 'required' : 'invalid_choice';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'custom':
      return issue.params?.code ?? 'invalid';
    default:
      return 'invalid';
  }
}

/** Turns schema issues into field errors with stable codes and messages in the given locale. */
export function toFieldErrors(issues: readonly SchemaIssue[], locale: Locale, input?: unknown): FieldError[] {
  return issues.flatMap((issue) => {
    const code = fieldErrorCode(issue, input);
    const base = pathKeys(issue.path ?? []);
    // An unknown key is reported on the key itself, so the client can point at it.
    const paths = issue.code === 'unrecognized_keys' && issue.keys ? issue.keys.map((k) => [...base, k]) : [base];
    return paths.map((p) => ({ path: p.join('.'), code, message: fieldErrorMessage(code, locale) }));
  });
}

/** Titles of the problem codes the BFF answers with, per locale. */
export const problemTitles = {
  validation_failed: { de: 'Bitte prüfen Sie Ihre Eingaben.', en: 'Please check your input.' },
  malformed_json: { de: 'Die Anfrage enthält kein gültiges JSON.', en: 'The request body is not valid JSON.' },
  unsupported_media_type: { de: 'Bitte senden Sie JSON (application/json).', en: 'Please send JSON (application/json).' },
  unauthorized: { de: 'Der Zugangsschlüssel fehlt oder ist ungültig.', en: 'The key is missing or not valid.' },
  forbidden: { de: 'Dieser Zugriff ist nicht erlaubt.', en: 'This access is not allowed.' },
  origin_not_allowed: {
    de: 'Diese Website ist für diesen Schlüssel nicht freigegeben.',
    en: 'This website is not allowed to use this key.',
  },
  secret_key_in_browser: {
    de: 'Ein geheimer Schlüssel darf nicht im Browser verwendet werden.',
    en: 'A secret key must not be used from a browser.',
  },
  not_found: { de: 'Nicht gefunden.', en: 'Not found.' },
  method_not_allowed: { de: 'Diese Methode ist hier nicht erlaubt.', en: 'This method is not allowed here.' },
  payload_too_large: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  rate_limited: {
    de: 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
    en: 'Too many requests. Please try again later.',
  },
  idempotency_key_reused: {
    de: 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  idempotency_in_progress: {
    de: 'Diese Anfrage wird noch bearbeitet. Bitte versuchen Sie es gleich erneut.',
    en: 'This request is still being processed. Please retry shortly.',
  },
  invalid_idempotency_key: {
    de: 'Der Idempotency-Key ist ungültig (1 bis 255 sichtbare ASCII-Zeichen).',
    en: 'The Idempotency-Key is not valid (1 to 255 visible ASCII characters).',
  },
  last_secret_key: {
    de: 'Der letzte aktive geheime Schlüssel kann nicht widerrufen werden. Legen Sie zuerst einen neuen an.',
    en: 'The last active secret key cannot be revoked. Create a new one first.',
  },
  internal_error: {
    de: 'Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    en: 'An internal error occurred. Please try again later.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ProblemCode = keyof typeof problemTitles;
