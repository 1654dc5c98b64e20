import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, tariffs, tenantOrigins, tenants } from '../../bff/db/schema/index.js';
import { storeKey } from '../../bff/domain/api-keys.js';
import { sha256 } from '../../bff/lib/crypto.js';
import { TenantCache } from '../../bff/lib/tenant-cache.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { within } from './helpers/within.js';

// One BFF instance on PGlite (in-process LISTEN) or Postgres (LISTEN on its own connection). Changes are
// made straight in the database, never through a route, so only the database's notification can tell
// the cache; each test first shows that the value was cached.

let t: TestApp;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.db, 'cache');
});
afterAll(() => t.close());

/**
 * Repeats `request` until, 50 ms later, the cache still holds what `check` looks for: notifications of
 * rows written just before (the seed, an earlier test) may empty it once more.
 */
async function cachedAfter(request: () => Promise<unknown>, check: () => void) {
  await within(1000, async () => {
    await request();
    await new Promise((r) => setTimeout(r, 50));
    check();
  });
}

const tenantDoc = (key = a.publishableKey, headers: Record<string, string> = {}) =>
  call(t.app, 'GET', '/v1/tenant', { key, origin: a.origin, headers });
const preflight = async (origin: string) =>
  t.app.request('/v1/tenant', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });

