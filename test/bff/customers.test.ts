import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, customers } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser, seedUser } from './helpers/portal.js';
import { customerBody, seedAgent } from './helpers/porting.js';

let t: TestApp;
let reseller: TestTenant;
let other: TestTenant;
let session: string;
let colleague: string;
let otherSession: string;

beforeAll(async () => {
  t = await createTestApp();
  const operator = await seedTenant(t.db, 'op');
  reseller = await seedTenant(t.db, 'customers', { parentId: operator.id });
  other = await seedTenant(t.db, 'customers-other', { parentId: operator.id });
  session = await browser(t, reseller).login(await seedAgent(t.db, reseller));
  colleague = await browser(t, reseller).login(await seedAgent(t.db, reseller));
  otherSession = await browser(t, other).login(await seedAgent(t.db, other));
});
afterAll(() => t.close());

let ip = 0;
const api = (method: string, path: string, key: string, body?: unknown, tenant = reseller, headers: Record<string, string> = {}) =>
  call(t.app, method, path, { key, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...headers } });

describe('/v1/customers', () => {
  it('creates a customer: phone as E.164, UID formatted; every agent of the reseller sees it, newest first', async () => {
    const res = await api('POST', '/v1/customers', session, customerBody({ companyName: 'Alpha Holz AG', phone: '044 123 45 67', uid: 'che116281710' }));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ companyName: 'Alpha Holz AG', phone: '+41441234567', uid: 'CHE-116.281.710', country: 'CH' });
    t.clock.advance(1000);
    const second = await api('POST', '/v1/customers', colleague, customerBody({ companyName: 'Beta Metall GmbH', uid: undefined }));
    expect(second.status, second.text).toBe(201);
    expect(second.json.uid).toBeNull();

    const list = await api('GET', '/v1/customers', colleague);
    expect(list.status).toBe(200);
    const names = list.json.items.map((c: { companyName: string }) => c.companyName);
    expect(names.indexOf('Beta Metall GmbH')).toBeLessThan(names.indexOf('Alpha Holz AG'));
    const found = await api('GET', '/v1/customers?q=holz', session);
    expect(found.json.items.map((c: { id: string }) => c.id)).toEqual([res.json.id]);
    expect((await api('GET', '/v1/customers?q=%25', session)).json.items).toEqual([]);
    const one = await api('GET', `/v1/customers/${res.json.id}`, colleague);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(res.json);
    const [entry] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, res.json.id));
    expect(entry?.action).toBe('customer.created');
  });

  it('bad input: 422 naming the field, nothing stored', async () => {
    const before = await t.db.select().from(customers).where(eq(customers.tenantId, reseller.id));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ phone: '12' }, 'phone', 'customer_phone_invalid'],
      [{ phone: '079 123' }, 'phone', 'customer_phone_invalid'],
      [{ uid: 'CHE-116.281.711' }, 'uid', 'uid_invalid'],
      [{ postalCode: '80011' }, 'postalCode', 'postal_code'],
      [{ invoiceEmail: 'nope' }, 'invoiceEmail', 'invalid_email'],
      [{ companyName: '' }, 'companyName', 'too_short'],
    ];
    for (const [override, path, code] of cases) {
      const res = await api('POST', '/v1/customers', session, customerBody(override), reseller, { 'accept-language': 'en' });
      expect(res.status, JSON.stringify(override)).toBe(422);
      expect(res.json.errors).toContainEqual(expect.objectContaining({ path }));
      expect(res.json.errors.find((e: { path: string }) => e.path === path).code, path).toBe(code);
      expect(res.json.errors[0].message).not.toBe('');
    }
    expect(await t.db.select().from(customers).where(eq(customers.tenantId, reseller.id))).toHaveLength(before.length);
  });

  it('is idempotent with an Idempotency-Key', async () => {
    const body = customerBody({ companyName: 'Gamma Glas AG' });
    const first = await api('POST', '/v1/customers', session, body, reseller, { 'idempotency-key': 'cust-1' });
    const again = await api('POST', '/v1/customers', session, body, reseller, { 'idempotency-key': 'cust-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(await t.db.select().from(customers).where(eq(customers.companyName, 'Gamma Glas AG'))).toHaveLength(1);
  });

  it("another reseller's agent sees nothing: empty list, 404 by id", async () => {
    const mine = await api('POST', '/v1/customers', session, customerBody({ companyName: 'Delta Druck AG' }));
    expect((await api('GET', '/v1/customers', otherSession, undefined, other)).json.items).toEqual([]);
    expect((await api('GET', `/v1/customers/${mine.json.id}`, otherSession, undefined, other)).status).toBe(404);
    expect((await api('GET', '/v1/customers/00000000-0000-4000-8000-000000000000', session)).status).toBe(404);
  });

  it('only partner agents: an account admin gets 403', async () => {
    const admin = await seedUser(t.db, reseller, { password: 'admin-password-long-enough' });
    const adminSession = await browser(t, reseller).login(admin);
    expect((await api('GET', '/v1/customers', adminSession)).status).toBe(403);
    expect((await api('POST', '/v1/customers', adminSession, customerBody())).status).toBe(403);
    expect((await call(t.app, 'GET', '/v1/customers', { key: reseller.secretKey })).status).toBe(403);
  });
});
