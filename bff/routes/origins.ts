import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { allowedOriginsSchema } from '../../contract/origins.js';
import type { Executor } from '../db/client.js';
import { tenantOrigins } from '../db/schema/index.js';
import { auth } from '../lib/auth.js';
import type { AppEnv } from '../lib/context.js';
import { doc } from '../lib/openapi.js';
import { byTenant, rateLimit } from '../lib/rate-limit.js';
import { requireJson, validate } from '../lib/validate.js';

const tags = ['origins'];

async function listOrigins(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ origin: tenantOrigins.origin })
    .from(tenantOrigins)
    .where(eq(tenantOrigins.tenantId, tenantId))
    .orderBy(asc(tenantOrigins.origin));
  return rows.map((r) => r.origin);
}

/** The web origins from which the tenant's publishable keys are accepted (and answered with CORS). */
export const originRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: 'List the allowed origins',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'Allowed origins', schema: allowedOriginsSchema },
    }),
    auth('secret'),
    async (c) => c.json({ origins: await listOrigins(c.get('deps').db, c.get('caller').tenant.id) }, 200),
  )
  .put(
    '/',
    doc({
      summary: 'Replace the allowed origins',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'The new list', schema: allowedOriginsSchema },
      problems: [400, 413, 415, 422],
    }),
    auth('secret'),
    rateLimit({ name: 'origins.replace', limit: 60, windowSeconds: 3600 }, byTenant),
    requireJson,
    validate('json', allowedOriginsSchema),
    async (c) => {
      const { db, tenantCache } = c.get('deps');
      const tenantId = c.get('caller').tenant.id;
      const origins = [...new Set(c.req.valid('json').origins)];
      await db.transaction(async (tx) => {
        await tx.delete(tenantOrigins).where(eq(tenantOrigins.tenantId, tenantId));
        if (origins.length) await tx.insert(tenantOrigins).values(origins.map((origin) => ({ tenantId, origin })));
      });
      tenantCache.invalidate(tenantId); // here at once; other instances on the database's notification
      return c.json({ origins: await listOrigins(db, tenantId) }, 200);
    },
  );
