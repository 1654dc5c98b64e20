import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp } from './helpers/app.js';

// `idempotent({ rule, by })`: the route's rate limit counted in the statement that claims the key
// (POST /v1/api-keys: 30 per tenant and hour).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const create = (secretKey: string, key: string | undefined, label: string) =>
  call(t.app, 'POST', '/v1/api-keys', { key: secretKey, body: { kind: 'publishable', label }, headers: key ? { 'idempotency-key': key } : {} });

describe('rate limit counted with the Idempotency-Key claim', () => {
  it('counts requests with and without a key in one counter, with the RateLimit headers', async () => {
    t.clock.set(new Date('2026-11-21T10:00:00Z'));
    const tenant = await seedTenant(t.db, 'counted');
    for (let i = 0; i < 30; i++) {
      const res = await create(tenant.secretKey, i % 2 ? `k-${i}` : undefined, `n${i}`);
      expect(res.status).toBe(201);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(29 - i));
    }
    const over = await create(tenant.secretKey, 'k-over', 'over');
    expect(over.status).toBe(429);
    // Until the window ends at 11:00 (the test clock keeps running: a slow machine spends a second or so).
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3540);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    // over the limit nothing is claimed: the key is free once the window has passed
    const scope = and(eq(idempotencyKeys.tenantId, tenant.id), eq(idempotencyKeys.key, 'k-over'));
    expect(await t.db.select().from(idempotencyKeys).where(scope)).toHaveLength(0);
    t.clock.advance(3600_000);
    expect((await create(tenant.secretKey, 'k-over', 'over')).status).toBe(201);
  });

  it('over the limit, a retry still gets its stored response', async () => {
    t.clock.set(new Date('2026-11-22T10:00:00Z'));
    const tenant = await seedTenant(t.db, 'replay');
    const first = await create(tenant.secretKey, 'k-first', 'first');
    expect(first.status).toBe(201);
    for (let i = 0; i < 29; i++) expect((await create(tenant.secretKey, undefined, `fill${i}`)).status).toBe(201);
    expect((await create(tenant.secretKey, undefined, 'one too many')).status).toBe(429);
    const retry = await create(tenant.secretKey, 'k-first', 'first');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.json).toEqual({ ...first.json, key: null }); // the key itself is never stored
    // the same key with another body is still a 409, not a 429 … and a new key is a 429
    expect((await create(tenant.secretKey, 'k-first', 'changed')).status).toBe(429);
    expect((await create(tenant.secretKey, 'k-new', 'new')).status).toBe(429);
  });

  it('retries count against the limit (the cost of one statement for both)', async () => {
    t.clock.set(new Date('2026-11-23T10:00:00Z'));
    const tenant = await seedTenant(t.db, 'retries');
    const first = await create(tenant.secretKey, 'k-same', 'same');
    const retry = await create(tenant.secretKey, 'k-same', 'same');
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(Number(first.headers.get('ratelimit-remaining')) - Number(retry.headers.get('ratelimit-remaining'))).toBe(1);
  });
});
