import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from './context.js';
import { resumeSession } from '../domain/sessions.js';
import type { SessionComponent } from '../../contract/enums.js';
import { ApiError } from './errors.js';
import type { KeyHit, Maybe } from './tenant-cache.js';

export type KeyKind = 'publishable' | 'secret';
export type CredentialKind = KeyKind | 'session';
export const KEY_PREFIX: Record<CredentialKind, string> = { publishable: 'tk_pub_', secret: 'tk_sec_', session: 'tk_ses_' };
const CREDENTIAL_KINDS = Object.keys(KEY_PREFIX) as CredentialKind[];

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : undefined;
}

/** The caller a key the tenant cache found stands for; undefined for an unknown or revoked key. */
const callerOf = (hit: KeyHit | undefined): Caller | undefined => hit && { tenant: hit.tenant, credential: { kind: hit.kind, id: hit.keyId } };

const unauthorized = () =>
  new ApiError(401, 'unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="telkit"' } });
const sessionExpired = () =>
  new ApiError(401, 'session_expired', { headers: { 'WWW-Authenticate': 'Bearer realm="telkit", error="invalid_token"' } });

/** The caller of a key (at once when the cache holds it) or of a session. */
function findCaller(c: Context<AppEnv>, kind: CredentialKind, token: string): Maybe<Caller | undefined> {
  const { db, clock, tenantCache } = c.get('deps');
  if (kind !== 'session') {
    const hit = tenantCache.key(token);
    return hit instanceof Promise ? hit.then(callerOf) : callerOf(hit);
  }
  return resumeSession(db, token, clock.now()).then((found) => {
    if (!found) throw sessionExpired();
    return { tenant: found.tenant, credential: { kind: 'session', id: found.session.id }, user: found.user, session: found.session };
  });
}

/**
 * Authenticates the request by its key or session and sets `caller`. Every route declares which kinds
 * it accepts: publishable keys and sessions only from the tenant's allowed origins, secret keys only
 * without an `Origin` header.
 */
export function auth(...accepted: CredentialKind[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const token = bearer(c);
    // A 401 carries no tenant data, so the browser may read it: widgets can then say "wrong key".
    if (origin) c.set('corsOrigin', origin);
    if (!token) throw unauthorized();
    const kind = CREDENTIAL_KINDS.find((k) => token.startsWith(KEY_PREFIX[k]));
    if (!kind) throw unauthorized();
    if (kind === 'secret' && origin !== undefined) {
      c.set('corsOrigin', undefined);
      throw new ApiError(403, 'secret_key_in_browser');
    }
    // The cache answers hits at once: no await (and no promise) on the hot path.
    const found = findCaller(c, kind, token);
    const caller = found instanceof Promise ? await found : found;
    if (!caller) throw unauthorized();
    c.set('corsOrigin', undefined);
    if (origin !== undefined) {
      const allowed = c.get('deps').tenantCache.isAllowedOrigin(caller.tenant.id, origin);
      if (!(allowed instanceof Promise ? await allowed : allowed)) throw new ApiError(403, 'origin_not_allowed');
      c.set('corsOrigin', origin);
    }
    if (!accepted.includes(kind)) throw new ApiError(403, 'forbidden');
    c.set('caller', caller);
    await next();
  };
}

/**
 * For routes a link token or PIN challenge authenticates by itself (password setup): a key is optional.
 * Without one the request must come from the BFF's own pages (no `Origin`, or the BFF's own origin);
 * the tenant is then the token's.
 */
export function keyOrOwnPage(kinds: CredentialKind[]): MiddlewareHandler<AppEnv> {
  const withKey = auth(...kinds);
  return async (c, next) => {
    if (c.req.header('authorization')) return withKey(c, next);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== new URL(c.get('deps').env.publicUrl).origin) throw unauthorized();
    await next();
  };
}

/** The tenant a key or session named, if any (see `keyOrOwnPage`). */
export const callerTenantId = (c: Context<AppEnv>): string | undefined => (c.get('caller') as Caller | undefined)?.tenant.id;

/**
 * Limits a session route to the widgets it serves: a session from an embed session may call only the
 * routes of the components it was minted for (any one of `components`). A key passes only where the
 * route also accepts `keys` (a route for sessions and the operator's secret key); otherwise never.
 */
export function forComponent(components: SessionComponent | readonly SessionComponent[], keys = false): MiddlewareHandler<AppEnv> {
  const allowed: readonly SessionComponent[] = typeof components === 'string' ? [components] : components;
  return async (c, next) => {
    const { session } = c.get('caller');
    if (!session) {
      if (keys) return next();
      throw new ApiError(403, 'forbidden');
    }
    if (session.components && !allowed.some((component) => session.components!.includes(component))) throw new ApiError(403, 'component_not_allowed');
    await next();
  };
}
