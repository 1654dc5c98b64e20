import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { MiddlewareHandler } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { SessionComponent } from '../../contract/enums.js';
import { problemSchema } from '../../contract/problem.js';
import { auth, type CredentialKind, forComponent, keyOrOwnPage } from './auth.js';
import type { AppEnv } from './context.js';

/**
 * Who may call a route: a key kind, a session, `own_page` (no key, from the BFF's own pages; a link
 * token or PIN challenge authenticates), or `none` (operations routes).
 */
export type Access = CredentialKind | 'own_page' | 'none';

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

export interface EndpointSpec {
  summary: string;
  tags: string[];
  auth: Access[];
  /** For session routes: the widget (any of the widgets) an embed session must have been minted for. */
  component?: SessionComponent | readonly SessionComponent[];
  success: { status: number; description: string; schema?: StandardSchemaV1 };
  problems?: number[];
  idempotent?: boolean;
}

/** The middleware that enforces `spec.auth` (and `spec.component`). */
function guard(spec: EndpointSpec): MiddlewareHandler<AppEnv> {
  const kinds = spec.auth.filter((a): a is CredentialKind => a !== 'own_page' && a !== 'none');
  const check = spec.auth.includes('own_page') ? keyOrOwnPage(kinds) : kinds.length > 0 ? auth(...kinds) : undefined;
  const component = spec.component && forComponent(spec.component, kinds.some((k) => k !== 'session'));
  if (!check) return async (_c, next) => next();
  if (!component) return check;
  return (c, next) =>
    check(c, async () => {
      await component(c, next);
    });
}

/**
 * Declares a route in one place: who may call it (enforced here) and its documentation for
 * /openapi.json (success schema, problem responses). Request schemas come from `validate(…)`. One
 * declaration, so the documented and the enforced access cannot drift.
 */
export function endpoint(spec: EndpointSpec): MiddlewareHandler<AppEnv> {
  const problems = [...new Set([...(spec.auth.every((a) => a === 'none') ? [] : [401, 403]), ...(spec.problems ?? []), 429])];
  const described = describeRoute({
    summary: spec.summary,
    tags: spec.tags,
    security: spec.auth
      .filter((a) => a !== 'none' && a !== 'own_page')
      .map((a) => ({ [a === 'session' ? 'session' : `${a}Key`]: [] }))
      // An empty requirement: calling without a key is allowed too.
      .concat(spec.auth.includes('own_page') ? [{}] : []),
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
  // The guard carries the route's documentation (hono-openapi finds it on any handler of the route).
  return Object.assign(guard(spec), described);
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