describe('GET /v1/tenant caching headers', () => {
  it('has a strong ETag, private max-age and Vary on Authorization and Origin', async () => {
    const res = await tenantDoc();
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    expect(res.headers.get('vary')).toMatch(/Authorization/);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers a matching If-None-Match with an empty 304 and anything else with the body', async () => {
    const { headers } = await tenantDoc();
    const etag = headers.get('etag')!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await tenantDoc(a.publishableKey, { 'if-none-match': inm });
      expect(res.status, inm).toBe(304);
      expect(res.text).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('private, max-age=60');
      expect(res.headers.get('access-control-allow-origin')).toBe(a.origin);
    }
    const other = await tenantDoc(a.publishableKey, { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    expect(other.json.id).toBe(a.id);
  });

  it('another tenant has another ETag, and its ETag does not match this tenant', async () => {
    const b = await seedTenant(t.db, 'cache-b');
    const mine = (await tenantDoc()).headers.get('etag')!;
    const theirs = await call(t.app, 'GET', '/v1/tenant', { key: b.secretKey });
    expect(theirs.headers.get('etag')).not.toBe(mine);
    const crossed = await call(t.app, 'GET', '/v1/tenant', { key: b.secretKey, headers: { 'if-none-match': mine } });
    expect(crossed.status).toBe(200);
    expect(crossed.json.id).toBe(b.id);
  });
});

describe('tenant cache on one instance', () => {
  it('is filled by the first request', async () => {
    expect(t.deps.tenantCache.live).toBe(true);
    await cachedAfter(tenantDoc, () => {
      expect(t.deps.tenantCache.size.keys).toBeGreaterThan(0);
      expect(t.deps.tenantCache.size.tenants).toBeGreaterThan(0);
    });
  });

  it('a tariff changed in the database shows on the next GET, with a new ETag', async () => {
    const before = await tenantDoc();
    const [tariff] = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, a.id)).limit(1);
    // cached: the same answer while nothing changed
    expect((await tenantDoc(a.publishableKey, { 'if-none-match': before.headers.get('etag')! })).status).toBe(304);
    await t.db.update(tariffs).set({ name: 'Renamed tariff' }).where(eq(tariffs.id, tariff!.id));
    await within(1000, async () => {
      const after = await tenantDoc();
      expect(after.json.tariffs.map((x: { name: string }) => x.name)).toContain('Renamed tariff');
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    });
    const stale = await tenantDoc(a.publishableKey, { 'if-none-match': before.headers.get('etag')! });
    expect(stale.status).toBe(200);
  });

  it('a tenant row changed in the database shows on the next GET', async () => {
    expect((await tenantDoc()).json.support.phone).toBeNull();
    await t.db.update(tenants).set({ supportPhone: '+49 30 123456' }).where(eq(tenants.id, a.id));
    await within(1000, async () => expect((await tenantDoc()).json.support.phone).toBe('+49 30 123456'));
  });

  it('a key revoked in the database is refused within one second', async () => {
    const b = await seedTenant(t.db, 'cache-revoke');
    expect((await call(t.app, 'GET', '/v1/tenant', { key: b.secretKey })).status).toBe(200);
    const hash = sha256(b.secretKey);
    await cachedAfter(
      () => call(t.app, 'GET', '/v1/tenant', { key: b.secretKey }),
      () => expect(t.deps.tenantCache.size.keys).toBeGreaterThan(0),
    );
    await t.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.tokenHash, hash));
    await within(1000, async () => expect((await call(t.app, 'GET', '/v1/tenant', { key: b.secretKey })).status).toBe(401));
  });

  it('a key revoked through the API is refused at once', async () => {
    const b = await seedTenant(t.db, 'cache-api');
    const created = await call(t.app, 'POST', '/v1/api-keys', { key: b.secretKey, body: { kind: 'publishable' } });
    expect((await call(t.app, 'GET', '/v1/tenant', { key: created.json.key })).status).toBe(200);
    expect((await call(t.app, 'DELETE', `/v1/api-keys/${created.json.id}`, { key: b.secretKey })).status).toBe(200);
    expect((await call(t.app, 'GET', '/v1/tenant', { key: created.json.key })).status).toBe(401);
  });

  it('an unknown key, once stored, is accepted within one second (unknown keys are forgotten on a change)', async () => {
    const token = `tk_pub_later_${randomBytes(8).toString('hex')}`;
    await cachedAfter(
      async () => expect((await call(t.app, 'GET', '/v1/tenant', { key: token })).status).toBe(401),
      () => expect(t.deps.tenantCache.size.unknownKeys).toBeGreaterThan(0),
    );
    await storeKey(t.db, a.id, 'publishable', token, 'later');
    await within(1000, async () => expect((await call(t.app, 'GET', '/v1/tenant', { key: token })).status).toBe(200));
  });

  it('an origin removed in the database stops CORS, preflight and the key from it', async () => {
    const b = await seedTenant(t.db, 'cache-origin');
    expect((await preflight(b.origin)).status).toBe(204);
    expect((await call(t.app, 'GET', '/v1/tenant', { key: b.publishableKey, origin: b.origin })).status).toBe(200);
    await t.db.delete(tenantOrigins).where(and(eq(tenantOrigins.tenantId, b.id), eq(tenantOrigins.origin, b.origin)));
    await within(1000, async () => {
      const res = await call(t.app, 'GET', '/v1/tenant', { key: b.publishableKey, origin: b.origin });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(b.origin)).status).toBe(403);
    });
  });

  it('remembers a bounded number of unknown keys and origins', async () => {
    const cache = new TenantCache(t.db, { listen: t.database.listen, maxUnknown: 5 });
    await cache.ready();
    try {
      for (let i = 0; i < 20; i++) {
        expect(await cache.key(`tk_pub_nope_${i}`)).toBeUndefined();
        expect(await cache.isKnownOrigin(`https://nope-${i}.example`)).toBe(false);
      }
      expect(cache.size.unknownKeys).toBe(5);
      expect(cache.size.knownOrigins).toBe(5);
    } finally {
      await cache.close();
    }
  });

  it('without a listener it caches nothing and reads through', async () => {
    const cache = new TenantCache(t.db);
    await cache.ready();
    expect(cache.live).toBe(false);
    expect(await cache.key(a.publishableKey)).toMatchObject({ kind: 'publishable', tenant: { id: a.id } });
    expect(cache.size).toEqual({ keys: 0, unknownKeys: 0, knownOrigins: 0, tenants: 0 });
  });
});
