import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { staticFiles } from '../lib/static-files.js';

/** Where the demo page hosts the portal login (the set-password page's "Log in now" outside production). */
export const DEMO_LOGIN_URL = '/#portal';

const read = staticFiles(fileURLToPath(new URL('../../demo/', import.meta.url)));

/** The strict policy the demo page runs under: what a careful integrator's site would send. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The demo reseller website at `/` (development only), embedding the kit through loader.js. */
export const demoRoutes = new Hono<AppEnv>().get('/:file{(demo\\.css|demo\\.js|theme-dark\\.css)?}', async (c) => {
  const name = c.req.param('file') || 'index.html';
  const file = await read(name);
  if (!file) throw new ApiError(404, 'not_found');
  c.header('Content-Security-Policy', DEMO_CSP);
  c.header('Cache-Control', 'no-cache');
  const body = name === 'index.html' ? file.body.toString('utf8').replaceAll('%PUBLIC_URL%', c.get('deps').env.publicUrl) : new Uint8Array(file.body);
  return c.body(body, 200, { 'Content-Type': file.type });
});
