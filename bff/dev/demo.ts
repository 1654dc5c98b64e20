import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { accounts, users } from '../db/schema/index.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { staticFiles } from '../lib/static-files.js';

/** Where the demo page hosts the portal login (the set-password page's "Log in now" outside production). */
export const DEMO_LOGIN_URL = '/#portal';

const read = staticFiles(fileURLToPath(new URL('../../demo/', import.meta.url)));

/** The strict policy the demo page runs under: what a careful integrator's site would send. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The demo business account that is not linked yet: its customer number goes on the page, to link it from `tk-locations`. */
export const DEMO_LINKABLE_ADMIN = 'werkstatt.bern';

async function linkableCustomerNumber(c: Context<AppEnv>): Promise<string> {
  const [row] = await c
    .get('deps')
    .db.select({ customerNumber: accounts.customerNumber })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.username, DEMO_LINKABLE_ADMIN), eq(users.role, 'account_admin')))
    .limit(1);
  return row?.customerNumber ?? '–';
}

/** The demo reseller website at `/` (development only), embedding the kit through loader.js. */
export const demoRoutes = new Hono<AppEnv>().get('/:file{(demo\\.css|demo\\.js|theme-dark\\.css)?}', async (c) => {
  const name = c.req.param('file') || 'index.html';
  const file = await read(name);
  if (!file) throw new ApiError(404, 'not_found');
  c.header('Content-Security-Policy', DEMO_CSP);
  c.header('Cache-Control', 'no-cache');
  if (name !== 'index.html') return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type });
  const page = file.body
    .toString('utf8')
    .replaceAll('%PUBLIC_URL%', c.get('deps').env.publicUrl)
    .replaceAll('%DEMO_LINKABLE%', await linkableCustomerNumber(c));
  return c.body(page, 200, { 'Content-Type': file.type });
});
