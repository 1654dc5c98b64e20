import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, tariffs } from '../../bff/db/schema/index.js';
import type { WebhookPayload } from '../../bff/messaging/outbox.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { browser } from './helpers/portal.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'events');
});
afterAll(() => t.close());

const events = async () =>
  (await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'webhook'))).orderBy(asc(outbox.createdAt))).map(
    (r) => r.payload as WebhookPayload,
  );

describe('the flows fire their webhook events', () => {
  it('signup.created, signup.confirmed, password.changed, profile.mobile_changed, profile.email_changed — in the change\'s transaction, without secrets', async () => {
    const all = await call(t.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'http://127.0.0.1:9/all', eventTypes: ['*'] } });
    const some = await call(t.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'http://127.0.0.1:9/some', eventTypes: ['signup.confirmed'] } });
    expect([all.status, some.status]).toEqual([201, 201]);
    const b = browser(t, tenant);
    const secrets: string[] = [];

    const [tariff] = (await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id))).filter((r) => r.accountTypes.includes('private'));
    const body = privateSignup() as Record<string, any>;
    body.tariffId = tariff!.id;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    const signup = await b.post('/v1/signups', body);
    expect(signup.status).toBe(201);
    // A failed change fires nothing.
    expect((await b.post('/v1/confirmations', { token: 'x'.repeat(43) })).status).toBe(404);
    const confirm = tokenIn((await emailsOf(t.db, tenant.id)).at(-1)!, '/confirm');
    expect((await b.post('/v1/confirmations', { token: confirm })).json.status).toBe('confirmed');
    const setToken = tokenIn((await emailsOf(t.db, tenant.id)).at(-1)!, '/set-password');
    const password = 'ein Satz als neues Passwort';
    secrets.push(confirm, setToken, password);
    const setup = await b.post('/v1/password-setup', { token: setToken, password });
    const mobile = body.person.mobile.startsWith('+') ? body.person.mobile : `+49${body.person.mobile.replace(/\D/g, '').slice(1)}`;
    const pin = await lastPin(t.db, tenant.id, mobile);
    secrets.push(pin);
    const done = await b.post('/v1/password-setup/verify', { challengeId: setup.json.challengeId, pin });
    expect(done.status).toBe(200);
    const session = await b.login({ id: '', username: done.json.username, email: '', mobile, password });
    expect((await b.post('/v1/me/step-up', { password }, session)).status).toBe(200);
    const change = await b.patch('/v1/me', { mobile: '+41791234567' }, session);
    const newPin = await lastPin(t.db, tenant.id, '+41791234567');
    expect((await b.post('/v1/me/mobile/verify', { challengeId: change.json.challengeId, pin: newPin }, session)).status).toBe(200);
    expect((await b.patch('/v1/me', { email: 'neu@events.example' }, session)).status).toBe(202);
    const emailToken = tokenIn((await emailsOf(t.db, tenant.id)).at(-1)!, '/confirm');
    expect((await b.post('/v1/confirmations', { token: emailToken })).json.kind).toBe('email_change');
    secrets.push(session, newPin, emailToken);

    const fired = await events();
    expect(fired.map((e) => e.event)).toEqual([
      'signup.created',
      'signup.confirmed',
      'signup.confirmed',
      'password.changed',
      'profile.mobile_changed',
      'profile.email_changed',
    ]);
    expect(fired[0]!.data).toEqual({ signupId: signup.json.id, accountType: 'private', status: 'pending_confirmation', locale: 'de' });
    expect(fired[1]!.data).toMatchObject({ signupId: signup.json.id, username: done.json.username, customerNumber: expect.any(String) });
    expect(fired.at(-1)!.data).toMatchObject({ email: 'neu@events.example' });
    const text = JSON.stringify(fired);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
