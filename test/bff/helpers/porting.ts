import { randomBytes } from 'node:crypto';
import type { Db } from '../../../bff/db/client.js';
import type { PortOrderStatus } from '../../../contract/porting.js';
import { licencePrices, portOrderNumbers, portOrders, tariffs, temporaryNumbers, users } from '../../../bff/db/schema/index.js';
import { hashPassword } from '../../../bff/domain/passwords.js';
import { call, type TestApp, type TestTenant } from './app.js';
import { browser, type TestUser } from './portal.js';

let seq = 0;

/**
 * What a tenant needs for number porting: a PBX product (`forPorting`, CHF 39.00 a month), licence prices
 * (apps CHF 12.00, device CHF 6.50) and a pool of `pool` temporary numbers (+41 58 …).
 */
export async function seedPorting(db: Db, tenant: TestTenant, options: { pool?: number } = {}) {
  const [product] = await db
    .insert(tariffs)
    .values({
      tenantId: tenant.id,
      code: `cloud-pbx-${randomBytes(2).toString('hex')}`,
      name: 'Cloud PBX Business',
      accountTypes: [],
      monthlyPriceCents: 3900,
      oneOffFeeCents: 0,
      currency: 'CHF',
      minimumTermMonths: 12,
      noticePeriodMonths: 3,
      forPorting: true,
    })
    .returning();
  await db.insert(licencePrices).values([
    { tenantId: tenant.id, licence: 'apps', monthlyPriceCents: 1200, currency: 'CHF' },
    { tenantId: tenant.id, licence: 'device', monthlyPriceCents: 650, currency: 'CHF' },
  ]);
  const pool = options.pool ?? 20;
  const base = 5_800_000 + Math.floor(Math.random() * 100_000) * 10;
  if (pool > 0) {
    await db.insert(temporaryNumbers).values(Array.from({ length: pool }, (_, i) => ({ tenantId: tenant.id, e164: `+4158${String(base + i).padStart(7, '0')}` })));
  }
  return { productId: product!.id };
}

/** A partner agent of `tenant` with a password (log in with `browser(t, tenant).login(agent)`). */
export async function seedAgent(db: Db, tenant: TestTenant, options: { name?: string } = {}): Promise<TestUser> {
  const tag = `${++seq}${randomBytes(3).toString('hex')}`;
  const password = `Agent-Passwort-${tag}`;
  const [user] = await db
    .insert(users)
    .values({
      tenantId: tenant.id,
      role: 'partner_agent',
      accountId: null,
      username: `agent.${tag}`,
      displayName: options.name ?? `Paula Partner ${tag}`,
      email: `agent.${tag}@reseller.example`,
      mobile: `+49176${String(3_000_000 + seq).padStart(8, '0')}`,
      passwordHash: await hashPassword(password),
    })
    .returning();
  return { id: user!.id, username: user!.username, email: user!.email, mobile: user!.mobile!, password };
}

/** A valid new customer (Zürich), with overrides. */
export function customerBody(overrides: Record<string, unknown> = {}) {
  return {
    companyName: 'Schmiedeisen AG',
    street: 'Bahnhofstrasse 12',
    postalCode: '8001',
    city: 'Zürich',
    country: 'CH',
    contactName: 'Jürg Müller',
    invoiceEmail: 'rechnung@schmiedeisen.example',
    phone: '044 123 45 67',
    uid: 'CHE-116.281.710',
    ...overrides,
  };
}

/** A port order row straight in the database (status, numbers as E.164 ranges), for checks against open orders. */
export async function seedOrder(db: Db, tenant: TestTenant, agentId: string, status: PortOrderStatus, ranges: [string, string][]) {
  const [order] = await db
    .insert(portOrders)
    .values({ tenantId: tenant.id, reference: `PO-T${randomBytes(3).toString('hex').toUpperCase()}`, createdBy: agentId, status })
    .returning();
  if (ranges.length > 0) {
    await db.insert(portOrderNumbers).values(
      ranges.map(([first, last], position) => ({ tenantId: tenant.id, orderId: order!.id, position, input: first, kind: first === last ? ('single' as const) : ('block' as const), rangeFirst: first, rangeLast: last })),
    );
  }
  return order!;
}

let numberSeq = 0;

/** A complete draft body (every step), ready to submit: a fresh Zürich number and a fresh DDI block unless `lines`. */
export function portOrderBody(customerId: string, productId: string, lines?: string[]) {
  const n = ++numberSeq;
  return {
    customerId,
    subscription: { tariffId: productId, startDate: '2026-12-01' },
    numbers: {
      country: 'CH',
      lines: lines ?? [`044 ${String(700 + (n % 200)).padStart(3, '0')} ${String(10 + (n % 90))} 34`, `+41 44 ${String(500 + (n % 100))} ${String(10 + (n % 90))} 0x`],
      newNumbers: 0,
      currentProvider: 'swisscom',
      signing: 'single',
      signers: [{ name: 'Jürg Müller', role: 'Geschäftsführer' }],
      timing: 'asap',
      portingDate: null,
      portingTime: null,
      sharedContract: false,
      scope: 'partial',
      fullPortAcknowledged: false,
      note: '',
    },
    workplaces: {
      rows: [{ displayName: 'Jürg Müller', loginName: `juerg.mueller.${n}`, password: 'Workplace-pass-1', licence: 'apps' }],
      supportLogin: { loginName: `reseller.support.${n}`, password: 'Support-pass-123' },
    },
  };
}

/**
 * A reseller's porting data through the API, for tests that need it (the isolation probe, the operator's
 * decisions): porting setup, a logged-in partner agent, a customer, a draft and a submitted order.
 */
export async function seedPortingScenario(t: TestApp, tenant: TestTenant, options: { pool?: number } = {}) {
  const { productId } = await seedPorting(t.db, tenant, options);
  const agent = await seedAgent(t.db, tenant);
  const session = await browser(t, tenant).login(agent);
  const send = (method: string, path: string, body?: unknown) => call(t.app, method, path, { key: session, origin: tenant.origin, body });
  const customer = await send('POST', '/v1/customers', customerBody());
  if (customer.status !== 201) throw new Error(`customer: ${customer.status} ${customer.text}`);
  const draft = await send('POST', '/v1/port-orders', portOrderBody(customer.json.id, productId));
  const submitted = await send('POST', '/v1/port-orders', portOrderBody(customer.json.id, productId));
  if (draft.status !== 201 || submitted.status !== 201) throw new Error(`draft: ${draft.status} ${draft.text} ${submitted.text}`);
  const sent = await send('POST', `/v1/port-orders/${submitted.json.id}/submit`);
  if (sent.status !== 200) throw new Error(`submit: ${sent.status} ${sent.text}`);
  return { productId, agent, session, customerId: customer.json.id as string, draftId: draft.json.id as string, submittedId: submitted.json.id as string };
}

/** A complete numbers step (Swisscom, one signer, contract end Wednesday 2 December 2026 at 10:00, partial port), with overrides. */
export const numbersSection = (lines: string[], overrides: Record<string, unknown> = {}) => ({
  country: 'CH',
  lines,
  newNumbers: 0,
  currentProvider: 'swisscom',
  signing: 'single',
  signers: [{ name: 'Jürg Müller', role: 'Geschäftsführer' }],
  timing: 'contract_end',
  portingDate: '2026-12-02',
  portingTime: '10:00',
  sharedContract: false,
  scope: 'partial',
  fullPortAcknowledged: false,
  note: '',
  ...overrides,
});
