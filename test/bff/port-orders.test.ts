import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, portOrderDocuments, portOrderNumbers, portOrders, portOrderWorkplaces, statusHistory, temporaryNumbers } from '../../bff/db/schema/index.js';
import { unseal } from '../../bff/lib/crypto.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser, seedUser } from './helpers/portal.js';
import { customerBody, numbersSection, seedAgent, seedPorting, seedPortingScenario } from './helpers/porting.js';

let t: TestApp;
let operator: TestTenant;
let otherOperator: TestTenant;
let reseller: TestTenant;
let other: TestTenant;
let productId: string;
let session: string;
let colleague: string;
let agentName: string;
let otherSession: string;
let otherOrders: string[];
let otherCustomer: string;
let customerId: string;
const NOW = new Date('2026-11-23T09:00:00Z'); // Monday; the earliest porting date is Wednesday 2 December
const PASSWORDS = ['Workplace-pass-1', 'Workplace-pass-2', 'Support-pass-123'];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  operator = await seedTenant(t.db, 'op');
  otherOperator = await seedTenant(t.db, 'op-other');
  reseller = await seedTenant(t.db, 'porting', { parentId: operator.id });
  other = await seedTenant(t.db, 'porting-other', { parentId: otherOperator.id });
  ({ productId } = await seedPorting(t.db, reseller, { pool: 60 }));
  const theirs = await seedPortingScenario(t, other);
  otherSession = theirs.session;
  otherOrders = [theirs.draftId, theirs.submittedId];
  otherCustomer = theirs.customerId;
  agentName = 'Paula Portiererin';
  session = await browser(t, reseller).login(await seedAgent(t.db, reseller, { name: agentName }));
  colleague = await browser(t, reseller).login(await seedAgent(t.db, reseller));
  const created = await api('POST', '/v1/customers', session, customerBody());
  customerId = created.json.id;
});
afterAll(() => t.close());

let ip = 0;
const api = (method: string, path: string, key: string, body?: unknown, tenant = reseller, headers: Record<string, string> = {}) =>
  call(t.app, method, path, { key, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...headers } });
const asKey = (method: string, path: string, key: string) => call(t.app, method, path, { key });

let n = 0;
/** A Zürich number no other test uses. */
const fresh = () => `044 ${300 + ++n} 12 34`;
/** A block of 10 no other test uses. */
const freshBlock = () => `+41 44 ${600 + ++n} 55 0x`;

let w = 0;
const workplacesSection = () => {
  const tag = ++w;
  return {
    rows: [
      { displayName: 'Jürg Müller', loginName: `juerg.mueller${tag}`, password: PASSWORDS[0], licence: 'apps' },
      { displayName: 'Fax Werkstatt', loginName: `fax.werkstatt${tag}`, password: PASSWORDS[1], licence: 'device' },
    ],
    supportLogin: { loginName: `reseller.support${tag}`, password: PASSWORDS[2] },
  };
};

/** A draft with every step complete, ready to submit. */
async function readyDraft(lines = [fresh(), freshBlock()], key = session, tenant = reseller, customer = customerId) {
  const created = await api('POST', '/v1/port-orders', key, {
    customerId: customer,
    subscription: { tariffId: tenant === reseller ? productId : undefined, startDate: '2026-12-01' },
    numbers: numbersSection(lines),
    workplaces: workplacesSection(),
  }, tenant);
  expect(created.status, created.text).toBe(201);
  return created.json as { id: string; reference: string };
}

const submit = (id: string, key = session, tenant = reseller, headers: Record<string, string> = {}) => api('POST', `/v1/port-orders/${id}/submit`, key, undefined, tenant, headers);
const rowOf = async (id: string) => (await t.db.select().from(portOrders).where(eq(portOrders.id, id)))[0]!;
const assignedCount = async (tenantId = reseller.id) => (await t.db.select().from(temporaryNumbers).where(and(eq(temporaryNumbers.tenantId, tenantId), isNotNull(temporaryNumbers.assignedTo)))).length;
const noPasswords = (text: string) => PASSWORDS.forEach((p) => expect(text).not.toContain(p));

