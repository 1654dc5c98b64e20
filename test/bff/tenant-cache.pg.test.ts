import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bff/app.js';
import { type Database, openDatabase } from '../../bff/db/client.js';
import { tariffs } from '../../bff/db/schema/index.js';
import type { Deps } from '../../bff/lib/context.js';
import { createLogger } from '../../bff/lib/logger.js';
import { TenantCache } from '../../bff/lib/tenant-cache.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { within } from './helpers/within.js';

// Postgres only: two BFF instances, each with its own connection pool and its own cache, on one database.
// Changes go through instance A; instance B hears of them only through LISTEN/NOTIFY.

let a: TestApp;
let bDatabase: Database;
let b: { app: ReturnType<typeof createApp>; deps: Deps };
/** Statements instance B sent to the database, to show that it answers from its cache. */
const bStatements: string[] = [];
let tenant: TestTenant;

beforeAll(async () => {
  a = await createTestApp();
  bDatabase = openDatabase({ url: a.database.url!, debug: (_c, text) => bStatements.push(text) });
  const tenantCache = new TenantCache(bDatabase.db, { listen: bDatabase.listen });
  await tenantCache.ready();
  const deps: Deps = { ...a.deps, db: bDatabase.db, log: createLogger('silent'), tenantCache };
  b = { app: createApp(deps), deps };
  tenant = await seedTenant(a.db, 'two');
});
afterAll(async () => {
  await b?.deps.tenantCache.close();
  await bDatabase?.close();
  await a?.close();
});

/** Runs `request` on B and returns how many statements B sent for it. */
async function statementsOf(request: () => Promise<unknown>) {
  const before = bStatements.length;
  await request();
  return bStatements.length - before;
}

/**
 * Shows that B answers `request` from memory: twice in a row, 50 ms apart, without a statement. (The
 * notifications of the rows just written may still be on their way and empty B's cache once more.)
 */
async function cachedOnB(request: () => Promise<unknown>) {
  await within(1000, async () => {
    await request();
    await new Promise((r) => setTimeout(r, 50));
    expect(await statementsOf(request)).toBe(0);
    expect(await statementsOf(request)).toBe(0);
  });
}

const getTenant = (app: TestApp['app'], key: string, origin?: string) => call(app, 'GET', '/v1/tenant', { key, origin });

