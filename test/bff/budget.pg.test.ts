import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bff/app.js';
import { type Database, openDatabase } from '../../bff/db/client.js';
import { outbox, users } from '../../bff/db/schema/index.js';
import { TenantCache } from '../../bff/lib/tenant-cache.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedUser } from './helpers/portal.js';

// Postgres only: two BFF instances (each its own connection pool) on one database count one budget.

let t: TestApp;
let tenant: TestTenant;
let second: { database: Database; cache: TenantCache; app: ReturnType<typeof createApp> };
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'budget-pg');
  const database = openDatabase({ url: t.database.url! });
  const cache = new TenantCache(database.db, { listen: database.listen });
  await cache.ready();
  second = { database, cache, app: createApp({ ...t.deps, db: database.db, tenantCache: cache }) };
});
afterAll(async () => {
  await second?.cache.close();
  await second?.database.close();
  await t?.close();
});

describe('messaging budget on two instances', () => {
  it('12 logins in parallel, spread over two instances, to accounts sharing one number: 5 SMS reach it', async () => {
    const victim = '+4915199990077';
    const people = await Promise.all(Array.from({ length: 12 }, () => seedUser(t.db, tenant, { password: PASSWORD })));
    await t.db.update(users).set({ mobile: victim }).where(sql`${users.id} in ${people.map((p) => p.id)}`);
    const results = await Promise.all(
      people.map((p, i) =>
        call(i % 2 ? second.app : t.app, 'POST', '/v1/sessions', {
          key: tenant.publishableKey,
          origin: tenant.origin,
          body: { username: p.username, password: PASSWORD },
          headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 202)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(7);
    const sms = await t.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.channel, 'sms'), sql`${outbox.payload} ->> 'to' = ${victim}`));
    expect(sms).toHaveLength(5);
  }, 60_000);
});
