import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOrders } from '../../bff/db/schema/index.js';
import { PROVIDERS } from '../../contract/porting.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser } from './helpers/portal.js';
import { customerBody, numbersSection, seedAgent, seedPorting } from './helpers/porting.js';

/**
 * The details an integrator's first walk through the porting API asked for: the providers' codes in the
 * options, the current provider's customer number (in the order and on the power of attorney), "as soon
 * as possible" keeping no date, times typed as people type them, company names with `&` and digits.
 */
let t: TestApp;
let operator: TestTenant;
let reseller: TestTenant;
let session: string;
let productId: string;
let customerId: string;
const NOW = new Date('2026-11-23T09:00:00Z'); // Monday; the earliest porting date is Wednesday 2 December

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  operator = await seedTenant(t.db, 'op-details');
  reseller = await seedTenant(t.db, 'porting-details', { parentId: operator.id });
  ({ productId } = await seedPorting(t.db, reseller));
  session = await browser(t, reseller).login(await seedAgent(t.db, reseller));
  const created = await api('POST', '/v1/customers', customerBody({ companyName: 'Müller & Söhne 3D AG' }));
  expect(created.status, created.text).toBe(201);
  customerId = created.json.id;
});
afterAll(() => t.close());

let ip = 0;
const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  call(t.app, method, path, { key: session, origin: reseller.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...headers } });

const numbers = (overrides: Record<string, unknown> = {}) => numbersSection(['044 555 12 34'], overrides);

