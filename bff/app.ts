import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { openAPIRouteHandler } from 'hono-openapi';
import { isLocale } from '../contract/i18n.js';
import type { Locale } from '../contract/tenant.js';
import type { AppEnv, Deps } from './lib/context.js';
import { ApiError, handleError, problemResponse } from './lib/errors.js';
import { openApiDocumentation } from './lib/openapi.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { auditEventRoutes } from './routes/audit-events.js';
import { confirmationRoutes } from './routes/confirmations.js';
import { embedSessionRoutes } from './routes/embed-sessions.js';
import { meRoutes } from './routes/me.js';
import { passwordResetRoutes, passwordSetupRoutes } from './routes/passwords.js';
import { sessionRoutes } from './routes/sessions.js';
import { signupRoutes } from './routes/signups.js';
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
  .route('/v1/sessions', sessionRoutes)
  .route('/v1/embed-sessions', embedSessionRoutes)
  .route('/v1/me', meRoutes)
  .route('/v1/audit-events', auditEventRoutes);

/** The typed shape of the HTTP API, for `hc<BffApp>` in the widgets (type-only import). */
export type BffApp = typeof api;

export const MAX_BODY_BYTES = 64 * 1024;
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, X-Request-Id';
const EXPOSED_HEADERS = 'Retry-After, Idempotency-Replayed, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';

function negotiateLocale(header: string | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: tag.toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? 'de';
}

/** Builds the BFF from its dependencies; tests build it with their own database and clock. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const production = deps.env.nodeEnv === 'production';

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    const started = performance.now();
    await next();
    // c.req.path: never the query string, it may carry a link token
    deps.log.request({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  app.use(async (c, next) => {
    await next();
    // Pages set their own policies; everything else (JSON, problems) may load and frame nothing.
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    }
    if (!c.res.headers.has('Referrer-Policy')) c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
  app.use(
    secureHeaders({
      referrerPolicy: false, // set above, unless a page sets its own
      crossOriginResourcePolicy: false,
      strictTransportSecurity: production ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  // CORS by tenant: a preflight passes for origins some tenant allows; the real request is answered
  // with Access-Control-Allow-Origin only when the key's own tenant allows the origin (see lib/auth.ts).
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS' && origin && c.req.header('access-control-request-method')) {
      if (!(await deps.tenantCache.isKnownOrigin(origin))) throw new ApiError(403, 'origin_not_allowed');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (origin && c.get('corsOrigin') === origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  });
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large');
    },
  });
  // Not for GET and HEAD: they carry no body, and asking for one builds the full fetch Request (a fifth
  // of GET /v1/tenant's time).
  app.use('/v1/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

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
