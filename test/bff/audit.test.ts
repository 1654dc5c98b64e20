import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { browser, seedUser, setPasswordToken } from './helpers/portal.js';

let t: TestApp;
let operator: TestTenant;
let reseller: TestTenant;
let other: TestTenant;
const NEW_PASSWORD = 'ein langer neuer Satz als Passwort';

beforeAll(async () => {
  t = await createTestApp();
  operator = await seedTenant(t.db, 'aud-op');
  reseller = await seedTenant(t.db, 'aud-res', { parentId: operator.id });
  other = await seedTenant(t.db, 'aud-other');
});
afterAll(() => t.close());

const actions = async (tenantId: string) => (await t.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId))).map((e) => e.action);

describe('audit log', () => {
  it('is written for logins, password setup, PIN locks, logout, profile changes, keys and origins — never with a secret', async () => {
    const user = await seedUser(t.db, reseller, { password: 'the old password, long enough' });
    const b = browser(t, reseller);
    const secrets: string[] = [user.password, NEW_PASSWORD];

    expect((await b.post('/v1/sessions', { username: user.username, password: 'wrong password here' })).status).toBe(401);
    const session = await b.login(user);
    secrets.push(session);

    // A PIN entered wrongly five times locks its challenge.
    const start = await b.post('/v1/sessions', { username: user.username, password: user.password });
    secrets.push(await lastPin(t.db, reseller.id, user.mobile));
    for (let i = 0; i < 5; i++) await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: '000000' });

    expect((await b.post('/v1/me/step-up', { password: user.password }, session)).status).toBe(200);
    const mobile = await b.patch('/v1/me', { mobile: '+41791234567' }, session);
    const mobilePin = await lastPin(t.db, reseller.id, '+41791234567');
    secrets.push(mobilePin);
    expect((await b.post('/v1/me/mobile/verify', { challengeId: mobile.json.challengeId, pin: mobilePin }, session)).status).toBe(200);
    expect((await b.patch('/v1/me', { email: 'neu@firma.example' }, session)).status).toBe(202);
    const change = tokenIn((await emailsOf(t.db, reseller.id)).at(-1)!, '/confirm');
    secrets.push(change);
    expect((await b.post('/v1/confirmations', { token: change })).json).toEqual({ status: 'confirmed', kind: 'email_change' });

    const token = await setPasswordToken(t.db, reseller, user);
    secrets.push(token);
    const setup = await b.post('/v1/password-setup', { token, password: NEW_PASSWORD });
    const setupPin = await lastPin(t.db, reseller.id, '+41791234567');
    expect((await b.post('/v1/password-setup/verify', { challengeId: setup.json.challengeId, pin: setupPin })).status).toBe(200);
    const again = await b.login({ ...user, mobile: '+41791234567' }, NEW_PASSWORD);
    expect((await b.del('/v1/sessions/current', again)).status).toBe(204);

    const key = await call(t.app, 'POST', '/v1/api-keys', { key: reseller.secretKey, body: { kind: 'publishable', label: 'shop' } });
    secrets.push(key.json.key);
    expect((await call(t.app, 'DELETE', `/v1/api-keys/${key.json.id}`, { key: reseller.secretKey })).status).toBe(200);
    expect((await call(t.app, 'PUT', '/v1/origins', { key: reseller.secretKey, body: { origins: [reseller.origin, 'https://new.example'] } })).status).toBe(200);

    expect(await actions(reseller.id)).toEqual(
      expect.arrayContaining([
        'login.failed',
        'login.succeeded',
        'pin.locked',
        'profile.mobile_changed',
        'profile.email_changed',
        'password.changed',
        'sessions.revoked',
        'session.revoked',
        'api_key.created',
        'api_key.revoked',
        'origins.changed',
      ]),
    );
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.tenantId, reseller.id));
    expect(rows.find((r) => r.action === 'origins.changed')!.data).toEqual({ added: ['https://new.example'], removed: [] });
    expect(rows.find((r) => r.action === 'login.failed')).toMatchObject({ actorKind: 'admin', actorId: user.id, ip: expect.stringMatching(/^203\.0\.113\./) });
    expect(rows.find((r) => r.action === 'api_key.created')).toMatchObject({ actorKind: 'integrator' });
    const all = JSON.stringify(rows);
    for (const secret of secrets) expect(all).not.toContain(secret);
  });

  it('a confirmed signup is audited with the customer as actor', async () => {
    const { privateSignup } = await import('../contract/fixtures.js');
    const { tariffs } = await import('../../bff/db/schema/index.js');
    const [tariff] = (await t.db.select().from(tariffs).where(eq(tariffs.tenantId, other.id))).filter((r) => r.accountTypes.includes('private'));
    const body = privateSignup() as Record<string, any>;
    body.tariffId = tariff!.id;
    body.terms.version = `v-${other.name.replace('Tenant ', '')}`;
    const created = await call(t.app, 'POST', '/v1/signups', { key: other.publishableKey, origin: other.origin, body });
    const token = tokenIn((await emailsOf(t.db, other.id)).at(-1)!, '/confirm');
    await call(t.app, 'POST', '/v1/confirmations', { key: other.publishableKey, origin: other.origin, body: { token } });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, created.json.id));
    expect(event).toMatchObject({ action: 'signup.confirmed', actorKind: 'customer', tenantId: other.id });
  });

  it('GET /v1/audit-events: an admin reads their account only, newest first, page by page', async () => {
    const admin = await seedUser(t.db, other, { password: 'admin password long enough' });
    const stranger = await seedUser(t.db, other, { password: 'stranger password long enough' });
    const b = browser(t, other);
    await b.post('/v1/sessions', { username: stranger.username, password: 'wrong wrong wrong' });
    for (let i = 0; i < 3; i++) await b.post('/v1/sessions', { username: admin.username, password: `wrong ${i} wrong wrong` });
    const session = await b.login(admin);

    const first = await b.get('/v1/audit-events?limit=2', session);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.json.events.map((e: { action: string }) => e.action)).toEqual(['login.succeeded', 'login.failed']);
    const second = await b.get(`/v1/audit-events?limit=2&cursor=${first.json.nextCursor}`, session);
    expect(second.json.events.map((e: { action: string }) => e.action)).toEqual(['login.failed', 'login.failed']);
    const all = [...first.json.events, ...second.json.events];
    expect(new Set(all.map((e: { id: string }) => e.id)).size).toBe(4);
    expect(second.json.nextCursor).toBeNull();
    for (const e of all) expect(e.target).toEqual({ type: 'user', id: admin.id });

    expect((await b.get('/v1/audit-events?limit=0', session)).status).toBe(422);
    expect((await call(t.app, 'GET', '/v1/audit-events', { key: other.publishableKey, origin: other.origin })).status).toBe(403);
  });

  it('a secret key reads its tenant\'s entries; the operator\'s also its resellers\'; nobody another tenant\'s', async () => {
    const events = async (key: string) => {
      const res = await call(t.app, 'GET', '/v1/audit-events?limit=100', { key });
      expect(res.status).toBe(200);
      return new Set(res.json.events.map((e: { tenantId: string }) => e.tenantId));
    };
    await call(t.app, 'PUT', '/v1/origins', { key: operator.secretKey, body: { origins: [operator.origin, 'https://op.example'] } });
    expect(await events(reseller.secretKey)).toEqual(new Set([reseller.id]));
    expect(await events(operator.secretKey)).toEqual(new Set([operator.id, reseller.id]));
    expect([...(await events(other.secretKey))]).not.toContain(reseller.id);
  });

  it('an embed session cannot read the audit log', async () => {
    const user = await seedUser(t.db, other, { password: 'embed password long enough' });
    const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: other.secretKey, body: { username: user.username, components: ['tk-profile'] } });
    const embed = await browser(t, other).post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret });
    const res = await browser(t, other).get('/v1/audit-events', embed.json.token);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('component_not_allowed');
  });

  it('outbox untouched by reading', async () => {
    const before = (await t.db.select().from(outbox)).length;
    await call(t.app, 'GET', '/v1/audit-events', { key: other.secretKey });
    expect((await t.db.select().from(outbox)).length).toBe(before);
  });
});
