import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { negotiateEncoding, staticFiles } from '../lib/static-files.js';


/** Hashed chunks never change under their name: a year, immutable. Entry files (`loader.js`, …) keep their name: five minutes, then revalidated by ETag. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ENTRY = 'public, max-age=300';

/** Whether `If-None-Match` names the file (any of its encodings; weak comparison, as RFC 9110 asks for GET). */
const matches = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '').replace(/-(br|gzip)"$/, '"') === etag);

/**
 * The widget build (`npm run build` → dist/telkit), for `<script type="module" src=".../telkit/loader.js">`
 * on any website: CORS-readable by every origin (module scripts are fetched with CORS), compressed with
 * brotli or gzip as the browser accepts (made once per file, kept in memory), hashed chunks cached for a
 * year, entry files for five minutes with an ETag (a 304 when unchanged).
 */
export const assetsFrom = (root: string) => {
  const read = staticFiles(root);
  return new Hono<AppEnv>().get('/*', async (c) => {
    const file = await read(c.req.path.replace(/^\/telkit\//, ''));
    if (!file) throw new ApiError(404, 'not_found');
    const encoding = file.compressible ? negotiateEncoding(c.req.header('accept-encoding')) : undefined;
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      // By the file that was read, not the path as sent: `chunks/../loader.js` is the loader.
      'Cache-Control': file.path.startsWith('chunks/') ? IMMUTABLE : ENTRY,
      ETag: encoding ? file.etag.replace(/"$/, `-${encoding}"`) : file.etag,
      ...(file.compressible && { Vary: 'Accept-Encoding' }),
    };
    if (matches(c.req.header('if-none-match'), file.etag)) return c.body(null, 304, headers);
    if (!encoding) return c.body(new Uint8Array(file.body), 200, headers);
    return c.body(new Uint8Array(await file.encoded(encoding)), 200, { ...headers, 'Content-Encoding': encoding });
  });
};

export const assetRoutes = assetsFrom(fileURLToPath(new URL('../../dist/telkit/', import.meta.url)));
