import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditEvents, outbox, recoveryCodes, signups, tariffs, users, webauthnCredentials } from '../../bff/db/schema/index.js';
import { privateSignup, professionalSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { dropMobile, enrolTotp, giveRecoveryCodes, totpCode } from './helpers/factors.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';
import { browser, seedUser, setPasswordToken } from './helpers/portal.js';
import { softAuthenticator, usePasskeys } from './helpers/authenticator.js';

/** Issue 18: password setup and signup without a mobile number, with an authenticator app instead of SMS. */
let t: TestApp;
let tenant: TestTenant;
let tariffOf: Record<string, string>;
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'no-mobile');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  tariffOf = Object.fromEntries(rows.map((r) => [r.accountTypes[0]!, r.id]));
});
afterAll(() => t.close());

const smsCount = async () => (await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'sms')))).length;
const RECOVERY = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

async function noMobileUser() {
  const user = await seedUser(t.db, tenant, { accountType: 'private' });
  await dropMobile(t.db, user.id);
  return { user, token: await setPasswordToken(t.db, tenant, user) };
}

describe('password setup without a mobile number', () => {
  it('opens an enrolment step (no SMS); an authenticator app\'s first code sets the password and gives 10 recovery codes', async () => {
    const { user, token } = await noMobileUser();
    const b = browser(t, tenant);
    const sms = await smsCount();
    const start = await b.post('/v1/password-setup', { token, password: PASSWORD });
    expect(start.status).toBe(202);
    expect(start.json).toMatchObject({ factor: 'enrol', sentTo: null });
    expect(await smsCount()).toBe(sms);
    // No PIN answers an enrolment step, and there is none to resend.
    expect((await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin: '123456' })).json.code).toBe('step_factor_mismatch');
    expect((await b.post('/v1/password-setup/resend', { challengeId: start.json.challengeId })).json.code).toBe('step_factor_mismatch');

    const app = await b.post('/v1/password-setup/totp', { challengeId: start.json.challengeId });
    expect(app.status).toBe(201);
    expect(app.json.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const right = totpCode(app.json.secret, t.clock.now());
    const wrong = await b.post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: right === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ errors: [{ path: 'code', code: 'totp_wrong' }], attemptsLeft: 4 });
    const [before] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(before!.passwordHash).toBeNull(); // nothing holds before the app's code

    const done = await b.post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: right });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: 'password_set', username: user.username });
    expect(done.json.recoveryCodes).toHaveLength(10);
    for (const code of done.json.recoveryCodes) expect(code).toMatch(RECOVERY);
    expect(await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(10);
    const added = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'factor.totp_added')));
    expect(added).toHaveLength(1);
    // The step and the link are used up.
    expect((await b.post('/v1/password-setup/totp', { challengeId: start.json.challengeId })).json.code).toBe('pin_used');
    expect((await b.post('/v1/password-setup', { token, password: PASSWORD })).status).toBe(410);

    // The login asks for the app.
    t.clock.advance(30_000);
    const login = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(login.json).toMatchObject({ factor: 'totp', factors: ['totp', 'recovery'], sentTo: null });
    expect((await b.post('/v1/sessions/verify', { challengeId: login.json.challengeId, pin: totpCode(app.json.secret, t.clock.now()) })).status).toBe(201);
  });

  it('locks the step after 5 wrong app codes, like PINs', async () => {
    const { token } = await noMobileUser();
    const b = browser(t, tenant);
    const start = await b.post('/v1/password-setup', { token, password: PASSWORD });
    const app = await b.post('/v1/password-setup/totp', { challengeId: start.json.challengeId });
    const right = totpCode(app.json.secret, t.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) await b.post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: wrong });
    const fifth = await b.post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: wrong });
    expect(fifth.status).toBe(410);
    expect(fifth.json.code).toBe('pin_locked');
    expect((await b.post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: right })).json.code).toBe('pin_locked');
  });

  it('works from the BFF\'s own page (no key): the tenant comes from the step', async () => {
    const { user, token } = await noMobileUser();
    const own = (path: string, body: unknown) => call(t.app, 'POST', path, { body, origin: 'http://localhost:8787', headers: { 'x-forwarded-for': '192.0.2.11' } });
    const start = await own('/v1/password-setup', { token, password: PASSWORD });
    expect(start.json).toMatchObject({ factor: 'enrol' });
    const app = await own('/v1/password-setup/totp', { challengeId: start.json.challengeId });
    expect(app.status).toBe(201);
    expect(app.json.uri).toContain(encodeURIComponent(user.username));
    const done = await own('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: totpCode(app.json.secret, t.clock.now()) });
    expect(done.status).toBe(200);
    expect(done.json.recoveryCodes).toHaveLength(10);
  });

  it('a reset of an account with an app asks its code or a recovery code, never a new factor (the e-mail link alone takes nothing over)', async () => {
    const { user, token } = await noMobileUser();
    const secret = await enrolTotp(t, user.id);
    const codes = await giveRecoveryCodes(t, user.id);
    const b = browser(t, tenant);
    const start = await b.post('/v1/password-setup', { token, password: PASSWORD });
    expect(start.status).toBe(202);
    expect(start.json).toMatchObject({ factor: 'totp', sentTo: null });
    // Whoever holds only the link cannot add their own app or passkey.
    expect((await b.post('/v1/password-setup/totp', { challengeId: start.json.challengeId })).json.code).toBe('step_factor_mismatch');
    expect((await b.post('/v1/password-setup/passkey/options', { challengeId: start.json.challengeId })).json.code).toBe('step_factor_mismatch');
    const wrong = await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin: totpCode(secret, t.clock.now()) === '000000' ? '111111' : '000000' });
    expect(wrong.json).toMatchObject({ errors: [{ path: 'pin', code: 'totp_wrong' }], attemptsLeft: 4 });
    let [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBeNull();
    // A recovery code answers the app's step too (the app may be what was lost), once.
    const done = await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin: codes[0]!.toLowerCase() });
    expect(done.status, done.text).toBe(200);
    [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).not.toBeNull();
    const used = await t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, 'factor.recovery_code_used')));
    expect(used.some((e) => e.targetId === user.id)).toBe(true);
    // The next reset: the used code no longer works; the app's code does.
    const again = await b.post('/v1/password-setup', { token: await setPasswordToken(t.db, tenant, user), password: `${PASSWORD} 2` });
    expect((await b.post('/v1/password-setup/verify', { challengeId: again.json.challengeId, pin: codes[0]! })).json.errors[0].code).toBe('recovery_wrong');
    expect((await b.post('/v1/password-setup/verify', { challengeId: again.json.challengeId, pin: totpCode(secret, t.clock.now()) })).status).toBe(200);
  });

  it('a first password with a passkey: the answer sets it (10 recovery codes), the passkey then signs in; a refused answer spends its challenge', async () => {
    await usePasskeys(t, tenant);
    const { user, token } = await noMobileUser();
    const b = browser(t, tenant);
    const start = await b.post('/v1/password-setup', { token, password: PASSWORD });
    expect(start.json.factor).toBe('enrol');
    const authenticator = softAuthenticator();
    // An answer made on another website is refused, and its challenge is gone with it.
    const first = await b.post('/v1/password-setup/passkey/options', { challengeId: start.json.challengeId });
    expect(first.status).toBe(200);
    const foreign = await b.post('/v1/password-setup/passkey', { challengeId: first.json.challengeId, credential: authenticator.create(first.json.options, 'https://evil.example') });
    expect(foreign.status).toBe(422);
    const replay = await b.post('/v1/password-setup/passkey', { challengeId: first.json.challengeId, credential: authenticator.create(first.json.options, tenant.origin) });
    expect(replay.status).toBe(410);
    expect(replay.json.code).toBe('challenge_expired');
    let [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBeNull();

    const options = await b.post('/v1/password-setup/passkey/options', { challengeId: start.json.challengeId });
    const done = await b.post('/v1/password-setup/passkey', { challengeId: options.json.challengeId, credential: authenticator.create(options.json.options, tenant.origin) });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({ status: 'password_set', username: user.username });
    expect(done.json.recoveryCodes).toHaveLength(10);
    [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).not.toBeNull();
    // The passkey signs in alone.
    const login = await b.post('/v1/sessions/passkey/options', undefined);
    const session = await b.post('/v1/sessions/passkey', { challengeId: login.json.challengeId, credential: authenticator.get(login.json.options, tenant.origin) });
    expect(session.status, session.text).toBe(201);
  });

  it('a reset of an account with passkeys only asks a recovery code', async () => {
    const { user, token } = await noMobileUser();
    await giveRecoveryCodes(t, user.id);
    await t.db.insert(webauthnCredentials).values({ tenantId: tenant.id, userId: user.id, credentialId: `cred-${user.id}`, publicKey: 'AA', deviceType: 'multiDevice', rpId: 'localhost', label: 'Laptop' });
    const start = await browser(t, tenant).post('/v1/password-setup', { token, password: PASSWORD });
    expect(start.json).toMatchObject({ factor: 'recovery', sentTo: null });
    expect((await browser(t, tenant).post('/v1/password-setup/totp', { challengeId: start.json.challengeId })).json.code).toBe('step_factor_mismatch');
  });

  it('a user with a mobile number still gets the SMS step', async () => {
    const user = await seedUser(t.db, tenant);
    const start = await browser(t, tenant).post('/v1/password-setup', { token: await setPasswordToken(t.db, tenant, user), password: PASSWORD });
    expect(start.json).toMatchObject({ factor: 'sms', sentTo: expect.stringMatching(/•/) });
    expect((await browser(t, tenant).post('/v1/password-setup/totp', { challengeId: start.json.challengeId })).json.code).toBe('step_factor_mismatch');
  });
});

