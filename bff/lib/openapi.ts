import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describeRoute, resolver } from 'hono-openapi';
import { problemSchema } from '../../contract/problem.js';

type Auth = 'publishable' | 'secret' | 'session' | 'none';

const problemText: Record<number, string> = {
  400: 'Malformed request (bad JSON or header)',
  401: 'Missing, unknown or revoked key; or the session expired (`session_expired`)',
  403: 'Key not allowed here: origin not allowed, or secret key sent from a browser',
  404: 'Not found',
  409: 'Conflict (for example an Idempotency-Key reused with another body)',
  410: 'Gone: the link or PIN expired, was used or replaced (`code` says which)',
  413: 'Body larger than 64 KiB',
  415: 'Body is not JSON',
  422: 'Validation failed; `errors[]` names each field',
  429: 'Rate limited; see Retry-After',
};

/**
 * Documents a route for /openapi.json: its success response schema and the problem responses it can give.
 * Request schemas come from the route's `validate(…)` middlewares.
 */
export function doc(spec: {
  summary: string;
  tags: string[];
  auth: Auth[];
  success: { status: number; description: string; schema?: StandardSchemaV1 };
  problems?: number[];
  idempotent?: boolean;
}) {
  const problems = [...new Set([...(spec.auth.every((a) => a === 'none') ? [] : [401, 403]), ...(spec.problems ?? []), 429])];
  return describeRoute({
    summary: spec.summary,
    tags: spec.tags,
    security: spec.auth.filter((a) => a !== 'none').map((a) => ({ [a === 'session' ? 'session' : `${a}Key`]: [] })),
    ...(spec.idempotent && {
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Any unique value per logical request (a UUID). Retries with the same key and body get the first response.',
          schema: { type: 'string', maxLength: 255 },
        },
      ],
    }),
    responses: {
      [spec.success.status]: {
        description: spec.success.description,
        ...(spec.success.schema && { content: { 'application/json': { schema: resolver(spec.success.schema) } } }),
      },
      ...Object.fromEntries(
        problems.map((status) => [
          status,
          {
            description: problemText[status] ?? 'Error',
            content: { 'application/problem+json': { schema: resolver(problemSchema) } },
          },
        ]),
      ),
    },
  });
}

export const openApiDocumentation = {
  info: {
    title: 'telkit BFF',
    version: '1',
    description:
      'The backend-for-frontend of the telkit widgets. Errors are RFC 9457 problem+json with a stable `code` and, for validation, field-level `errors[]`.',
  },
  components: {
    securitySchemes: {
      publishableKey: { type: 'http', scheme: 'bearer', description: '`tk_pub_…`, from the tenant\'s allowed origins only' },
      secretKey: { type: 'http', scheme: 'bearer', description: '`tk_sec_…`, server to server only (never with an Origin header)' },
      session: { type: 'http', scheme: 'bearer', description: '`tk_ses_…` from a login or an embed session; one hour, extended by use' },
    },
  },
} as const;
