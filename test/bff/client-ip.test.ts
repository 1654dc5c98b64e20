import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, signups, tariffs } from '../../bff/db/schema/index.js';
import { parseEnv } from '../../bff/env.js';
import { clientIp, parseTrustProxy, resolveClientIp } from '../../bff/lib/client-ip.js';
import type { AppEnv } from '../../bff/lib/context.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp({ trustProxy: 1 });
  tenant = await seedTenant(t.db, 'xff');
});
afterAll(() => t.close());

/** Behind one proxy: the client writes the left entries, the proxy appends the real address. */
const forged = (n: number, real: string) => ({ 'x-forwarded-for': `10.${n >> 8}.${n & 255}.1, 203.0.113.${n % 200}, ${real}` });

describe('TRUST_PROXY', () => {
  it('parses hops, true/false and lists of addresses and CIDRs; refuses anything else', () => {
    expect(parseTrustProxy('')).toBe(0);
    expect(parseTrustProxy('false')).toBe(0);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,fd00::/8,::ffff:192.0.2.1')).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', '::ffff:192.0.2.1']);
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', 'fd00::/129', '10.0.0.0/8/1', 'localhost']) expect(parseTrustProxy(bad), bad).toBeUndefined();
    expect(parseEnv({ TELKIT_DEV: '1', TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.0/8']);
    expect(() => parseEnv({ TELKIT_DEV: '1', TRUST_PROXY: 'sometimes' })).toThrow(/TRUST_PROXY/);
  });

  it('takes the right-most address not added by a trusted proxy', () => {
    const xff = '6.6.6.6, 198.51.100.7, 10.0.0.5';
    expect(resolveClientIp('10.0.0.9', xff, 0)).toBe('10.0.0.9');
    expect(resolveClientIp('10.0.0.9', xff, 1)).toBe('10.0.0.5');
    expect(resolveClientIp('10.0.0.9', xff, 2)).toBe('198.51.100.7');
    expect(resolveClientIp('10.0.0.9', xff, 9)).toBe('6.6.6.6');
    expect(resolveClientIp('10.0.0.9', undefined, 1)).toBe('10.0.0.9');
    // by networks: the peer and every trusted entry are skipped; the client's own entries never count
    expect(resolveClientIp('::ffff:10.0.0.9', xff, ['10.0.0.0/8'])).toBe('198.51.100.7');
    expect(resolveClientIp('::ffff:10.0.0.9', '10.1.1.1, 10.2.2.2', ['10.0.0.0/8'])).toBe('10.1.1.1');
    expect(resolveClientIp('192.0.2.50', xff, ['10.0.0.0/8'])).toBe('192.0.2.50'); // an untrusted peer is the client
    expect(resolveClientIp('fd00::1', '2001:db8::7, [fd00::2]:443', ['fd00::/8'])).toBe('2001:db8::7');
    expect(resolveClientIp('::ffff:127.0.0.1', '192.0.2.8:5555', ['::ffff:127.0.0.1'])).toBe('192.0.2.8');
  });

  it('over real HTTP: the socket peer is the first hop', async () => {
    const seen: string[] = [];
    for (const trustProxy of [0, ['127.0.0.0/8'], ['192.0.2.0/24']] as const) {
      const app = new Hono<AppEnv>().get('/', (c) => {
        c.set('deps', { ...t.deps, env: { ...t.deps.env, trustProxy } });
        return c.text(clientIp(c));
      });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.9' } });
      seen.push(await res.text());
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(['127.0.0.1', '198.51.100.9', '127.0.0.1']);
  });
});

describe('forged X-Forwarded-For behind one proxy', () => {
  it('does not move the login limit (30 per 10 minutes per address)', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 35; n++) {
      const res = await call(t.app, 'POST', '/v1/sessions', {
        key: tenant.publishableKey,
        origin: tenant.origin,
        body: { username: `nobody-${n}`, password: 'wrong-password-123' },
        headers: forged(n, '198.51.100.20'),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    // another real address is not limited
    const other = await call(t.app, 'POST', '/v1/sessions', { key: tenant.publishableKey, origin: tenant.origin, body: { username: 'x', password: 'y' }, headers: forged(99, '198.51.100.21') });
    expect(other.status).not.toBe(429);
  });

  it('does not move the signup limit (30 per hour), and the evidence keeps the real address', async () => {
    const [tariff] = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
    const body = () => {
      const s = privateSignup() as Record<string, any>;
      s.tariffId = tariff!.id;
      s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
      s.person.email = `anna.${Math.random().toString(36).slice(2)}@example.com`; // each its own inbox (messaging budget)
      return s;
    };
    const statuses: number[] = [];
    for (let n = 0; n < 32; n++) {
      const res = await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body: body(), headers: forged(n, '198.51.100.30') });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(201));
    expect(statuses.slice(30)).toEqual([429, 429]);
    const rows = await t.db.select().from(signups).where(eq(signups.tenantId, tenant.id));
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.evidence.ip))).toEqual(new Set(['198.51.100.30']));
  });

  it.each([
    ['/v1/password-resets', 10],
    ['/v1/confirmations/resend', 10],
    ['/v1/password-setup', 20],
    ['/v1/embed-sessions/exchange', 60],
  ])('does not move the per-address limit of %s (%i)', async (path, limit) => {
    const statuses: number[] = [];
    for (let n = 0; n < limit + 2; n++) {
      const res = await call(t.app, 'POST', path, { key: tenant.publishableKey, origin: tenant.origin, body: {}, headers: forged(n, '198.51.100.40') });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, limit)).not.toContain(429);
    expect(statuses.slice(limit)).toEqual([429, 429]);
  });

  it('the audit log keeps the real address', async () => {
    const created = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable', label: 'audited' }, headers: forged(7, '198.51.100.50') });
    expect(created.status).toBe(201);
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(rows.find((r) => r.action === 'api_key.created')!.ip).toBe('198.51.100.50');
  });
});