describe('two instances on one Postgres', () => {
  it('B answers from its cache once filled', async () => {
    expect(b.deps.tenantCache.live).toBe(true);
    expect(await statementsOf(() => getTenant(b.app, tenant.publishableKey, tenant.origin))).toBeGreaterThan(0);
    await cachedOnB(() => getTenant(b.app, tenant.publishableKey, tenant.origin));
  });

  it('a key revoked on A is refused by B within one second', async () => {
    const created = await call(a.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable' } });
    const key: string = created.json.key;
    expect((await getTenant(b.app, key)).status).toBe(200);
    await cachedOnB(() => getTenant(b.app, key));

    const revokedAt = Date.now();
    expect((await call(a.app, 'DELETE', `/v1/api-keys/${created.json.id}`, { key: tenant.secretKey })).status).toBe(200);
    expect((await getTenant(a.app, key)).status).toBe(401); // A at once
    await within(1000, async () => expect((await getTenant(b.app, key)).status).toBe(401));
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('a tariff change shows on the next GET /v1/tenant of both', async () => {
    const [tariff] = await a.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id)).limit(1);
    for (const app of [a.app, b.app]) expect((await getTenant(app, tenant.secretKey)).json.tariffs[0].name).toBe(tariff!.name);
    await cachedOnB(() => getTenant(b.app, tenant.secretKey));

    await a.db.update(tariffs).set({ name: 'Neu: Privat XL', monthlyPriceCents: 1990 }).where(eq(tariffs.id, tariff!.id));
    await within(1000, async () => {
      for (const app of [a.app, b.app]) {
        const changed = (await getTenant(app, tenant.secretKey)).json.tariffs.find((x: { id: string }) => x.id === tariff!.id);
        expect(changed).toMatchObject({ name: 'Neu: Privat XL', monthlyPriceCents: 1990 });
      }
    });
  });

  it('an origin removed on A stops CORS, preflight and the key from it on B', async () => {
    const preflight = async () => b.app.request('/v1/tenant', { method: 'OPTIONS', headers: { origin: tenant.origin, 'access-control-request-method': 'GET' } });
    expect((await preflight()).status).toBe(204);
    expect((await getTenant(b.app, tenant.publishableKey, tenant.origin)).headers.get('access-control-allow-origin')).toBe(tenant.origin);
    await cachedOnB(preflight);
    await cachedOnB(() => getTenant(b.app, tenant.publishableKey, tenant.origin));

    const replaced = await call(a.app, 'PUT', '/v1/origins', { key: tenant.secretKey, body: { origins: ['https://elsewhere.example'] } });
    expect(replaced.status).toBe(200);
    await within(1000, async () => {
      const res = await getTenant(b.app, tenant.publishableKey, tenant.origin);
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight()).status).toBe(403);
    });
    expect((await getTenant(b.app, tenant.publishableKey, 'https://elsewhere.example')).status).toBe(200);
  });

  it('when B loses its LISTEN connection it reads through, empties its cache and listens again', async () => {
    const created = await call(a.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'secret' } });
    const key: string = created.json.key;
    expect((await getTenant(b.app, key)).status).toBe(200);
    await cachedOnB(() => getTenant(b.app, key));

    await a.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'telkit-listen' and datname = current_database()`);
    await within(1000, async () => expect(b.deps.tenantCache.live).toBe(false));
    // While B is deaf, a revocation must still be seen: B reads through to the database.
    expect((await call(a.app, 'DELETE', `/v1/api-keys/${created.json.id}`, { key: tenant.secretKey })).status).toBe(200);
    expect((await getTenant(b.app, key)).status).toBe(401);

    await within(5000, async () => expect(b.deps.tenantCache.live).toBe(true));
    expect((await getTenant(b.app, key)).status).toBe(401);
    // …and caches again, and hears changes again.
    await cachedOnB(() => getTenant(b.app, tenant.secretKey));
    const [tariff] = await a.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id)).limit(1);
    await a.db.update(tariffs).set({ name: 'Nach dem Wiederverbinden' }).where(eq(tariffs.id, tariff!.id));
    await within(1000, async () =>
      expect((await getTenant(b.app, tenant.secretKey)).json.tariffs.map((x: { name: string }) => x.name)).toContain('Nach dem Wiederverbinden'),
    );
  });
});

describe('a LISTEN connection that stops answering without closing', () => {
  it('counts as down after the heartbeat goes unanswered, and as up when it answers again', async () => {
    // A TCP proxy in front of Postgres that can stop forwarding without closing anything (half-open).
    let frozen = false;
    const pairs: Socket[][] = [];
    const proxy = createServer((inbound) => {
      const target = new URL(a.database.url!);
      const outbound = connect(Number(target.port || 5432), target.hostname);
      pairs.push([inbound, outbound]);
      for (const [from, to] of [[inbound, outbound], [outbound, inbound]] as const) {
        from.on('data', (d) => (frozen ? from.pause() : undefined, to.write(d)));
        from.on('error', () => to.destroy());
        from.on('close', () => to.destroy());
      }
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxied = new URL(a.database.url!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((proxy.address() as AddressInfo).port);
    const viaProxy = openDatabase({ url: proxied.toString(), poolSize: 1 });
    const cache = new TenantCache(a.db, { listen: viaProxy.listen });
    try {
      await cache.ready();
      expect(cache.live).toBe(true);
      frozen = true;
      for (const pair of pairs) for (const s of pair) s.pause();
      await within(8000, async () => expect(cache.live).toBe(false));
      // deaf, it reads through: a key revoked now is refused
      const created = await call(a.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'secret' } });
      expect(await cache.key(created.json.key)).toBeDefined();
      await call(a.app, 'DELETE', `/v1/api-keys/${created.json.id}`, { key: tenant.secretKey });
      expect(await cache.key(created.json.key)).toBeUndefined();
      frozen = false;
      for (const pair of pairs) for (const s of pair) s.resume();
      await within(8000, async () => expect(cache.live).toBe(true));
    } finally {
      frozen = false;
      for (const pair of pairs) for (const s of pair) s.resume();
      await cache.close();
      await viaProxy.close();
      for (const pair of pairs) for (const s of pair) s.destroy();
      await new Promise((r) => proxy.close(r));
    }
  }, 30_000);
});
