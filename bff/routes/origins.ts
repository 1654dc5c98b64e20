import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { allowedOriginsSchema } from '../../contract/origins.js';
import type { Executor } from '../db/client.js';
import { tenantOrigins } from '../db/schema/index.js';
import { audit, keyActor } from '../domain/audit.js';
import { clientIp } from '../lib/client-ip.js';
import type { AppEnv } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byTenant, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

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
    endpoint({
      summary: 'List the allowed origins',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'Allowed origins', schema: allowedOriginsSchema },
    }),
    async (c) => c.json({ origins: await listOrigins(c.get('deps').db, c.get('caller').tenant.id) }, 200),
  )
  .put(
    '/',
    endpoint({
      summary: 'Replace the allowed origins',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'The new list', schema: allowedOriginsSchema },
      problems: [400, 413, 415, 422],
    }),
    rateLimit({ name: 'origins.replace', limit: 60, windowSeconds: 3600 }, byTenant),
    validate('json', allowedOriginsSchema),
    async (c) => {
      const { db, tenantCache } = c.get('deps');
      const tenantId = c.get('caller').tenant.id;
      const origins = [...new Set(c.req.valid('json').origins)];
      await db.transaction(async (tx) => {
        const before = await listOrigins(tx, tenantId);
        await tx.delete(tenantOrigins).where(eq(tenantOrigins.tenantId, tenantId));
        if (origins.length) await tx.insert(tenantOrigins).values(origins.map((origin) => ({ tenantId, origin })));
        const added = origins.filter((o) => !before.includes(o));
        const removed = before.filter((o) => !origins.includes(o));
        if (added.length || removed.length) {
          await audit(tx, { tenantId, actor: keyActor(c.get('caller')), action: 'origins.changed', ip: clientIp(c), data: { added, removed } });
        }
      });
      tenantCache.invalidate(tenantId); // here at once; other instances on the database's notification
      return c.json({ origins: await listOrigins(db, tenantId) }, 200);
    },
  );
