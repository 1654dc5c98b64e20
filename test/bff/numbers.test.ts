import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser, seedUser } from './helpers/portal.js';
import { seedAgent, seedOrder, seedPorting } from './helpers/porting.js';

let t: TestApp;
let reseller: TestTenant;
let other: TestTenant;
let agentId: string;
let session: string;
let otherSession: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-23T09:00:00Z'));
  const operator = await seedTenant(t.db, 'op');
  reseller = await seedTenant(t.db, 'numbers', { parentId: operator.id });
  other = await seedTenant(t.db, 'numbers-other', { parentId: operator.id });
  await seedPorting(t.db, reseller);
  const agent = await seedAgent(t.db, reseller);
  agentId = agent.id;
  session = await browser(t, reseller).login(agent);
  otherSession = await browser(t, other).login(await seedAgent(t.db, other));
});
afterAll(() => t.close());

let ip = 0;
const check = (body: unknown, key = session, tenant = reseller, headers: Record<string, string> = {}) =>
  call(t.app, 'POST', '/v1/numbers/check', { key, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...headers } });
const codes = (res: { json: { lines: { problems: { code: string }[] }[] } }) => res.json.lines.map((l) => l.problems.map((p) => p.code));

describe('POST /v1/numbers/check', () => {
  it('reads every notation of one number as the same E.164 number with its type', async () => {
    const res = await check({ lines: ['044 123 45 67'] });
    expect(res.status, res.text).toBe(200);
    expect(res.json.lines[0]).toMatchObject({ index: 0, kind: 'single', e164: '+41441234567', type: 'fixed_line', range: null, problems: [] });
    for (const notation of ['+41 44 1234567', '0041441234567', '044/123.45.67']) {
      const again = await check({ lines: [notation] });
      expect(again.json.lines[0].e164, notation).toBe('+41441234567');
    }
    expect(res.json).toMatchObject({ country: 'CH', singles: 1, blocks: 0, maxSingles: 10, clean: true });
  });

  it('reads the x notation itself: a block of 10, 100 or 1000 with its range', async () => {
    const res = await check({ lines: ['+41 44 123 45 0x', '044 987 60 xx', '+41 44 555 0xxx'] });
    expect(res.status, res.text).toBe(200);
    expect(res.json.lines.map((l: { range: unknown }) => l.range)).toEqual([
      { first: '+41441234500', last: '+41441234509', size: 10 },
      { first: '+41449876000', last: '+41449876099', size: 100 },
      { first: '+41445550000', last: '+41445550999', size: 1000 },
    ]);
    expect(res.json.lines.every((l: { kind: string; type: string }) => l.kind === 'block' && l.type === 'fixed_line')).toBe(true);
    expect(res.json).toMatchObject({ singles: 0, blocks: 3, clean: true });
  });

  it('a mixed list gets the right code on each line', async () => {
    const tenMore = Array.from({ length: 10 }, (_, i) => `044 200 00 ${String(10 + i)}`);
    const res = await check({
      lines: [
        '044 123 45 67', // valid fixed
        '079 123 45 67', // mobile
        '+49 30 12345678', // another country
        '+41 44 123 45 67', // the first line again
        '+41 44 555 66 0x', // a block
        '044 555 66 05', // inside the block
        '+41 44 555 66 xx', // a block overlapping the block
        '', // blank
        'hallo',
        '+41 44 12x 45 67', // x not at the end
        ...tenMore, // the 10th valid single is fine, the 11th is too many
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(codes(res)).toEqual([
      [],
      ['mobile_into_fixed'],
      ['not_this_country'],
      ['duplicate'],
      [],
      ['overlaps_block'],
      ['overlaps_block'],
      ['invalid'],
      ['invalid'],
      ['invalid'],
      ...Array.from({ length: 9 }, () => []),
      ['too_many_singles'],
    ]);
    expect(res.json.lines[1].type).toBe('mobile');
    expect(res.json.lines[2].e164).toBe('+493012345678');
    expect(res.json.clean).toBe(false);
    // Each problem says what is wrong and how to fix it, in German by default.
    expect(res.json.lines[1].problems[0].message).toMatch(/Mobilnummer/);
    expect(res.json.lines[19].problems[0].message).toMatch(/10/);
  });

  it('answers in English when asked', async () => {
    const res = await check({ lines: ['079 123 45 67'] }, session, reseller, { 'accept-language': 'en' });
    expect(res.json.lines[0].problems[0].message).toMatch(/mobile number/i);
  });

  it('flags numbers in another open order of the tenant, not in a closed one, not in the order named, not in another tenant\'s', async () => {
    const open = await seedOrder(t.db, reseller, agentId, 'submitted', [
      ['+41447770000', '+41447770099'],
      ['+41447781234', '+41447781234'],
    ]);
    await seedOrder(t.db, reseller, agentId, 'cancelled', [['+41447791111', '+41447791111']]);
    await seedOrder(t.db, reseller, agentId, 'draft', [['+41447792222', '+41447792222']]);
    const lines = ['044 777 00 42', '+41 44 778 12 3x', '044 779 11 11', '044 779 22 22', '044 780 00 00'];
    const res = await check({ lines });
    expect(codes(res)).toEqual([['in_open_order'], ['in_open_order'], [], [], []]);
    expect((await check({ lines, orderId: open.id })).json.clean).toBe(true);
    // Another reseller's agent checking the same numbers: its own tenant has no open order with them.
    expect((await check({ lines }, otherSession, other)).json.clean).toBe(true);
  });

  it('a single in another open order does not count toward the 10 singles: 10 clean + 1 in an open order → no too_many_singles', async () => {
    await seedOrder(t.db, reseller, agentId, 'submitted', [['+41447831111', '+41447831111']]);
    const clean = Array.from({ length: 10 }, (_, i) => `044 784 00 ${String(10 + i)}`);
    const res = await check({ lines: ['044 783 11 11', ...clean] });
    expect(res.status, res.text).toBe(200);
    expect(codes(res)).toEqual([['in_open_order'], ...Array.from({ length: 10 }, () => [])]);
  });

  it('checks numbers of another country against that country', async () => {
    const res = await check({ country: 'DE', lines: ['030 12345678', '+41 44 123 45 67'] });
    expect(res.json.lines[0]).toMatchObject({ e164: '+493012345678', problems: [] });
    expect(codes(res)[1]).toEqual(['not_this_country']);
  });

  it('bad input: 422 naming the field', async () => {
    for (const body of [{ lines: [] }, { lines: 'x' }, { lines: ['1'], country: 'FR' }, { lines: Array(41).fill('1') }, { lines: ['1'], orderId: 'nope' }]) {
      const res = await check(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors[0].path).toMatch(/^(lines|country|orderId)/);
    }
  });

  it('only a partner agent: an account admin gets 403, a key 403', async () => {
    const admin = await seedUser(t.db, reseller, { password: 'admin-password-long-enough' });
    const adminSession = await browser(t, reseller).login(admin);
    expect((await check({ lines: ['044 123 45 67'] }, adminSession)).status).toBe(403);
    expect((await check({ lines: ['044 123 45 67'] }, reseller.publishableKey)).status).toBe(403);
  });
});