describe('port order drafts', () => {
  it('are saved step by step; each complete step raises `step`; passwords are sealed and never returned', async () => {
    const created = await api('POST', '/v1/port-orders', session, {});
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ status: 'draft', statusText: 'Entwurf', step: 0, customer: null, price: null, actions: ['edit', 'submit', 'cancel'] });
    expect(created.json.reference).toMatch(/^PO-[A-HJ-NP-Z2-9]{6}$/);
    const id = created.json.id;

    const step1 = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'customer', customerId });
    expect(step1.status, step1.text).toBe(200);
    expect(step1.json).toMatchObject({ step: 1, customer: { id: customerId, companyName: 'Schmiedeisen AG' } });

    const step2 = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'subscription', subscription: { tariffId: productId, startDate: '2026-12-15' } });
    expect(step2.status, step2.text).toBe(200);
    expect(step2.json.step).toBe(2);
    // December has 31 days; from the 15th, 17 are charged: 3900 × 17 / 31 = 2138.7 → 2139.
    expect(step2.json.price).toMatchObject({ currency: 'CHF', monthlyTotalCents: 3900, firstMonth: { from: '2026-12-15', to: '2026-12-31', days: 17, daysInMonth: 31, cents: 2139 } });

    const lines = [fresh(), freshBlock()];
    const step3 = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'numbers', numbers: numbersSection(lines) });
    expect(step3.status, step3.text).toBe(200);
    expect(step3.json.step).toBe(3);
    expect(step3.json.numbers.lines.map((l: { kind: string }) => l.kind)).toEqual(['single', 'block']);
    expect(step3.json.numbers.lines[1].range.size).toBe(10);

    // Saving an earlier step again does not lower `step`; a section without `complete` is only saved.
    const note = await api('PATCH', `/v1/port-orders/${id}`, session, { numbers: { note: 'Bitte morgens portieren' } });
    expect(note.json).toMatchObject({ step: 3, numbers: { note: 'Bitte morgens portieren', portingDate: '2026-12-02' } });

    const step4 = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'workplaces', workplaces: workplacesSection() });
    expect(step4.status, step4.text).toBe(200);
    expect(step4.json.step).toBe(4);
    expect(step4.json.workplaces.rows.map((r: { passwordSet: boolean; licence: string }) => [r.licence, r.passwordSet])).toEqual([['apps', true], ['device', true]]);
    expect(step4.json.workplaces.supportLogin.passwordSet).toBe(true);
    // 3900 + 1200 (apps) + 650 (device); the first month pro rata line by line: 2139 + 658 + 356.
    expect(step4.json.price.monthlyTotalCents).toBe(5750);
    expect(step4.json.price.firstMonth.cents).toBe(2139 + 658 + 356);

    // A row sent again with its id and no password keeps its password.
    const kept = step4.json.workplaces.rows.map((r: { id: string; displayName: string; loginName: string; licence: string }) => ({ id: r.id, displayName: r.displayName, loginName: r.loginName, licence: r.licence }));
    const again = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'workplaces', workplaces: { rows: kept } });
    expect(again.status, again.text).toBe(200);

    const read = await api('GET', `/v1/port-orders/${id}`, colleague);
    expect(read.status).toBe(200);
    expect(read.json.step).toBe(4);
    for (const res of [created, step1, step2, step3, step4, again, read]) noPasswords(res.text);
    // Sealed at rest, readable only with the server's secret.
    const stored = await t.db.select().from(portOrderWorkplaces).where(eq(portOrderWorkplaces.orderId, id));
    expect(stored.map((s) => unseal(t.deps.env.secret, 'port-order.workplace', s.passwordSealed!)).sort()).toEqual([PASSWORDS[0], PASSWORDS[1]].sort());
    noPasswords(JSON.stringify(stored));
    noPasswords(JSON.stringify(await rowOf(id)));
    noPasswords(t.logLines.join('\n'));
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(audited.map((a) => a.action)).toEqual(['port_order.created', ...Array(6).fill('port_order.updated')]);
    noPasswords(JSON.stringify(audited));
  });

  it('PATCH checks the step whole: field errors per field, and nothing is saved', async () => {
    const { id } = await readyDraft();
    const before = await api('GET', `/v1/port-orders/${id}`, session);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ portingDate: '2026-12-05' }, 'numbers.portingDate', 'weekend'],
      [{ portingDate: '2026-12-25' }, 'numbers.portingDate', 'holiday'],
      [{ portingDate: '2026-12-01' }, 'numbers.portingDate', 'too_early'],
      [{ portingDate: null }, 'numbers.portingDate', 'porting_date_required'],
      [{ portingTime: '18:00' }, 'numbers.portingTime', 'office_hours'],
      [{ signing: 'collective' }, 'numbers.signers', 'signers_count'],
      [{ scope: 'full' }, 'numbers.fullPortAcknowledged', 'full_port_ack'],
      [{ currentProvider: 'acme' }, 'numbers.currentProvider', 'provider_unknown'],
      [{ lines: [], newNumbers: 0 }, 'numbers.lines', 'numbers_missing'],
    ];
    for (const [override, path, code] of cases) {
      const res = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'numbers', numbers: numbersSection([fresh()], override) }, reseller, { 'accept-language': 'en' });
      expect(res.status, JSON.stringify(override)).toBe(422);
      const error = res.json.errors.find((e: { path: string }) => e.path === path);
      expect(error?.code, `${JSON.stringify(override)}: ${res.text}`).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
    }
    // ASAP needs no date; a full port with the acknowledgement is fine.
    const asap = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'numbers', numbers: numbersSection([fresh()], { timing: 'asap', portingDate: null, portingTime: null, scope: 'full', fullPortAcknowledged: true }) });
    expect(asap.status, asap.text).toBe(200);
    // Nothing of the refused requests was saved.
    expect(before.json.numbers.portingDate).toBe('2026-12-02');

    const subscription = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'subscription', subscription: { startDate: '2026-11-20' } });
    expect(subscription.json.errors).toContainEqual(expect.objectContaining({ path: 'subscription.startDate', code: 'date_in_past' }));
    const customer = await api('PATCH', `/v1/port-orders/${id}`, session, { customerId: '00000000-0000-4000-8000-000000000000' });
    expect(customer.json.errors).toContainEqual(expect.objectContaining({ path: 'customerId', code: 'customer_unknown' }));
  });

  it('an order of new numbers only needs no provider, signing, timing or scope, at the step and at submission; with a line it does', async () => {
    const created = await api('POST', '/v1/port-orders', session, { customerId, subscription: { tariffId: productId, startDate: '2026-12-01' }, workplaces: workplacesSection() });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id;
    const onlyNew = { country: 'CH', lines: [], newNumbers: 2 };
    const withLine = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'numbers', numbers: { ...onlyNew, lines: [fresh()] } });
    expect(withLine.status, withLine.text).toBe(422);
    expect(withLine.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['numbers.currentProvider', 'numbers.signing', 'numbers.timing', 'numbers.sharedContract', 'numbers.scope']));
    const step3 = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'numbers', numbers: onlyNew });
    expect(step3.status, step3.text).toBe(200);
    expect(step3.json.step).toBe(3);
    expect(step3.json.numbers).toMatchObject({ lines: [], newNumbers: 2, currentProvider: null, signing: null, timing: null, scope: null });
    const done = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'workplaces', workplaces: workplacesSection() });
    expect(done.status, done.text).toBe(200);
    const submitted = await submit(id);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.json.status).toBe('submitted');
  });

  it('complete: "numbers" refuses a list with flagged lines (field error and report); saving without `complete` keeps them', async () => {
    const created = await api('POST', '/v1/port-orders', session, { customerId });
    const id = created.json.id;
    const lines = [fresh(), '079 123 45 67'];
    const refused = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'numbers', numbers: numbersSection(lines) }, reseller, { 'accept-language': 'en' });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.code).toBe('numbers_flagged');
    expect(refused.json.errors).toContainEqual(expect.objectContaining({ path: 'numbers.lines', code: 'numbers_flagged', message: expect.stringMatching(/\w/) }));
    expect(refused.json.report.lines[1].problems[0]).toMatchObject({ code: 'mobile_into_fixed', message: expect.stringMatching(/mobile/i) });
    expect((await rowOf(id)).step).toBe(0);
    expect(await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, id))).toEqual([]);
    const saved = await api('PATCH', `/v1/port-orders/${id}`, session, { numbers: numbersSection(lines) });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.numbers.lines.map((l: { input: string }) => l.input)).toEqual(lines);
    expect(saved.json.step).toBe(0);
  });

  it('the first month is pro rata of the monthly total (one rounding), not a sum of rounded lines', async () => {
    // Tariff 39.00 + apps 12.00 + device 6.50 = 57.50 a month; from 20 December 12 of 31 days:
    // 5750 × 12 / 31 = 2225.8 → 2226 (rounding each line first would give 2227).
    const created = await api('POST', '/v1/port-orders', session, { customerId, subscription: { tariffId: productId, startDate: '2026-12-20' }, workplaces: workplacesSection() });
    expect(created.status, created.text).toBe(201);
    expect(created.json.price).toMatchObject({ monthlyTotalCents: 5750, firstMonth: { from: '2026-12-20', days: 12, daysInMonth: 31, cents: 2226 } });
  });

  it('workplaces: login names unique in the order and among the customer\'s open orders, passwords required, support login required', async () => {
    const first = await readyDraft();
    const taken = (await rowOf(first.id)).supportLoginName!;
    const { id } = await readyDraft();
    const rows = [
      { displayName: 'A', loginName: 'anna.meier', password: PASSWORDS[0], licence: 'apps' },
      { displayName: 'B', loginName: 'Anna.Meier', password: PASSWORDS[0], licence: 'apps' },
      { displayName: 'C', loginName: 'carla.new', licence: 'apps' },
      { displayName: 'D', loginName: taken, password: PASSWORDS[0], licence: 'apps' },
    ];
    const res = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'workplaces', workplaces: { rows, supportLogin: null } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual(
      ['workplaces.rows.1.loginName:login_name_taken', 'workplaces.rows.2.password:password_required', 'workplaces.rows.3.loginName:login_name_taken', 'workplaces.supportLogin:support_login_required'].sort(),
    );
    const bad = await api('PATCH', `/v1/port-orders/${id}`, session, { workplaces: { rows: [{ displayName: 'X', loginName: 'jürg müller', password: PASSWORDS[0], licence: 'apps' }] } });
    expect(bad.json.errors).toContainEqual(expect.objectContaining({ path: 'workplaces.rows.0.loginName', code: 'login_name' }));
    const empty = await api('PATCH', `/v1/port-orders/${id}`, session, { complete: 'workplaces', workplaces: { rows: [] } });
    expect(empty.json.errors).toContainEqual(expect.objectContaining({ path: 'workplaces.rows', code: 'workplaces_missing' }));
    const short = await api('PATCH', `/v1/port-orders/${id}`, session, { workplaces: { rows: [{ displayName: 'X', loginName: 'x.y.z', password: 'short', licence: 'apps' }] } });
    expect(short.json.errors).toContainEqual(expect.objectContaining({ path: 'workplaces.rows.0.password', code: 'too_short' }));
  });

  it('is created idempotently with an Idempotency-Key', async () => {
    const body = { customerId };
    const a = await api('POST', '/v1/port-orders', session, body, reseller, { 'idempotency-key': 'po-create-1' });
    const b = await api('POST', '/v1/port-orders', session, body, reseller, { 'idempotency-key': 'po-create-1' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.id).toBe(a.json.id);
    expect(b.headers.get('idempotency-replayed')).toBe('true');
  });

  it('options: the porting products, licence prices, today and the earliest porting date', async () => {
    const res = await api('GET', '/v1/port-orders/options', session);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ today: '2026-11-23', earliestPortingDate: '2026-12-02' });
    expect(res.json.products.map((p: { id: string }) => p.id)).toEqual([productId]);
    expect(res.json.licences).toEqual([
      { licence: 'apps', monthlyPriceCents: 1200, currency: 'CHF' },
      { licence: 'device', monthlyPriceCents: 650, currency: 'CHF' },
    ]);
  });
});

