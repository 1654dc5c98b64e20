import type { FieldError } from './problem.js';
import type { Locale } from './locales.js';
import { fieldErrorMessages } from './messages/field-errors.js';
import { apiErrorMessages } from './messages/api-errors.js';
import { factorErrorMessages } from './messages/factor-errors.js';
import { locationErrorMessages } from './messages/location-errors.js';
import { portingErrorMessages } from './messages/porting-errors.js';
import { subUserErrorMessages } from './messages/sub-user-errors.js';
import { type ProblemCode, problemMessages } from './messages/problems.js';

export type { FieldErrorCode } from './messages/field-errors.js';
export type { ProblemCode } from './messages/problems.js';

/**
 * Field errors beyond the widgets' shared catalogue: those only the API gives, and those of one flow (kept
 * apart, so that pages without it do not download them).
 */
const flowErrors: { texts(locale: Locale): Record<string, string> }[] = [apiErrorMessages, subUserErrorMessages, locationErrorMessages, portingErrorMessages, factorErrorMessages];

export function fieldErrorMessage(code: string, locale: Locale): string {
  const texts: Record<string, string> = fieldErrorMessages.texts(locale);
  return texts[code] ?? flowErrors.map((c) => c.texts(locale)[code]).find(Boolean) ?? texts.invalid!;
}

export function problemTitle(code: ProblemCode, locale: Locale): string {
  return problemMessages.t(locale, code);
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


