import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.db, 'cors-a');
  b = await seedTenant(t.db, 'cors-b');
});
afterAll(() => t.close());

describe('CORS by tenant', () => {
  it("an allowed origin gets Access-Control-Allow-Origin echoing it", async () => {
    const res = await call(t.app, 'GET', '/v1/tenant', { key: a.publishableKey, origin: a.origin });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(a.origin);
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it("another origin — even one that another tenant allows — gets no CORS header and a 403", async () => {
    for (const origin of [b.origin, 'https://evil.example']) {
      const res = await call(t.app, 'GET', '/v1/tenant', { key: a.publishableKey, origin });
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.text).not.toContain(a.name);
    }
  });

  it('a secret key with an Origin header is refused, whatever the origin', async () => {
    for (const origin of [a.origin, 'https://evil.example']) {
      const res = await call(t.app, 'GET', '/v1/tenant', { key: a.secretKey, origin });
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('secret_key_in_browser');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('server to server (no Origin) works with either key', async () => {
    expect((await call(t.app, 'GET', '/v1/tenant', { key: a.secretKey })).status).toBe(200);
    expect((await call(t.app, 'GET', '/v1/tenant', { key: a.publishableKey })).status).toBe(200);
  });

  it('a preflight passes for a known origin and fails for an unknown one', async () => {
    const ok = await t.app.request('/v1/tenant', {
      method: 'OPTIONS',
      headers: { origin: a.origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(a.origin);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const bad = await t.app.request('/v1/tenant', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('keys', () => {
  it('missing, malformed or unknown key: 401, readable by the page so a widget can say so', async () => {
    for (const key of [undefined, 'nonsense', 'tk_pub_unknown', 'tk_sec_unknown']) {
      const res = await call(t.app, 'GET', '/v1/tenant', { key, origin: key?.startsWith('tk_sec') ? undefined : a.origin });
      expect(res.status).toBe(401);
      expect(res.json.code).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('a publishable key cannot call a secret-key route', async () => {
    const res = await call(t.app, 'GET', '/v1/api-keys', { key: a.publishableKey, origin: a.origin });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('forbidden');
  });

  it('a revoked key stops working at once; keys are stored only as hashes', async () => {
    const created = await call(t.app, 'POST', '/v1/api-keys', { key: a.secretKey, body: { kind: 'publishable', label: 'shop' } });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^tk_pub_[A-Za-z0-9_-]{32}$/);
    expect((await call(t.app, 'GET', '/v1/tenant', { key, origin: a.origin })).status).toBe(200);

    const list = await call(t.app, 'GET', '/v1/api-keys', { key: a.secretKey });
    expect(list.text).not.toContain(key);
    const { apiKeys } = await import('../../bff/db/schema/index.js');
    const stored = await t.db.select().from(apiKeys);
    expect(JSON.stringify(stored)).not.toContain(key);

    const revoked = await call(t.app, 'DELETE', `/v1/api-keys/${created.json.id}`, { key: a.secretKey });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
    expect((await call(t.app, 'GET', '/v1/tenant', { key, origin: a.origin })).status).toBe(401);
  });

  it('the last active secret key cannot be revoked; rotation works', async () => {
    const keys = (await call(t.app, 'GET', '/v1/api-keys', { key: b.secretKey })).json.keys as { id: string; kind: string }[];
    const secret = keys.find((k) => k.kind === 'secret')!;
    const refused = await call(t.app, 'DELETE', `/v1/api-keys/${secret.id}`, { key: b.secretKey });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('last_secret_key');

    const next = await call(t.app, 'POST', '/v1/api-keys', { key: b.secretKey, body: { kind: 'secret' } });
    expect(next.status).toBe(201);
    expect((await call(t.app, 'DELETE', `/v1/api-keys/${secret.id}`, { key: next.json.key })).status).toBe(200);
    expect((await call(t.app, 'GET', '/v1/tenant', { key: b.secretKey })).status).toBe(401);
    expect((await call(t.app, 'GET', '/v1/tenant', { key: next.json.key })).status).toBe(200);
  });
});

describe('allowed origins', () => {
  it('replacing the list changes which origins get through', async () => {
    const tenant = await seedTenant(t.db, 'cors-c');
    const shop = 'https://shop.cors-c.example';
    const refused = await call(t.app, 'PUT', '/v1/origins', { key: tenant.secretKey, body: { origins: ['https://x.example/path'] } });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0]).toMatchObject({ path: 'origins.0', code: 'invalid_origin' });

    const put = await call(t.app, 'PUT', '/v1/origins', { key: tenant.secretKey, body: { origins: [shop] } });
    expect(put.json).toEqual({ origins: [shop] });
    expect((await call(t.app, 'GET', '/v1/tenant', { key: tenant.publishableKey, origin: shop })).status).toBe(200);
    expect((await call(t.app, 'GET', '/v1/tenant', { key: tenant.publishableKey, origin: tenant.origin })).status).toBe(403);
  });
});
