import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCustomerNumber } from '../../contract/rules.js';
import { accounts, tariffs } from '../../bff/db/schema/index.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';

// Postgres only: real concurrent transactions on several connections.
let t: TestApp;
let tenant: TestTenant;
let tariffId: string;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'signup-pg');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  tariffId = rows.find((r) => r.accountTypes.includes('private'))!.id;
});
afterAll(() => t.close());

async function signUp(n: number) {
  const body: Record<string, any> = privateSignup();
  body.tariffId = tariffId;
  body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  body.person.email = `p${n}@example.com`;
  const res = await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, body, headers: { 'x-forwarded-for': `203.0.113.${n % 250}` } });
  expect(res.status).toBe(201);
  return body.person.email as string;
}

const confirm = (token: string, n: number) =>
  call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token }, headers: { 'x-forwarded-for': `192.0.2.${n % 250}` } });

describe('confirmations under concurrency', () => {
  it('two concurrent confirmations of one token create one account and one credentials e-mail', async () => {
    const email = await signUp(1000);
    const token = tokenIn((await emailsOf(t.db, tenant.id)).find((m) => m.to === email)!, '/confirm');
    const results = await Promise.all([confirm(token, 1), confirm(token, 2)]);
    expect(results.map((r) => r.json.status).sort()).toEqual(['already_confirmed', 'confirmed']);
    expect(await t.db.select().from(accounts).where(eq(accounts.email, email))).toHaveLength(1);
    expect((await emailsOf(t.db, tenant.id)).filter((m) => m.to === email && m.text.includes('set-password'))).toHaveLength(1);
  });

  it('customer numbers never repeat under 200 concurrent confirmations, and each passes its check digit', async () => {
    const emails: string[] = [];
    for (let n = 0; n < 200; n++) emails.push(await signUp(n));
    const mails = await emailsOf(t.db, tenant.id);
    const tokens = emails.map((e) => tokenIn(mails.find((m) => m.to === e)!, '/confirm'));
    const results = await Promise.all(tokens.map((token, n) => confirm(token, n)));
    expect(results.every((r) => r.json.status === 'confirmed')).toBe(true);
    const numbers = (await t.db.select().from(accounts).where(eq(accounts.tenantId, tenant.id))).map((a) => a.customerNumber);
    expect(numbers).toHaveLength(201);
    expect(new Set(numbers).size).toBe(201);
    expect(numbers.every(isCustomerNumber)).toBe(true);
    const usernames = (await t.db.select().from(accounts).where(eq(accounts.tenantId, tenant.id))).map((a) => a.username);
    expect(new Set(usernames).size).toBe(201); // anna.mueller, anna.mueller2, …
  });
});
