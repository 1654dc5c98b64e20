import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantConfigSchema } from '../../contract/tenant.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.db, 'conf');
  await seedTenant(t.db, 'conf-other');
});
afterAll(() => t.close());

describe('GET /v1/tenant', () => {
  it("returns the caller's branding, locales, legal links with terms version, support and tariffs", async () => {
    const res = await call(t.app, 'GET', '/v1/tenant', { key: a.publishableKey, origin: a.origin });
    expect(res.status).toBe(200);
    const config = tenantConfigSchema.parse(res.json);
    expect(config).toMatchObject({
      id: a.id,
      name: a.name,
      kind: 'operator',
      branding: { theme: { 'color-primary': '#123456' } },
      locales: ['de', 'en'],
      defaultLocale: 'de',
      legal: { termsUrl: `${a.origin}/terms`, termsVersion: expect.stringMatching(/^v-conf-/) },
      support: { email: expect.stringContaining('@conf-') },
      vatRate: 19,
    });
    expect(config.tariffs.filter((x) => !x.forSubUsers).map((x) => x.accountTypes[0])).toEqual(['business', 'private', 'professional']);
    // The co-users' tariffs: for no signup, for `tk-sub-users` only.
    expect(config.tariffs.filter((x) => x.forSubUsers).map((x) => x.accountTypes)).toEqual([[], []]);
    expect(config.tariffs[1]).toMatchObject({
      monthlyPriceCents: 990,
      oneOffFeeCents: 0,
      currency: 'EUR',
      minimumTermMonths: 1,
      noticePeriodMonths: 1,
    });
    expect(res.text).not.toContain('conf-other');
  });
});