describe('submitting', () => {
  it('gives each ported number and block one temporary number and moves the order to submitted', async () => {
    const { id } = await readyDraft([fresh(), fresh(), freshBlock()]);
    const before = await assignedCount();
    const res = await submit(id);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: 'submitted', statusText: 'Eingereicht', actions: ['cancel'] });
    const temps = res.json.numbers.lines.map((l: { temporaryNumber: string }) => l.temporaryNumber);
    expect(temps.every((x: string) => /^\+4158\d{7}$/.test(x))).toBe(true);
    expect(new Set(temps).size).toBe(3);
    expect(await assignedCount()).toBe(before + 3);
    expect(Math.abs(Date.parse(res.json.submittedAt) - t.clock.now().getTime())).toBeLessThan(60_000);
    expect(res.json.history).toEqual([expect.objectContaining({ from: 'draft', to: 'submitted', actor: { kind: 'agent', name: agentName } })]);
    noPasswords(res.text);
  });

  it('a list with flagged lines is refused with the report, and nothing is stored', async () => {
    const single = fresh();
    const lines = [single, '079 123 45 67', '+49 30 12345678', `+41 ${single.slice(1)}`, '+41 44 901 23 0x', '044 901 23 05', ...Array.from({ length: 10 }, () => fresh())];
    const { id } = await readyDraft(lines);
    const before = await assignedCount();
    const res = await submit(id, session, reseller, { 'accept-language': 'en' });
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe('numbers_flagged');
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.json.report.lines.map((l: { problems: { code: string }[] }) => l.problems.map((p) => p.code))).toEqual([
      [],
      ['mobile_into_fixed'],
      ['not_this_country'],
      ['duplicate'],
      [],
      ['overlaps_block'],
      ...Array.from({ length: 9 }, () => []),
      ['too_many_singles'],
    ]);
    expect(res.json.report.lines[1].problems[0].message).toMatch(/mobile/i);
    expect((await rowOf(id)).status).toBe('draft');
    expect(await assignedCount()).toBe(before);
    const stored = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, id));
    expect(stored.every((l) => l.temporaryNumber === null)).toBe(true);
    expect(await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, id))).toEqual([]);
  });

  it('a number in another open order of the reseller is flagged at submission', async () => {
    const number = fresh();
    const first = await readyDraft([number]);
    expect((await submit(first.id)).status).toBe(200);
    const second = await readyDraft([number.replace(/^0/, '+41 ')]);
    const res = await submit(second.id);
    expect(res.status).toBe(422);
    expect(res.json.report.lines[0].problems.map((p: { code: string }) => p.code)).toEqual(['in_open_order']);
  });

  it('a number in another open order does not count toward the 10 singles at submission', async () => {
    const taken = fresh();
    expect((await submit((await readyDraft([taken])).id)).status).toBe(200);
    const { id } = await readyDraft([taken, ...Array.from({ length: 10 }, () => fresh())]);
    const res = await submit(id);
    expect(res.status, res.text).toBe(422);
    expect(res.json.report.lines.map((l: { problems: { code: string }[] }) => l.problems.map((p) => p.code))).toEqual([['in_open_order'], ...Array.from({ length: 10 }, () => [])]);
  });

  it('step errors and flagged numbers together: ONE 422 `numbers_flagged` with both the field errors and the report', async () => {
    const { id } = await readyDraft([fresh(), '079 123 45 67']);
    await t.db.update(portOrders).set({ portingDate: '2026-11-30' }).where(eq(portOrders.id, id));
    const res = await submit(id);
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe('numbers_flagged');
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'numbers.portingDate', code: 'too_early' }),
        expect.objectContaining({ path: 'numbers.lines', code: 'numbers_flagged' }),
      ]),
    );
    expect(res.json.report.lines.map((l: { problems: { code: string }[] }) => l.problems.map((p) => p.code))).toEqual([[], ['mobile_into_fixed']]);
    expect((await rowOf(id)).status).toBe('draft');
    // Step errors alone: `validation_failed`, no report.
    const clean = await readyDraft();
    await t.db.update(portOrders).set({ portingDate: '2026-11-30' }).where(eq(portOrders.id, clean.id));
    const stepOnly = await submit(clean.id);
    expect(stepOnly.json.code).toBe('validation_failed');
    expect(stepOnly.json.report).toBeUndefined();
  });

  it('checks every step again at submission, the calendar against today', async () => {
    const { id } = await readyDraft();
    // As if saved days ago, when this date was far enough ahead: today it is too early.
    await t.db.update(portOrders).set({ portingDate: '2026-11-30' }).where(eq(portOrders.id, id));
    const res = await submit(id);
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual(expect.objectContaining({ path: 'numbers.portingDate', code: 'too_early' }));
    expect((await rowOf(id)).status).toBe('draft');
    const incomplete = await api('POST', '/v1/port-orders', session, { customerId });
    const bare = await submit(incomplete.json.id);
    expect(bare.status).toBe(422);
    expect(bare.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['subscription.tariffId', 'numbers.lines', 'workplaces.rows']));
  });

  it('an empty pool: 409 temporary_pool_empty, nothing changed', async () => {
    const operatorC = await seedTenant(t.db, 'op-pool');
    const small = await seedTenant(t.db, 'porting-pool', { parentId: operatorC.id });
    const { productId: smallProduct } = await seedPorting(t.db, small, { pool: 1 });
    const agentSession = await browser(t, small).login(await seedAgent(t.db, small));
    const customer = await api('POST', '/v1/customers', agentSession, customerBody(), small);
    const created = await api('POST', '/v1/port-orders', agentSession, {
      customerId: customer.json.id,
      subscription: { tariffId: smallProduct, startDate: '2026-12-01' },
      numbers: numbersSection([fresh(), fresh()]),
      workplaces: workplacesSection(),
    }, small);
    const res = await submit(created.json.id, agentSession, small);
    expect(res.status, res.text).toBe(409);
    expect(res.json.code).toBe('temporary_pool_empty');
    expect(res.json.title).toMatch(/temporären Nummern/);
    expect((await rowOf(created.json.id)).status).toBe('draft');
    expect(await assignedCount(small.id)).toBe(0);
  });

  it('is idempotent with an Idempotency-Key', async () => {
    const { id } = await readyDraft();
    const a = await submit(id, session, reseller, { 'idempotency-key': `submit-${id}` });
    const b = await submit(id, session, reseller, { 'idempotency-key': `submit-${id}` });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotency-replayed')).toBe('true');
    expect(await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, id))).toHaveLength(1);
  });

  it('after a question: edited and submitted again (reason `resubmitted`), keeping its temporary numbers', async () => {
    const { id } = await readyDraft();
    const submitted = await submit(id);
    const temps = submitted.json.numbers.lines.map((l: { temporaryNumber: string }) => l.temporaryNumber);
    await t.db.update(portOrders).set({ status: 'clarification_needed' }).where(eq(portOrders.id, id));
    const before = await assignedCount();
    // The agent drops the first line, writes the block another way and adds a number.
    const [single, block] = submitted.json.numbers.lines as { input: string; temporaryNumber: string }[];
    const added = fresh();
    const edited = await api('PATCH', `/v1/port-orders/${id}`, session, { numbers: { note: 'Vollmacht nachgereicht', lines: [block!.input.replace(/\s/g, ''), added] } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.numbers.lines.map((l: { temporaryNumber: string | null }) => l.temporaryNumber)).toEqual([temps[1], null]);
    // The dropped line's temporary number is back in the pool, released.
    const [released] = await t.db.select().from(temporaryNumbers).where(eq(temporaryNumbers.e164, single!.temporaryNumber));
    expect(released).toMatchObject({ assignedTo: null, assignedAt: null });
    expect(released!.releasedAt).not.toBeNull();
    expect(await assignedCount()).toBe(before - 1);
    const again = await submit(id);
    expect(again.status, again.text).toBe(200);
    const now = again.json.numbers.lines.map((l: { temporaryNumber: string }) => l.temporaryNumber);
    expect(now[0]).toBe(temps[1]);
    expect(now[1]).toMatch(/^\+4158/);
    expect(temps).not.toContain(now[1]);
    expect(await assignedCount()).toBe(before);
    expect(again.json.history.at(-1)).toMatchObject({ from: 'clarification_needed', to: 'submitted', reason: 'resubmitted', reasonText: 'Nach Rückfrage erneut eingereicht' });
  });
});

