import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contracts } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { linkAccounts, seedCoUser, seedContract } from './helpers/contracts.js';
import { browser, seedUser } from './helpers/portal.js';
import { seedAgent } from './helpers/porting.js';

// `GET /v1/contracts` (PRODUCT.md §3.6): who sees which contracts, with eligibility and its reason.

let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
const PASSWORD = 'admin-password-long-enough';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'contracts');
  other = await seedTenant(t.db, 'contracts-other');
});
afterAll(() => t.close());
beforeEach(() => t.clock.advance(2 * 86_400_000));

const list = (session: string, on: TestTenant = tenant, locale = 'de') =>
  call(t.app, 'GET', '/v1/contracts', { key: session, origin: on.origin, headers: { 'accept-language': locale } });

async function structure() {
  const main = await seedUser(t.db, tenant, { password: PASSWORD });
  const sub = await seedUser(t.db, tenant, { password: PASSWORD });
  await linkAccounts(t.db, tenant, main.accountId, sub.accountId);
  const rows = {
    complete: await seedContract(t.db, tenant, main.accountId, { siteName: 'Berlin Hauptsitz' }),
    noLine: await seedContract(t.db, tenant, main.accountId, { accessLine: false, siteName: 'Berlin Lager' }),
    sip: await seedContract(t.db, tenant, main.accountId, { product: 'sip_trunk', name: 'SIP-Trunk Business', accessLine: false }),
    ipvd: await seedContract(t.db, tenant, main.accountId, { product: 'ip_voice_data', name: 'IP Voice / Data Premium' }),
    ended: await seedContract(t.db, tenant, main.accountId, { status: 'ended' }),
    pbx: await seedContract(t.db, tenant, main.accountId, { product: 'cloud_pbx', name: 'Cloud PBX Hauptstandortvertrag' }),
    filiale: await seedContract(t.db, tenant, sub.accountId, { product: 'cloud_pbx', name: 'Cloud PBX Filialvertrag', city: 'Zürich', country: 'CH', postalCode: '8001', street: 'Bahnhofstrasse', houseNumber: '21' }),
  };
  return { main, sub, rows };
}

describe('GET /v1/contracts', () => {
  it("a main account's admin sees its own and its sub-account's contracts, each with eligible and the reason; never a password", async () => {
    const { main, sub, rows } = await structure();
    const foreign = await seedUser(t.db, other, { password: PASSWORD });
    const foreignContract = await seedContract(t.db, other, foreign.accountId);
    const session = await browser(t, tenant).login(main);
    const res = await list(session);
    expect(res.status, res.text).toBe(200);
    expect(res.json.accounts).toEqual([
      { accountId: main.accountId, customerNumber: main.customerNumber, displayName: expect.any(String), role: 'main' },
      { accountId: sub.accountId, customerNumber: sub.customerNumber, displayName: expect.any(String), role: 'sub' },
    ]);
    const byId = new Map(res.json.contracts.map((c: any) => [c.id, c]));
    expect(byId.size).toBe(7);
    expect(byId.get(rows.complete.id)).toMatchObject({ eligible: true, reason: null, accountId: main.accountId, pppoeUsername: rows.complete.pppoeUsername, siteAddress: { city: 'Berlin' } });
    expect(byId.get(rows.pbx.id)).toMatchObject({ eligible: true, reason: null });
    expect(byId.get(rows.filiale.id)).toMatchObject({ eligible: true, reason: null, accountId: sub.accountId, siteAddress: { city: 'Zürich', country: 'CH' } });
    expect(byId.get(rows.noLine.id)).toMatchObject({ eligible: false, reason: 'no_access_line', pppoeUsername: null });
    expect(byId.get(rows.sip.id)).toMatchObject({ eligible: false, reason: 'no_access_line' });
    expect(byId.get(rows.ipvd.id)).toMatchObject({ eligible: false, reason: 'contract_type' });
    expect(byId.get(rows.ended.id)).toMatchObject({ eligible: false, reason: 'contract_ended' });
    expect(byId.has(foreignContract.id)).toBe(false);
    // By product (CompanyFlex, Cloud PBX, SIP-Trunk, IP Voice / Data), then site.
    expect(res.json.contracts.map((c: any) => c.product)).toEqual(['companyflex', 'companyflex', 'companyflex', 'cloud_pbx', 'cloud_pbx', 'sip_trunk', 'ip_voice_data']);
    expect(res.json.contact.email).toMatch(/^a•+@firma\.example$/);
    expect(res.json.contact.mobile).toMatch(/^\+49 151 •+ \d\d$/);
    expect(res.text).not.toMatch(/password|sealed/i);
    expect(res.text).not.toContain(rows.complete.passwordSealed!);
  });

  it("a sub-account's own admin, and a main admin acting on it, see that account alone", async () => {
    const { main, sub, rows } = await structure();
    const subSession = await browser(t, tenant).login(sub);
    const own = await list(subSession);
    expect(own.status).toBe(200);
    expect(own.json.accounts.map((a: any) => [a.accountId, a.role])).toEqual([[sub.accountId, 'main']]);
    expect(own.json.contracts.map((c: any) => c.id)).toEqual([rows.filiale.id]);

    const mainSession = await browser(t, tenant).login(main);
    const switched = await call(t.app, 'POST', `/v1/locations/${sub.accountId}/switch`, { key: mainSession, origin: tenant.origin });
    expect(switched.status, switched.text).toBe(201);
    const acting = await list(switched.json.token);
    expect(acting.status).toBe(200);
    expect(acting.json.contracts.map((c: any) => c.id)).toEqual([rows.filiale.id]);
    // Where it would send: the logged-in admin's own contact, masked.
    expect(acting.json.contact.email.endsWith(main.email.slice(main.email.indexOf('@')))).toBe(true);
  });

  it('a co-user and a partner agent get 403 forbidden, and so does a call without a session', async () => {
    const { main } = await structure();
    const co = await seedCoUser(t.db, tenant, main.accountId);
    const agent = await seedAgent(t.db, tenant);
    for (const user of [co, agent]) {
      const session = await browser(t, tenant).login(user);
      const res = await list(session);
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('forbidden');
      const post = await call(t.app, 'POST', `/v1/contracts/${crypto.randomUUID()}/internet-credentials`, { key: session, origin: tenant.origin, body: { consent: true } });
      expect(post.status).toBe(403);
    }
    expect((await call(t.app, 'GET', '/v1/contracts', { key: tenant.publishableKey, origin: tenant.origin })).status).toBe(403);
  });

  it('an unlinked sub-account disappears from the main account; its contracts stay its own', async () => {
    const { main, sub, rows } = await structure();
    const session = await browser(t, tenant).login(main);
    await call(t.app, 'DELETE', `/v1/locations/${sub.accountId}`, { key: session, origin: tenant.origin });
    const res = await list(session);
    expect(res.json.contracts.map((c: any) => c.id)).not.toContain(rows.filiale.id);
    const [still] = await t.db.select().from(contracts).where(and(eq(contracts.id, rows.filiale.id), eq(contracts.accountId, sub.accountId)));
    expect(still).toBeDefined();
  });
});