describe('signup without a mobile number', () => {
  const post = (path: string, body: unknown, lang = 'de') =>
    call(t.app, 'POST', path, { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': '198.51.100.7', 'accept-language': lang } });
  function body(make: () => Record<string, any>, email: string, secondFactor?: string) {
    const s = make();
    s.tariffId = tariffOf[s.accountType];
    s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    s.person.email = email;
    delete s.person.mobile;
    if (secondFactor) s.secondFactor = secondFactor;
    return s;
  }

  it('without another factor is refused with a field error at person.mobile', async () => {
    for (const secondFactor of [undefined, 'sms']) {
      const res = await post('/v1/signups', body(privateSignup, 'kein-handy@example.com', secondFactor));
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual([
        expect.objectContaining({ path: 'person.mobile', code: 'mobile_required_without_factor', message: expect.stringMatching(/Mobilnummer.*Passkey.*Authenticator-App/) }),
      ]);
    }
  });

  it('with an authenticator app: confirm, set the password with the app, then the login asks for it', async () => {
    const email = 'app-statt-sms@example.com';
    const created = await post('/v1/signups', body(professionalSignup, email, 'totp'));
    expect(created.status).toBe(201);
    const [row] = await t.db.select().from(signups).where(eq(signups.id, created.json.id));
    expect(row!.mobile).toBeNull();
    const confirm = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!, '/confirm');
    expect((await post('/v1/confirmations', { token: confirm })).status).toBe(200);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.signupId, created.json.id));
    const [user] = await t.db.select().from(users).where(eq(users.accountId, account!.id));
    expect([account!.mobile, user!.mobile]).toEqual([null, null]);
    const credentials = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!;
    expect(`${credentials.subject} ${credentials.text} ${credentials.html}`).not.toMatch(/null|undefined/);

    const b = browser(t, tenant);
    const start = await b.post('/v1/password-setup', { token: tokenIn(credentials, '/set-password'), password: PASSWORD });
    expect(start.json).toMatchObject({ factor: 'enrol', sentTo: null });
    const app = await b.post('/v1/password-setup/totp', { challengeId: start.json.challengeId });
    const done = await b.post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: totpCode(app.json.secret, t.clock.now()) });
    expect(done.status).toBe(200);
    expect(done.json.recoveryCodes).toHaveLength(10);

    t.clock.advance(30_000);
    const login = await b.post('/v1/sessions', { username: user!.username, password: PASSWORD });
    expect(login.json).toMatchObject({ factor: 'totp', factors: ['totp', 'recovery'] });
    const session = await b.post('/v1/sessions/verify', { challengeId: login.json.challengeId, pin: totpCode(app.json.secret, t.clock.now()) });
    expect(session.status).toBe(201);
    expect(session.json.user.mobile).toBeNull();
  });

  it('with a mobile number and an app chosen: the first password adds the app (no SMS); SMS then does not sign in, the number stays for notices', async () => {
    const email = 'app-und-nummer@example.com';
    const signup = body(privateSignup, email, 'totp');
    signup.person.mobile = '0170 5556677';
    const created = await post('/v1/signups', signup);
    expect(created.status, created.text).toBe(201);
    const confirm = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!, '/confirm');
    expect((await post('/v1/confirmations', { token: confirm })).status).toBe(200);
    const credentials = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!;
    const sms = await smsCount();
    const start = await browser(t, tenant).post('/v1/password-setup', { token: tokenIn(credentials, '/set-password'), password: PASSWORD });
    expect(start.json).toMatchObject({ factor: 'enrol', sentTo: null });
    expect(await smsCount()).toBe(sms);
    const app = await browser(t, tenant).post('/v1/password-setup/totp', { challengeId: start.json.challengeId });
    const done = await browser(t, tenant).post('/v1/password-setup/totp/confirm', { challengeId: start.json.challengeId, code: totpCode(app.json.secret, t.clock.now()) });
    expect(done.status, done.text).toBe(200);
    // The choice holds: the app (and the recovery codes) sign in, SMS does not; the number is kept.
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ mobile: '+491705556677', smsLogin: false });
    t.clock.advance(30_000);
    const login = await browser(t, tenant).post('/v1/sessions', { username: done.json.username, password: PASSWORD });
    expect(login.json).toMatchObject({ factor: 'totp', factors: ['totp', 'recovery'] });
  });
});