describe('illegal moves and cancelling', () => {
  it('every illegal agent move is a 409 with the current status', async () => {
    const { id } = await readyDraft();
    expect((await submit(id)).status).toBe(200);
    const twice = await submit(id);
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ code: 'invalid_transition', currentStatus: 'submitted' });
    const patch = await api('PATCH', `/v1/port-orders/${id}`, session, { numbers: { note: 'zu spät' } });
    expect(patch.status).toBe(409);
    expect(patch.json).toMatchObject({ code: 'invalid_transition', currentStatus: 'submitted' });
    const cancelled = await api('POST', `/v1/port-orders/${id}/cancel`, session, {});
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', actions: [] });
    expect(cancelled.json.numbers.lines.every((l: { status: string }) => l.status === 'cancelled')).toBe(true);
    const again = await api('POST', `/v1/port-orders/${id}/cancel`, session, {});
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'invalid_transition', currentStatus: 'cancelled' });
    expect((await submit(id)).json.currentStatus).toBe('cancelled');
    for (const status of ['ported', 'rejected', 'failed'] as const) {
      await t.db.update(portOrders).set({ status }).where(eq(portOrders.id, id));
      const res = await api('POST', `/v1/port-orders/${id}/cancel`, session, {});
      expect(res.json, status).toMatchObject({ code: 'invalid_transition', currentStatus: status });
    }
  });

  it('cancelling within 48 hours of the scheduled porting is refused; before, it works', async () => {
    const { id } = await readyDraft();
    await submit(id);
    const scheduledAt = new Date(NOW.getTime() + 24 * 3_600_000);
    await t.db.update(portOrders).set({ status: 'scheduled', scheduledAt }).where(eq(portOrders.id, id));
    const shown = await api('GET', `/v1/port-orders/${id}`, session);
    expect(shown.json.actions).toEqual([]);
    const late = await api('POST', `/v1/port-orders/${id}/cancel`, session, {});
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('cancel_too_late');
    expect(late.json.detail).toMatch(/24 November 2026.*10:00 \(Europe\/Zurich\)/);
    expect((await rowOf(id)).status).toBe('scheduled');
    await t.db.update(portOrders).set({ scheduledAt: new Date(NOW.getTime() + 49 * 3_600_000) }).where(eq(portOrders.id, id));
    const inTime = await api('POST', `/v1/port-orders/${id}/cancel`, session, { comment: 'Kunde bleibt beim alten Anbieter' });
    expect(inTime.status, inTime.text).toBe(200);
    expect(inTime.json.history.at(-1)).toMatchObject({ from: 'scheduled', to: 'cancelled', comment: 'Kunde bleibt beim alten Anbieter' });
  });

  it('a draft can be cancelled', async () => {
    const created = await api('POST', '/v1/port-orders', session, {});
    const res = await api('POST', `/v1/port-orders/${created.json.id}/cancel`, session, {});
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('cancelled');
  });
});

