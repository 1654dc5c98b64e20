import { Hono } from 'hono';
import { openAPIRouteHandler } from 'hono-openapi';
import { readBody } from './lib/body.js';
import type { AppEnv, Deps } from './lib/context.js';
import { envelope, respond } from './lib/envelope.js';
import { ApiError, handleError, problemResponse } from './lib/errors.js';
import { openApiDocumentation } from './lib/openapi.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { auditEventRoutes } from './routes/audit-events.js';
import { confirmationRoutes } from './routes/confirmations.js';
import { embedSessionRoutes } from './routes/embed-sessions.js';
import { factorRoutes } from './routes/factors.js';
import { meRoutes } from './routes/me.js';
import { passkeySessionRoutes } from './routes/passkey-sessions.js';
import { passwordResetRoutes, passwordSetupRoutes } from './routes/passwords.js';
import { sessionRoutes } from './routes/sessions.js';
import { signupRoutes } from './routes/signups.js';
import { subUserRoutes } from './routes/sub-users.js';
import { locationRoutes } from './routes/locations.js';
import { contractRoutes } from './routes/contracts.js';
import { numberRoutes } from './routes/numbers.js';
import { customerRoutes } from './routes/customers.js';
import { portOrderRoutes } from './routes/port-orders.js';
import { portOrderDecisionRoutes } from './routes/port-order-decisions.js';
import { portOrderDocumentRoutes } from './routes/port-order-documents.js';
import { devOperatorRoutes } from './dev/operator.js';
import { assetRoutes } from './routes/assets.js';
import { demoRoutes } from './dev/demo.js';
import { devOutboxRoutes } from './dev/outbox.js';
import { opsRoutes } from './routes/ops.js';
import { originRoutes } from './routes/origins.js';
import { pageRoutes } from './pages/index.js';
import { tenantRoutes } from './routes/tenant.js';
import { webhookEndpointRoutes } from './routes/webhook-endpoints.js';

export type { Deps } from './lib/context.js';

/** Every `/v1` route, chained so that `hc<BffApp>` types each call. */
const api = new Hono<AppEnv>()
  .route('/v1/tenant', tenantRoutes)
  .route('/v1/api-keys', apiKeyRoutes)
  .route('/v1/origins', originRoutes)
  .route('/v1/webhook-endpoints', webhookEndpointRoutes)
  .route('/v1/signups', signupRoutes)
  .route('/v1/confirmations', confirmationRoutes)
  .route('/v1/password-setup', passwordSetupRoutes)
  .route('/v1/password-resets', passwordResetRoutes)
  .route('/v1/sessions/passkey', passkeySessionRoutes)
  .route('/v1/sessions', sessionRoutes)
  .route('/v1/embed-sessions', embedSessionRoutes)
  .route('/v1/me/factors', factorRoutes)
  .route('/v1/me', meRoutes)
  .route('/v1/sub-users', subUserRoutes)
  .route('/v1/locations', locationRoutes)
  .route('/v1/numbers', numberRoutes)
  .route('/v1/customers', customerRoutes)
  .route('/v1/port-orders', portOrderRoutes)
  .route('/v1/contracts', contractRoutes)
  .route('/v1/port-orders', portOrderDecisionRoutes)
  .route('/v1/port-orders', portOrderDocumentRoutes)
  .route('/v1/audit-events', auditEventRoutes);

/** The typed shape of the HTTP API, for `hc<BffApp>` in the widgets (type-only import). */
export type BffApp = typeof api;

export const MAX_BODY_BYTES = 64 * 1024;
/** The pages' forms (`/confirm`, `/set-password`) carry a token and a password: 8 KiB is plenty. */
export const MAX_PAGE_BODY_BYTES = 8 * 1024;
/**
 * The one route that takes more than MAX_BODY_BYTES: the signed power of attorney, up to 5 MB
 * (`MAX_DOCUMENT_BYTES`), read as bytes by the route itself after its authentication
 * (`routes/port-order-documents.ts`, `readBinaryBody`), so nobody unauthenticated makes the BFF read 5 MB.
 */
const DOCUMENT_UPLOAD = /^\/v1\/port-orders\/[^/]+\/documents\/?$/;
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, X-Request-Id';

/** Builds the BFF from its dependencies; tests build it with their own database and clock. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const production = deps.env.nodeEnv === 'production';

  // Request id, deps, locale; on the way out security and CORS headers and the log line.
  app.use(envelope(deps));

  // CORS by tenant: a preflight passes for origins some tenant allows; the real request is answered
  // with Access-Control-Allow-Origin only when the key's own tenant allows the origin (lib/auth.ts sets
  // it, lib/envelope.ts writes it).
  // Bodies are limited on every route, before anything parses them: MAX_BODY_BYTES under /v1 (except the
  // document upload, DOCUMENT_UPLOAD), the pages' forms (and anything else) MAX_PAGE_BODY_BYTES; a GET or
  // HEAD may announce none larger either.
  const apiBody = readBody(MAX_BODY_BYTES);
  const pageBody = readBody(MAX_PAGE_BODY_BYTES);
  app.use('*', async (c, next) => {
    const method = c.req.method;
    const underV1 = c.req.path.startsWith('/v1/');
    if (method === 'GET' || method === 'HEAD') {
      if (Number(c.req.header('content-length')) > (underV1 ? MAX_BODY_BYTES : MAX_PAGE_BODY_BYTES)) throw new ApiError(413, 'payload_too_large');
      return next();
    }
    if (!underV1) {
      // The pages post plain forms (application/x-www-form-urlencoded); nothing outside /v1 reads multipart.
      if (/^multipart\//i.test(c.req.header('content-type') ?? '')) throw new ApiError(415, 'unsupported_media_type');
      return pageBody(c, next);
    }
    const origin = c.req.header('origin');
    if (method === 'OPTIONS' && origin && c.req.header('access-control-request-method')) {
      if (!(await deps.tenantCache.isKnownOrigin(origin))) throw new ApiError(403, 'origin_not_allowed');
      return respond(c, 204, null, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    if (method === 'POST' && DOCUMENT_UPLOAD.test(c.req.path)) return next();
    return apiBody(c, next);
  });

  app.route('/', api);
  app.route('/', opsRoutes);
  app.get(
    '/openapi.json',
    openAPIRouteHandler(api, {
      documentation: { ...openApiDocumentation, servers: [{ url: deps.env.publicUrl }] },
      defaultValidationErrorResponse: false,
    }),
  );
  app.route('/telkit', assetRoutes);
  app.route('/', pageRoutes);
  if (!production) {
    app.route('/dev', devOutboxRoutes);
    app.route('/dev', devOperatorRoutes);
    app.route('/', demoRoutes);
  }

  const routes = app.routes.filter((r) => r.method !== 'ALL');
  const patterns = routes.map((r) => ({
    method: r.method,
    regex: new RegExp(
      `^${r.path
        .split('/')
        .map((part) => {
          const param = /^:\w+(?:\{(.+)\})?$/.exec(part);
          if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
          return part === '*' ? '.*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/')}/?$`,
    ),
  }));

  app.notFound((c) => {
    const allow = [...new Set(patterns.filter((p) => p.regex.test(c.req.path)).map((p) => p.method))];
    if (allow.length > 0 && !allow.includes(c.req.method)) {
      return problemResponse(c, new ApiError(405, 'method_not_allowed', { headers: { Allow: allow.join(', ') } }));
    }
    return problemResponse(c, new ApiError(404, 'not_found'));
  });
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
