import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context, Env, ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import { fieldErrorMessage, toFieldErrors } from '../../contract/errors.js';
import { unstorablePaths } from '../../contract/rules.js';
import { ApiError } from './errors.js';

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/**
 * Validates one part of the request with a schema from `contract/` and documents it in /openapi.json.
 * Failures become 422 problem+json with field-level errors in the caller's language; a JSON body sent
 * as anything but JSON is a 415. Every string of the input, whatever its schema, is first checked for what
 * no database stores (NUL, lone surrogates: `text_invisible`).
 */
export function validate<S extends StandardSchemaV1, T extends keyof ValidationTargets, E extends Env, P extends string>(
  target: T,
  schema: S,
) {
  const validated = validator<S, T, E, P>(target, schema, (result, c: Context) => {
    const locale = c.get('locale') ?? 'de';
    const unstorable = unstorablePaths(result.data).map((path) => ({ path, code: 'text_invisible', message: fieldErrorMessage('text_invisible', locale) }));
    if (result.success && unstorable.length === 0) return;
    const errors = result.success ? [] : toFieldErrors(result.error, locale, result.data);
    throw new ApiError(422, 'validation_failed', { errors: [...unstorable, ...errors.filter((e) => !unstorable.some((u) => u.path === e.path))] });
  });
  if (target !== 'json') return validated;
  // A JSON body must say so: otherwise the validator would read it as `{}`.
  return Object.assign(((c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (!JSON_MEDIA.test(type)) throw new ApiError(415, 'unsupported_media_type');
    return validated(c, next);
  }) as typeof validated, validated);
}
