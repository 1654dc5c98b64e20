import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, countersOf } from '../../bff/domain/budget.js';
import { ipKey } from '../../bff/lib/client-ip.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

/** Review: per-address limits counted every IPv6 address on its own, so a client with a /64 could rotate past them. */
describe('ipKey', () => {
  it('keeps IPv4 addresses as they are, mapped ones too', () => {
    expect(ipKey('192.0.2.1')).toBe('192.0.2.1');
    expect(ipKey('192.0.2.1:5555')).toBe('192.0.2.1');
    expect(ipKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(ipKey('::FFFF:c000:201')).toBe('192.0.2.1');
    expect(ipKey('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('counts an IPv6 address by its /64, canonical (lower case, zeros compressed)', () => {
    expect(ipKey('2001:db8::1')).toBe('2001:db8::/64');
    expect(ipKey('2001:db8:0:0::1')).toBe('2001:db8::/64');
    expect(ipKey('2001:DB8:0000:0000:0000:0000:0000:0002')).toBe('2001:db8::/64');
    expect(ipKey('[2001:db8::3]:443')).toBe('2001:db8::/64');
    expect(ipKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:0db8:00ab:0012:ffff::1')).toBe('2001:db8:ab:12::/64');
    expect(ipKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(ipKey('64:ff9b::192.0.2.1')).toBe('64:ff9b::/64');
    expect(ipKey('fe80::1%eth0')).toBe('fe80::/64');
    expect(ipKey('2001:db8:1:2::9', 48)).toBe('2001:db8:1::/48');
    expect(ipKey('2001:db8:0:0::9', 128)).toBe('2001:db8::9/128');
  });

  it('leaves what is no address alone', () => {
    expect(ipKey('unknown')).toBe('unknown');
  });

  it('the SMS budget counts a client address by it', () => {
    const keys = (ip: string) =>
      countersOf('tenant', 'sms', '+491701234567', { kind: 'pin', now: new Date(0), ip })
        .filter((c) => c.rule === BUDGETS.smsPerIpHour || c.rule === BUDGETS.smsPerIpAndNumber)
        .map((c) => c.key);
    expect(keys('2001:db8::1')).toEqual(keys('2001:db8:0:0:ffff::2'));
    expect(keys('2001:db8::1')[0]).toBe('2001:db8::/64');
    expect(keys('2001:db8::1')).not.toEqual(keys('2001:db8:0:1::1'));
    expect(keys('192.0.2.1')[0]).toBe('192.0.2.1');
  });
});

describe('per-address limits over HTTP, behind one proxy', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: 1 });
    tenant = await seedTenant(t.db, 'ipv6');
  });
  afterAll(() => t.close());

  /** The proxy appends the address it saw; with one trusted hop that is the client. */
  const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.1, ${ip}` });
  const reset = (ip: string) => call(t.app, 'POST', '/v1/password-resets', { key: tenant.publishableKey, origin: tenant.origin, body: {}, headers: from(ip) });

  it('addresses of one /64 share the limit of password resets (10 per hour); another /64 does not', async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 12; n++) statuses.push((await reset(n % 2 ? `2001:db8::${n.toString(16)}` : `2001:DB8:0:0:${n}::1`)).status);
    expect(statuses.slice(0, 10)).not.toContain(429);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await reset('2001:db8:0:1::1')).status).not.toBe(429);
  });
});
