import { Hono, type TypedResponse } from 'hono';
import { type TenantConfig, tenantConfigSchema } from '../../contract/tenant.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { respond } from '../lib/envelope.js';
import { endpoint } from '../lib/openapi.js';

/**
 * Every page view of every embedding site asks for this, so it is served from the tenant cache: the
 * body and its strong ETag are made once per change of the tenant, and a matching `If-None-Match` gets a
 * 304. Browsers keep it for a minute (`private`: the answer depends on the key and is not for shared
 * caches; `Vary: Authorization`, so two keys on one page never share a copy).
 */
export const CACHE_CONTROL = 'private, max-age=60';

export const tenantRoutes = new Hono<AppEnv>().get(
  '/',
  endpoint({
    summary: 'The calling tenant: branding, locales, legal links with terms version, support, tariffs',
    tags: ['tenant'],
    auth: ['publishable', 'secret'],
    success: { status: 200, description: 'Tenant configuration (a strong ETag; 304 on a matching If-None-Match)', schema: tenantConfigSchema },
  }),
  async (c) => {
    const cached = c.get('deps').tenantCache.document(c.get('caller').tenant.id);
    const document = cached instanceof Promise ? await cached : cached;
    if (!document) throw new ApiError(404, 'not_found');
    const headers = { ETag: document.etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Authorization' };
    // Typed for `hc` as the TenantConfig the body is. A 304 answers only an If-None-Match the caller set
    // itself; the browser's own revalidations turn into a 200 with the cached body for `fetch`.
    const res = matches(c.req.header('if-none-match'), document.etag)
      ? respond(c, 304, null, headers)
      : respond(c, 200, document.body, { ...headers, 'Content-Type': 'application/json' });
    return res as Response & TypedResponse<TenantConfig, 200, 'json'>;
  },
);

/** `If-None-Match`: `*` or a list of entity tags (weak ones compared weakly, as RFC 9110 asks for GET). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
