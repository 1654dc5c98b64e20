import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { rowsOf } from '../db/client.js';
import type { AppEnv } from '../lib/context.js';

const journal = JSON.parse(readFileSync(new URL('../db/migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
  entries: unknown[];
};

/** Liveness and readiness for load balancers and orchestrators. Not under /v1, no key needed. */
export const opsRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }, 200))
  .get('/readyz', async (c) => {
    try {
      const [row] = rowsOf<{ n: number }>(
        await c.get('deps').db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      );
      const applied = Number(row?.n ?? 0);
      if (applied < journal.entries.length) {
        return c.json({ status: 'migrating', migrations: { applied, expected: journal.entries.length } }, 503);
      }
      return c.json({ status: 'ready', migrations: { applied, expected: journal.entries.length } }, 200);
    } catch {
      return c.json({ status: 'database_unavailable' }, 503);
    }
  });
