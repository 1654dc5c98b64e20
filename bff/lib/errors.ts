import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { fieldErrorMessage, type ProblemCode, problemTitle, toFieldErrors } from '../../contract/errors.js';
import type { FieldError, Problem } from '../../contract/problem.js';
import type { Locale } from '../../contract/tenant.js';
import { redact } from './logger.js';
import type { AppEnv } from './context.js';
import './i18n.js'; // problem titles and field errors in every locale

/** A failure with a known meaning; `onError` renders it as problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ProblemCode,
    readonly options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string>; /** Extra members of the problem, e.g. `attemptsLeft`, `report`. */ extensions?: Record<string, unknown> } = {},
  ) {
    super(code);
  }
}

export const PROBLEM_TYPE_BASE = 'https://telkit.dev/problems/';

export function problemBody(
  status: number,
  code: ProblemCode,
  locale: Locale,
  requestId: string,
  extra: { detail?: string; errors?: FieldError[] } = {},
): Problem {
  return {
    type: PROBLEM_TYPE_BASE + code.replaceAll('_', '-'),
    title: problemTitle(code, locale),
    status,
    code,
    ...extra,
    requestId,
  };
}

export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const { detail, errors, headers, extensions } = error.options;
  const locale = c.get('locale') ?? 'de';
  const body = problemBody(error.status, error.code, locale, c.get('requestId') ?? '', {
    ...(detail !== undefined && { detail }),
    // Field messages in the caller's language, also for errors raised without one.
    ...(errors !== undefined && { errors: errors.map((e) => ({ ...e, message: e.message || fieldErrorMessage(e.code, locale) })) }),
  });
  // Extensions add members; they never replace the standard ones (`status` is the HTTP status, always).
  if (extensions) for (const [key, value] of Object.entries(extensions)) if (!(key in body)) (body as Record<string, unknown>)[key] = value;
  return c.body(JSON.stringify(body), error.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    ...headers,
  });
}

/** The single `onError`: known errors keep their meaning, everything else is a 500 with only a request id. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return problemResponse(c, err);
  if (err instanceof ZodError) {
    return problemResponse(c, new ApiError(422, 'validation_failed', { errors: toFieldErrors(err.issues, c.get('locale') ?? 'de') }));
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /Malformed JSON/i.test(err.message)) return problemResponse(c, new ApiError(400, 'malformed_json'));
    if (err.status === 413) return problemResponse(c, new ApiError(413, 'payload_too_large'));
  }
  c.get('deps')?.log.error('unhandled error', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: redact(err),
  });
  return problemResponse(c, new ApiError(500, 'internal_error'));
}
