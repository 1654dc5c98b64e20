import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../bff/db/schema/index.js';
import type { SmsPayload } from '../../bff/messaging/outbox.js';
import { pinSms } from '../../bff/messaging/templates/portal.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser, seedUser, setPasswordToken } from './helpers/portal.js';

/** Issue 11.13: PIN SMS end with WebOTP's origin-bound line, so the browser can fill the code. */
let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'webotp');
});
afterAll(() => t.close());

async function lastSms(to: string): Promise<string> {
  const rows = await t.db.select().from(outbox).where(eq(outbox.tenantId, tenant.id)).orderBy(asc(outbox.createdAt));
  return (rows.filter((r) => r.channel === 'sms' && (r.payload as SmsPayload).to === to).at(-1)!.payload as SmsPayload).text;
}

describe('the PIN SMS', () => {
  it('of a login from the tenant\'s (allowed) page ends with "@<that page\'s host> #<pin>"', async () => {
    const user = await seedUser(t.db, tenant, { password: 'a-password-long-enough' });
    const start = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: user.password });
    expect(start.status).toBe(202);
    const text = await lastSms(user.mobile);
    const pin = /\b(\d{6})\b/.exec(text)![1]!;
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe(`@${new URL(tenant.origin).hostname} #${pin}`);
    expect(lines.at(-2)).toBe(''); // the human text first, the machine line last
  });

  it('from the BFF\'s own set-password page binds the code to the BFF\'s host (PUBLIC_URL)', async () => {
    const user = await seedUser(t.db, tenant);
    const token = await setPasswordToken(t.db, tenant, user);
    const res = await call(t.app, 'POST', '/v1/password-setup', {
      body: { token, password: 'a new password long enough' },
      origin: 'http://localhost:8787',
      headers: { 'x-forwarded-for': '192.0.2.77' },
    });
    expect(res.status).toBe(202);
    const text = await lastSms(user.mobile);
    expect(text).toMatch(/\n\n@localhost #\d{6}$/);
  });

  it('the template: the line only with a host, in every language', () => {
    expect(pinSms('Brand', 'en', 'login', '123456', 5, 'shop.example')).toMatch(/^Brand: .*123456.*\n\n@shop\.example #123456$/s);
    expect(pinSms('Brand', 'de', 'mobile_change', '123456', 5)).not.toContain('@');
  });
});