describe('who sees what', () => {
  it("rows of another tenant keyed to this order's id (or a customer id of another tenant) never show", async () => {
    const { id } = await readyDraft([fresh()]);
    const before = await api('GET', `/v1/port-orders/${id}`, session);
    // Rows a bug elsewhere could write: another tenant's tenant_id with this order's id (single-column FKs allow it).
    await t.db.insert(portOrderNumbers).values({ tenantId: other.id, orderId: id, position: 9, input: '044 999 99 99', kind: 'single', rangeFirst: '+41449999999', rangeLast: '+41449999999' });
    await t.db.insert(portOrderWorkplaces).values({ tenantId: other.id, orderId: id, position: 9, displayName: 'Fremd', loginName: 'fremd', licence: 'apps' });
    await t.db.insert(portOrderDocuments).values({ tenantId: other.id, orderId: id, kind: 'signed_power_of_attorney', fileName: 'fremd.pdf', contentType: 'application/pdf', byteSize: 5, sha256: 'x', content: new Uint8Array([37, 80, 68, 70, 45]) });
    await t.db.update(portOrders).set({ customerId: otherCustomer }).where(eq(portOrders.id, id));
    const res = await api('GET', `/v1/port-orders/${id}`, session);
    expect(res.status, res.text).toBe(200);
    expect(res.json.numbers.lines).toEqual(before.json.numbers.lines);
    expect(res.json.workplaces.rows).toEqual(before.json.workplaces.rows);
    expect(res.json.documents).toEqual([]);
    expect(res.json.customer).toBeNull();
    expect(res.text).not.toContain('Fremd');
    const list = await api('GET', `/v1/port-orders?q=${encodeURIComponent('044 999 99 99')}`, session);
    expect(list.json.items).toEqual([]);
    // Saving the draft leaves the other tenant's rows alone.
    expect((await api('PATCH', `/v1/port-orders/${id}`, session, { numbers: { lines: [fresh()] }, workplaces: workplacesSection() })).status).toBe(200);
    expect(await t.db.select().from(portOrderNumbers).where(and(eq(portOrderNumbers.orderId, id), eq(portOrderNumbers.tenantId, other.id)))).toHaveLength(1);
    expect(await t.db.select().from(portOrderWorkplaces).where(and(eq(portOrderWorkplaces.orderId, id), eq(portOrderWorkplaces.tenantId, other.id)))).toHaveLength(1);
  });

  it("an agent of another reseller gets 404 on every id route and empty lists", async () => {
    const { id } = await readyDraft();
    const as = (method: string, path: string, body?: unknown) => api(method, path, otherSession, body, other);
    expect((await as('GET', `/v1/port-orders/${id}`)).status).toBe(404);
    expect((await as('PATCH', `/v1/port-orders/${id}`, { numbers: { note: 'x' } })).status).toBe(404);
    expect((await as('POST', `/v1/port-orders/${id}/submit`)).status).toBe(404);
    expect((await as('POST', `/v1/port-orders/${id}/cancel`, {})).status).toBe(404);
    // Their list holds only their own orders; a search for our reference finds nothing.
    expect((await as('GET', '/v1/port-orders?limit=100')).json.items.map((i: { id: string }) => i.id).sort()).toEqual([...otherOrders].sort());
    expect((await as('GET', `/v1/port-orders?q=${(await rowOf(id)).reference}`)).json.items).toEqual([]);
    expect((await as('GET', '/v1/customers')).json.items.map((c: { id: string }) => c.id)).toEqual([otherCustomer]);
    // And the other way round: their draft and submitted order, their customer, are 404 for us.
    for (const theirId of otherOrders) {
      expect((await api('GET', `/v1/port-orders/${theirId}`, session)).status).toBe(404);
      expect((await api('PATCH', `/v1/port-orders/${theirId}`, session, { numbers: { note: 'x' } })).status).toBe(404);
      expect((await api('POST', `/v1/port-orders/${theirId}/submit`, session)).status).toBe(404);
      expect((await api('POST', `/v1/port-orders/${theirId}/cancel`, session, {})).status).toBe(404);
    }
    expect((await api('GET', `/v1/customers/${otherCustomer}`, session)).status).toBe(404);
    const ours = (await api('GET', '/v1/port-orders?limit=100', session)).json.items.map((i: { id: string }) => i.id);
    expect(ours.some((x: string) => otherOrders.includes(x))).toBe(false);
    expect((await api('PATCH', `/v1/port-orders/${id}`, session, { customerId: otherCustomer })).json.errors).toContainEqual(expect.objectContaining({ path: 'customerId', code: 'customer_unknown' }));
    // A draft of theirs cannot take our customer.
    const theirs = await as('POST', '/v1/port-orders', { customerId });
    expect(theirs.status).toBe(422);
    expect((await rowOf(id)).status).toBe('draft');
  });

  it('an account admin or co-user session gets 403', async () => {
    const admin = await seedUser(t.db, reseller, { password: 'admin-password-long-enough' });
    const adminSession = await browser(t, reseller).login(admin);
    const { id } = await readyDraft();
    for (const [method, path, body] of [
      ['GET', '/v1/port-orders'],
      ['GET', '/v1/port-orders/options'],
      ['POST', '/v1/port-orders', {}],
      ['GET', `/v1/port-orders/${id}`],
      ['PATCH', `/v1/port-orders/${id}`, {}],
      ['POST', `/v1/port-orders/${id}/submit`],
      ['POST', `/v1/port-orders/${id}/cancel`, {}],
    ] as const) {
      const res = await api(method, path, adminSession, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('colleagues see all of the reseller\'s orders; status filter, search and cursor', async () => {
    const mine = await readyDraft();
    const number = fresh();
    const theirs = await readyDraft([number], colleague);
    await submit(theirs.id, colleague);
    const all = await api('GET', '/v1/port-orders?limit=100', session);
    expect(all.status).toBe(200);
    const ids = all.json.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const submitted = await api('GET', '/v1/port-orders?status=submitted&limit=100', session);
    expect(submitted.json.items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
    expect(submitted.json.items.map((i: { id: string }) => i.id)).toContain(theirs.id);
    const byNumber = await api('GET', `/v1/port-orders?q=${encodeURIComponent(number.replace(/\s/g, '').slice(1))}`, session);
    expect(byNumber.json.items.map((i: { id: string }) => i.id)).toEqual([theirs.id]);
    const byReference = await api('GET', `/v1/port-orders?q=${theirs.reference.toLowerCase()}`, session);
    expect(byReference.json.items.map((i: { id: string }) => i.id)).toEqual([theirs.id]);
    expect((await api('GET', '/v1/port-orders?q=Schmiedeisen&limit=100', session)).json.items.length).toBeGreaterThan(1);
    // Pages of 2 cover the same orders as one page, without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: { id: string }[]; nextCursor: string | null } } = await api('GET', `/v1/port-orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`, session);
      seen.push(...page.json.items.map((i) => i.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await api('GET', '/v1/port-orders?cursor=garbage', session)).status).toBe(422);
  });

  it("the operator's secret key sees its resellers' submitted orders, not drafts, not another operator's", async () => {
    const draft = await readyDraft();
    const sent = await readyDraft();
    await submit(sent.id);
    const list = await asKey('GET', '/v1/port-orders?limit=100', operator.secretKey);
    expect(list.status, list.text).toBe(200);
    const ids = list.json.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(sent.id);
    expect(ids).not.toContain(draft.id);
    expect(list.json.items.find((i: { id: string }) => i.id === sent.id)).toMatchObject({ tenant: { id: reseller.id, name: reseller.name }, status: 'submitted', customerName: 'Schmiedeisen AG' });
    const one = await asKey('GET', `/v1/port-orders/${sent.id}`, operator.secretKey);
    expect(one.status).toBe(200);
    expect(one.json.actions).toEqual(['clarify', 'approve', 'reject']);
    noPasswords(one.text);
    expect((await asKey('GET', `/v1/port-orders/${draft.id}`, operator.secretKey)).status).toBe(404);
    expect((await asKey('GET', '/v1/port-orders?status=draft', operator.secretKey)).json.items).toEqual([]);

    // Another operator sees none of it.
    expect(ids).not.toContain(otherOrders[1]);
    expect((await asKey('GET', `/v1/port-orders/${otherOrders[1]}`, operator.secretKey)).status).toBe(404);
    const foreign = await asKey('GET', '/v1/port-orders?limit=100', otherOperator.secretKey);
    expect(foreign.status).toBe(200);
    // The other operator sees its own reseller's submitted order, not its draft.
    expect(foreign.json.items.map((i: { id: string }) => i.id)).toEqual([otherOrders[1]]);
    expect(foreign.json.items.map((i: { id: string }) => i.id)).not.toContain(sent.id);
    expect((await asKey('GET', `/v1/port-orders/${sent.id}`, otherOperator.secretKey)).status).toBe(404);
    // A reseller's secret key is no operator's.
    const resellerKey = await asKey('GET', '/v1/port-orders', reseller.secretKey);
    expect(resellerKey.status).toBe(403);
    expect(resellerKey.json.code).toBe('operator_only');
    // The agent routes take no key at all.
    expect((await asKey('POST', `/v1/port-orders/${sent.id}/cancel`, operator.secretKey)).status).toBe(403);
  });
});