describe('porting details', () => {
  it('the options list every country\'s providers with the codes the order takes', async () => {
    const res = await api('GET', '/v1/port-orders/options');
    expect(res.status, res.text).toBe(200);
    expect(res.json.providers).toEqual(PROVIDERS);
    expect(res.json.providers.CH.map((p: { code: string }) => p.code)).toContain('swisscom');
  });

  it('a company name with "&" and digits is a company name', async () => {
    const res = await api('GET', `/v1/customers/${customerId}`);
    expect(res.json.companyName).toBe('Müller & Söhne 3D AG');
  });

  it('keeps the customer number with the current provider and prints it on the power of attorney', async () => {
    const created = await api('POST', '/v1/port-orders', { customerId, subscription: { tariffId: productId, startDate: '2026-12-01' }, numbers: numbers({ currentProviderAccount: 'SC-1234 5678' }) });
    expect(created.status, created.text).toBe(201);
    expect(created.json.numbers.currentProviderAccount).toBe('SC-1234 5678');
    const pdf = await t.app.request(`/v1/port-orders/${created.json.id}/power-of-attorney`, { headers: { authorization: `Bearer ${session}`, origin: reseller.origin } });
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'poa-'));
    writeFileSync(join(dir, 'v.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', [join(dir, 'v.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('SC-1234 5678');
  });

  it('"as soon as possible" keeps no porting date, whatever was sent', async () => {
    const created = await api('POST', '/v1/port-orders', { customerId, numbers: numbers({ timing: 'asap', portingDate: '2026-12-05' }) });
    expect(created.status, created.text).toBe(201);
    expect(created.json.numbers).toMatchObject({ timing: 'asap', portingDate: null });
    const later = await api('PATCH', `/v1/port-orders/${created.json.id}`, { numbers: { portingDate: '2026-12-25' }, complete: 'numbers' });
    expect(later.status, later.text).toBe(200);
    expect(later.json.numbers.portingDate).toBeNull();
  });

  it('takes a time as people type it, and says what is wrong with one that is not a time', async () => {
    const created = await api('POST', '/v1/port-orders', { customerId, numbers: numbers({ portingTime: '9:30' }) });
    expect(created.status, created.text).toBe(201);
    expect(created.json.numbers.portingTime).toBe('09:30');
    for (const [time, code] of [['10am', 'time_format'], ['25:00', 'time_format'], ['18:00', 'office_hours']] as const) {
      const res = await api('PATCH', `/v1/port-orders/${created.json.id}`, { numbers: { portingTime: time } }, { 'accept-language': 'en' });
      expect(res.status, time).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'numbers.portingTime', code })]);
      expect(res.json.errors[0].message).toMatch(code === 'time_format' ? /09:30/ : /08:00 and 17:00/);
    }
  });

  it('a missing provider is asked for; a provider not on the list is named as such', async () => {
    const created = await api('POST', '/v1/port-orders', { customerId, numbers: numbers({ currentProvider: undefined }) });
    expect(created.status, created.text).toBe(201);
    const missing = await api('PATCH', `/v1/port-orders/${created.json.id}`, { complete: 'numbers' });
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'numbers.currentProvider', code: 'provider_required' })]));
    const wrong = await api('PATCH', `/v1/port-orders/${created.json.id}`, { numbers: { currentProvider: 'Swisscom' } });
    expect(wrong.json.errors).toEqual([expect.objectContaining({ path: 'numbers.currentProvider', code: 'provider_unknown' })]);
  });

  it('a customer phone number that is none says so with a Swiss example', async () => {
    const res = await api('POST', '/v1/customers', customerBody({ phone: '12' }), { 'idempotency-key': 'details-phone' });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: 'phone', code: 'customer_phone_invalid', message: expect.stringContaining('044 123 45 67') })]);
  });

  it('the operator reads the power of attorney and the signed copy it has to check; a reseller\'s key and another operator cannot', async () => {
    const created = await api('POST', '/v1/port-orders', { customerId, subscription: { tariffId: productId, startDate: '2026-12-01' }, numbers: numbers({ lines: ['044 556 12 34'] }) });
    const id = created.json.id;
    const signed = '%PDF-1.7\n% signed copy for the operator\n%%EOF\n';
    const upload = await call(t.app, 'POST', `/v1/port-orders/${id}/documents`, { key: session, origin: reseller.origin, rawBody: signed, headers: { 'content-type': 'application/pdf' } });
    expect(upload.status, upload.text).toBe(201);
    const paths = [`/v1/port-orders/${id}/power-of-attorney`, `/v1/port-orders/${id}/documents`, `/v1/port-orders/${id}/documents/${upload.json.id}`];
    // A draft is the agent's: the operator sees nothing of it.
    for (const path of paths) expect((await call(t.app, 'GET', path, { key: operator.secretKey })).status, path).toBe(404);
    await t.db.update(portOrders).set({ status: 'submitted' }).where(eq(portOrders.id, id));
    const pdf = await call(t.app, 'GET', paths[0]!, { key: operator.secretKey, headers: { 'accept-language': 'en' } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const list = await call(t.app, 'GET', paths[1]!, { key: operator.secretKey });
    expect(list.json.items.map((d: { id: string }) => d.id)).toEqual([upload.json.id]);
    const file = await call(t.app, 'GET', paths[2]!, { key: operator.secretKey });
    expect(file.status).toBe(200);
    expect(file.text).toBe(signed);
    const stranger = await seedTenant(t.db, 'op-stranger');
    for (const path of paths) {
      expect((await call(t.app, 'GET', path, { key: stranger.secretKey })).status, path).toBe(404);
      expect((await call(t.app, 'GET', path, { key: reseller.secretKey })).json.code, path).toBe('operator_only');
    }
  });

  it('the power of attorney speaks the request\'s language when the tenant offers it', async () => {
    const created = await api('POST', '/v1/port-orders', { customerId, numbers: numbers({ lines: ['044 557 12 34'] }) });
    const text = async (headers: Record<string, string>, query = '') => {
      const res = await t.app.request(`/v1/port-orders/${created.json.id}/power-of-attorney${query}`, { headers: { authorization: `Bearer ${session}`, origin: reseller.origin, ...headers } });
      expect(res.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'poa-'));
      writeFileSync(join(dir, 'v.pdf'), Buffer.from(await res.arrayBuffer()));
      return execFileSync('pdftotext', [join(dir, 'v.pdf'), '-'], { encoding: 'utf8' });
    };
    expect(await text({ 'accept-language': 'en' })).toContain('Power of attorney for number porting');
    expect(await text({ 'accept-language': 'de' })).toContain('Vollmacht zur Rufnummernportierung');
    expect(await text({ 'accept-language': 'en' }, '?locale=de')).toContain('Vollmacht zur Rufnummernportierung');
  });

  it('prices name the licences in words, and the list counts numbers and blocks', async () => {
    const created = await api('POST', '/v1/port-orders', {
      customerId,
      subscription: { tariffId: productId, startDate: '2026-12-01' },
      numbers: numbers({ lines: ['044 558 12 34', '044 558 12 35', '+41 44 558 13 0x'] }),
      workplaces: { rows: [{ displayName: 'Empfang', loginName: 'empfang.details', password: 'Workplace-pass-1', licence: 'apps' }, { displayName: 'Fax', loginName: 'fax.details', password: 'Workplace-pass-2', licence: 'device' }] },
    }, { 'accept-language': 'en' });
    expect(created.status, created.text).toBe(201);
    expect(created.json.price.lines.filter((l: { kind: string }) => l.kind === 'licence').map((l: { name: string }) => l.name)).toEqual(['Phones + apps', 'Device only']);
    const list = await api('GET', `/v1/port-orders?q=${created.json.reference}`);
    expect(list.json.items).toEqual([expect.objectContaining({ id: created.json.id, numberCount: 2, blockCount: 1 })]);
  });
});
