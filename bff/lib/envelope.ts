import { isLocale } from '../../contract/i18n.js';
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Locale } from '../../contract/tenant.js';
import type { AppEnv, Deps } from './context.js';

/**
 * What every request and response gets, in one middleware (the first): the request id (`X-Request-Id`,
 * taken from the caller when well-formed), `deps` and the negotiated locale on the context; on the way
 * out the security headers, the CORS headers of `/v1` and the request's log line.
 *
 * Hot routes answer with `respond()`: a response whose headers are a plain object and already complete,
 * which this middleware leaves alone. Every other response gets the headers added through `Headers`,
 * which costs several microseconds per response (see bench/README.md).
 */
export function envelope(deps: Deps): MiddlewareHandler<AppEnv> {
  const security = securityHeaders(deps.env.nodeEnv === 'production');
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    await next();
    if (!complete.has(c.res)) decorate(c, security);
    // c.req.path: never the query string, it may carry a link token
    deps.log.request({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  };
}

/**
 * A response with everything `envelope` would add, its headers a plain object: @hono/node-server writes
 * those straight to the socket, without building `Headers` (the hot path's largest cost after the write
 * itself). `headers` are the route's own; a `Vary` of its own is joined with the envelope's.
 */
export function respond(c: Context<AppEnv>, status: number, body: string | Uint8Array<ArrayBuffer> | null, headers: Record<string, string>): Response {
  const all: Record<string, string> = { ...securityHeaders(c.get('deps').env.nodeEnv === 'production'), ...headers, 'X-Request-Id': c.get('requestId') };
  const cors = corsHeaders(c);
  if (cors) {
    if (headers['Cache-Control'] === undefined) all['Cache-Control'] = NO_STORE;
    all.Vary = headers.Vary ? `${headers.Vary}, Origin` : 'Origin';
    if (cors.allow) {
      all['Access-Control-Allow-Origin'] = cors.allow;
      all['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
    }
  }
  const res = new Response(body, { status, headers: all });
  complete.add(res);
  return res;
}

/** Responses made by `respond`: complete, not to be decorated again. */
const complete = new WeakSet<Response>();

const REQUEST_ID = /^[\w\-=]{1,255}$/;

/** Response headers a browser may read in a CORS response. */
export const EXPOSED_HEADERS = 'Retry-After, Idempotency-Replayed, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';

/** Set on every response; pages set their own CSP and Referrer-Policy, which are kept. */
const securityHeaders = (production: boolean): Readonly<Record<string, string>> => (production ? SECURITY_PRODUCTION : SECURITY);
const SECURITY: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
});
const SECURITY_PRODUCTION = Object.freeze({ ...SECURITY, 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' });
/** Kept when a response brings its own. */
const PAGE_OWNED = new Set(['Content-Security-Policy', 'Referrer-Policy']);

/**
 * `/v1` responses carry tokens and personal data: nobody stores them, unless a route says otherwise
 * (`GET /v1/tenant`, public and revalidated by its ETag).
 */
const NO_STORE = 'no-store';

/**
 * `/v1` responses vary by `Origin`; `Access-Control-Allow-Origin` goes only to an origin that `auth`
 * found allowed for the key's own tenant (`corsOrigin`). Undefined outside `/v1`.
 */
function corsHeaders(c: Context<AppEnv>): { allow: string | undefined } | undefined {
  if (!c.req.path.startsWith('/v1/')) return undefined;
  const origin = c.req.header('origin');
  return { allow: origin !== undefined && c.get('corsOrigin') === origin ? origin : undefined };
}

function decorate(c: Context<AppEnv>, security: Readonly<Record<string, string>>): void {
  const headers = c.res.headers;
  for (const name in security) {
    if (!PAGE_OWNED.has(name) || !headers.has(name)) headers.set(name, security[name]!);
  }
  headers.delete('X-Powered-By');
  headers.set('X-Request-Id', c.get('requestId'));
  const cors = corsHeaders(c);
  if (cors) {
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', NO_STORE);
    headers.append('Vary', 'Origin');
    if (cors.allow) {
      headers.set('Access-Control-Allow-Origin', cors.allow);
      headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  }
}

/** The caller's language from `Accept-Language`: German unless English ranks higher. Memoized per header value. */
function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'de';
  let locale = locales.get(header);
  if (locale === undefined) {
    if (locales.size >= 1_000) locales.clear();
    locales.set(header, (locale = parseLocale(header)));
  }
  return locale;
}
const locales = new Map<string, Locale>();

function parseLocale(header: string): Locale {
  const ranked = header
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
