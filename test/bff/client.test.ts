import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { BffApp } from '../../bff/app.js';
import type { TenantConfig } from '../../contract/tenant.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'client');
});
afterAll(() => t.close());

describe('hc<BffApp>', () => {
  it('types every call end to end (checked by `npm run typecheck`)', async () => {
    const client = hc<BffApp>('http://localhost', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => t.app.request(input instanceof Request ? input : String(input), init),
      headers: { authorization: `Bearer ${tenant.secretKey}` },
    });
    const res = await client.v1.tenant.$get();
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const body = await res.json();
    expectTypeOf(body.tariffs[0]!.monthlyPriceCents).toEqualTypeOf<number>();
    expectTypeOf(body.legal).toEqualTypeOf<TenantConfig['legal']>();
    expect(body.name).toBe(tenant.name);

    const created = await client.v1['api-keys'].$post({ json: { kind: 'publishable', label: 'typed' } });
    expect(created.status).toBe(201);
    if (created.status === 201) expectTypeOf((await created.json()).key).toEqualTypeOf<string>();
  });
});
