import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { staticFiles } from '../lib/static-files.js';

const read = staticFiles(fileURLToPath(new URL('../../dist/telkit/', import.meta.url)));

/**
 * The widget build (`npm run build` → dist/telkit), for `<script type="module" src=".../telkit/loader.js">`
 * on any website: CORS-readable by every origin (module scripts are fetched with CORS), hashed chunks
 * cached for a year, entry files for five minutes.
 */
export const assetRoutes = new Hono<AppEnv>().get('/*', async (c) => {
  const path = c.req.path.replace(/^\/telkit\//, '');
  const file = await read(path);
  if (!file) throw new ApiError(404, 'not_found');
  return c.body(new Uint8Array(file.body), 200, {
    'Content-Type': file.type,
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': path.startsWith('chunks/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
  });
});
