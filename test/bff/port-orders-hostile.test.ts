import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { customerBody, portOrderBody, seedPortingScenario } from './helpers/porting.js';

/**
 * Hostile input on the porting routes with a partner agent's session (the shared fuzz test calls them with
 * an account admin's session, which they refuse before reading the body): every leaf of a valid body
 * replaced in turn by hostile values, wrong types, unknown keys and odd path segments. Never a 5xx, and
 * never a password in an answer or the log.
 */
let t: TestApp;
let tenant: TestTenant;
let session: string;
let ids: { draftId: string; submittedId: string; customerId: string; productId: string };

const HOSTILE: unknown[] = [
  null,
  true,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e+41 44 123 45 67',
  'x'.repeat(5000),
  '🙂'.repeat(50),
  "'; drop table port_orders; --",
  '%_\\',
  '+41 44 123 45 xxxxx',
  '9999-99-99',
  '2026-02-30',
  '25:61',
  '00000000-0000-0000-0000-000000000000',
  [],
  [null],
  {},
  { nested: { deeper: [1, { x: 'y' }] } },
];

function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return [path];
}

function setAt(body: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

function* mutations(body: unknown) {
  for (const path of leaves(body)) for (const value of HOSTILE) yield setAt(body, path, value);
  yield { ...(body as object), unknownKey: 1 };
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-23T09:00:00Z'));
  const operator = await seedTenant(t.db, 'op-hostile');
  tenant = await seedTenant(t.db, 'porting-hostile', { parentId: operator.id });
  const scenario = await seedPortingScenario(t, tenant, { pool: 500 });
  session = scenario.session;
  ids = scenario;
});
afterAll(() => t.close());

let n = 0;
const send = (method: string, path: string, body?: unknown, rawBody?: string) =>
  call(t.app, method, path, {
    key: session,
    origin: tenant.origin,
    body,
    rawBody,
    headers: { 'x-forwarded-for': `10.9.${Math.floor(++n / 250) % 250}.${n % 250}`, ...(rawBody !== undefined && { 'content-type': 'application/json' }) },
  });

async function expectSane(requests: (() => ReturnType<typeof send>)[]) {
  const statuses = new Map<number, number>();
  for (let i = 0; i < requests.length; i += 8) {
    // The routes' hourly limits would otherwise answer most of these with 429 before reading them.
    await t.db.delete(rateLimits);
    const answers = await Promise.all(requests.slice(i, i + 8).map((r) => r()));
    for (const a of answers) {
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      expect(a.status, a.text).toBeLessThan(500);
      expect(a.text).not.toContain('Workplace-pass-1');
      expect(a.text).not.toContain('Support-pass-123');
    }
  }
  return statuses;
}

describe('hostile input on the porting routes (partner agent session)', () => {
  it('POST /v1/numbers/check', async () => {
    const body = { country: 'CH', lines: ['044 123 45 67', '+41 44 123 46 0x'], orderId: ids.draftId };
    const statuses = await expectSane([...mutations(body)].map((b) => () => send('POST', '/v1/numbers/check', b)));
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
  });

  it('POST /v1/customers', async () => {
    await expectSane([...mutations(customerBody())].map((b) => () => send('POST', '/v1/customers', b)));
  });

  it('POST /v1/port-orders and PATCH /v1/port-orders/:id', async () => {
    const body = { complete: 'numbers', ...portOrderBody(ids.customerId, ids.productId) };
    const all = [...mutations(body)];
    const statuses = await expectSane([
      ...all.map((b) => () => send('POST', '/v1/port-orders', b)),
      ...all.map((b) => () => send('PATCH', `/v1/port-orders/${ids.draftId}`, b)),
      () => send('PATCH', `/v1/port-orders/${ids.draftId}`, undefined, '{"numbers": {'),
      () => send('PATCH', `/v1/port-orders/${ids.draftId}`, undefined, '[]'),
    ]);
    expect(statuses.get(422)).toBeGreaterThan(0);
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(429)).toBeUndefined();
  });

  it('the id routes and the list with odd path segments and queries', async () => {
    const segments = ['nope', '%00', '..%2F..', '00000000-0000-0000-0000-000000000000', ids.submittedId, ids.draftId, `${ids.draftId}x`, 'x'.repeat(300)];
    const queries = ['?limit=0', '?limit=1e9', '?status=nope', '?cursor=%00', '?cursor=' + Buffer.from('{"at":"x","id":1}').toString('base64url'), '?q=%25%5F%5C', '?q=' + 'x'.repeat(500), '?q=%F0%9F%99%82'];
    await expectSane([
      ...segments.flatMap((s) => [
        () => send('GET', `/v1/port-orders/${s}`),
        () => send('POST', `/v1/port-orders/${s}/submit`),
        () => send('POST', `/v1/port-orders/${s}/cancel`, {}),
        () => send('GET', `/v1/customers/${s}`),
      ]),
      ...queries.map((q) => () => send('GET', `/v1/port-orders${q}`)),
      ...queries.map((q) => () => send('GET', `/v1/customers${q}`)),
    ]);
  });

  it('the log holds no password', () => {
    const log = t.logLines.join('\n');
    expect(log).not.toContain('Workplace-pass-1');
    expect(log).not.toContain('Support-pass-123');
  });
});
