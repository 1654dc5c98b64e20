import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bff/app.js';
import type { AppEnv } from '../../bff/lib/context.js';
import { handleError } from '../../bff/lib/errors.js';
import { byIp, rateLimit } from '../../bff/lib/rate-limit.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'rate');
});
afterAll(() => t.close());

describe('rate limits in Postgres', () => {
  it('a declared per-tenant limit holds across two app instances sharing the database', async () => {
    t.clock.set(new Date('2026-11-21T10:00:00Z'));
    const second = createApp(t.deps); // another "BFF instance", same database
    for (let i = 0; i < 30; i++) {
      const app = i % 2 === 0 ? t.app : second;
      const res = await call(app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable' } });
      expect(res.status).toBe(201);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(29 - i));
    }
    const limited = await call(second, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable' } });
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBe('3600');

    // another tenant has its own counter
    const other = await seedTenant(t.db, 'rate-other');
    expect((await call(t.app, 'POST', '/v1/api-keys', { key: other.secretKey, body: { kind: 'publishable' } })).status).toBe(201);

    t.clock.advance(30 * 60 * 1000);
    const still = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable' } });
    expect(still.headers.get('retry-after')).toBe('1800');
    t.clock.advance(30 * 60 * 1000);
    expect((await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable' } })).status).toBe(201);
  });

  it('a per-IP limit counts each client address on its own', async () => {
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('deps', t.deps);
        c.set('locale', 'en');
        await next();
      })
      .get('/probe', rateLimit({ name: 'probe', limit: 2, windowSeconds: 60 }, byIp), (c) => c.text('ok'));
    app.onError(handleError);
    const from = (ip: string) => app.request('/probe', { headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    expect((await from('192.0.2.1')).status).toBe(200);
    expect((await from('192.0.2.1')).status).toBe(200);
    const third = await from('192.0.2.1');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await third.json()).title).toBe('Too many requests. Please try again later.');
    expect((await from('192.0.2.2')).status).toBe(200);
  });
});
