import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailLinks, users } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { browser, seedUser, setPasswordToken } from './helpers/portal.js';

let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'portal');
});
afterAll(() => t.close());

const MINUTE = 60_000;

describe('password setup', () => {
  it('checks the password, confirms it by PIN, uses up the link and tells the user by e-mail', async () => {
    const user = await seedUser(t.db, tenant);
    const token = await setPasswordToken(t.db, tenant, user);
    const b = browser(t, tenant);

    const short = await b.post('/v1/password-setup', { token, password: 'kurz' });
    expect(short.status).toBe(422);
    expect(short.json.errors).toEqual([expect.objectContaining({ path: 'password', code: 'password_too_short' })]);
    const tooLong = await b.post('/v1/password-setup', { token, password: 'x'.repeat(129) });
    expect(tooLong.json.errors[0].code).toBe('password_too_long');
    const common = await b.post('/v1/password-setup', { token, password: '1qaz2wsx3edc' });
    expect(common.status).toBe(422);
    expect(common.json.errors).toEqual([expect.objectContaining({ path: 'password', code: 'password_common', message: expect.stringMatching(/weit verbreitet/) })]);
    const own = await b.post('/v1/password-setup', { token, password: user.email.toUpperCase() });
    expect(own.json.errors[0].code).toBe('password_contextual');

    const start = await b.post('/v1/password-setup', { token, password: PASSWORD });
    expect(start.status).toBe(202);
    expect(start.json.sentTo).toMatch(/^\+49 151 •+ \d\d$/);
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    const wrong = await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin: pin === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ errors: [{ path: 'pin', code: 'pin_wrong' }], attemptsLeft: 4 });
    const [before] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(before!.passwordHash).toBeNull(); // nothing changes before the PIN

    const done = await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ status: 'password_set', username: user.username });
    const mails = await emailsOf(t.db, tenant.id);
    const notice = mails.filter((m) => m.to === user.email).at(-1)!;
    expect(notice.subject).toMatch(/Passwort .* geändert/);
    expect(notice.text).not.toContain(PASSWORD);

    const again = await b.post('/v1/password-setup', { token, password: 'noch ein anderes Passwort' });
    expect(again.status).toBe(410);
    expect(await b.login(user, PASSWORD)).toMatch(/^tk_ses_/);
  });

  it('works without a key from the BFF\'s own page, but not from another origin', async () => {
    const user = await seedUser(t.db, tenant);
    const token = await setPasswordToken(t.db, tenant, user);
    const own = await call(t.app, 'POST', '/v1/password-setup', { body: { token, password: PASSWORD }, origin: 'http://localhost:8787', headers: { 'x-forwarded-for': '192.0.2.10' } });
    expect(own.status).toBe(202);
    const foreign = await call(t.app, 'POST', '/v1/password-setup', { body: { token, password: PASSWORD }, origin: 'https://evil.example', headers: { 'x-forwarded-for': '192.0.2.10' } });
    expect(foreign.status).toBe(401);
  });

  it('an expired link gives a clear error', async () => {
    const user = await seedUser(t.db, tenant);
    const token = await setPasswordToken(t.db, tenant, user, new Date(t.clock.now().getTime() - 49 * 3_600_000));
    const res = await browser(t, tenant).post('/v1/password-setup', { token, password: PASSWORD });
    expect(res.status).toBe(410);
    expect(res.json.code).toBe('link_expired');
  });
});

describe('SMS PINs', () => {
  it('the 6th wrong PIN fails even when it is the right one', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const start = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    const wrongPin = pin === '123456' ? '654321' : '123456';
    for (let i = 1; i <= 5; i++) {
      const res = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: wrongPin });
      expect(res.status, `attempt ${i}`).toBe(i < 5 ? 422 : 410);
    }
    const right = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin });
    expect(right.status).toBe(410);
    expect(right.json.code).toBe('pin_locked');
  });

  it('a resend invalidates the previous PIN; the 6th send within 10 minutes is refused with Retry-After', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const first = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const firstPin = await lastPin(t.db, tenant.id, user.mobile);
    let challengeId = first.json.challengeId;
    for (let send = 2; send <= 5; send++) {
      const res = await b.post('/v1/sessions/resend', { challengeId });
      expect(res.status, `send ${send}`).toBe(202);
      challengeId = res.json.challengeId;
    }
    const sixth = await b.post('/v1/sessions/resend', { challengeId });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);

    const old = await b.post('/v1/sessions/verify', { challengeId: first.json.challengeId, pin: firstPin });
    expect(old.status).toBe(410);
    expect(old.json.code).toBe('pin_superseded');
    // A replaced challenge cannot ask for more SMS: only the newest can.
    const replay = await b.post('/v1/sessions/resend', { challengeId: first.json.challengeId });
    expect(replay.status).toBe(410);
    expect(replay.json.code).toBe('pin_superseded');

    // After 10 minutes the user may send again, but the number's messaging budget (5 SMS in a sliding hour) holds longer.
    t.clock.advance(10 * MINUTE + 1000);
    expect((await b.post('/v1/sessions/resend', { challengeId })).status).toBe(429);
    t.clock.advance(120 * MINUTE);
    // Two hours on, that code is long expired: the login starts again, and the budget has room.
    expect((await b.post('/v1/sessions/resend', { challengeId })).status).toBe(410);
    const later = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(later.status).toBe(202);
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    const ok = await b.post('/v1/sessions/verify', { challengeId: later.json.challengeId, pin });
    expect(ok.status).toBe(201);
  });

  it('a long-expired code cannot start a new round of SMS, nor a password-setup code beyond its link\'s lifetime', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const login = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    t.clock.advance(10 * MINUTE + 1000);
    // Just expired: "send a new code" still works (the user came back a little late)…
    const fresh = await b.post('/v1/sessions/resend', { challengeId: login.json.challengeId });
    expect(fresh.status).toBe(202);
    // …but not from a code that expired more than half an hour ago.
    t.clock.advance(41 * MINUTE);
    const stale = await b.post('/v1/sessions/resend', { challengeId: fresh.json.challengeId });
    expect(stale.status).toBe(410);
    expect(stale.json.code).toBe('challenge_expired');

    const other = await seedUser(t.db, tenant);
    const token = await setPasswordToken(t.db, tenant, other, t.clock.now());
    const setup = await b.post('/v1/password-setup', { token, password: 'ein neues langes Passwort' });
    expect(setup.status).toBe(202);
    t.clock.advance(49 * 60 * MINUTE); // the link's 48 hours are over
    const late = await b.post('/v1/password-setup/resend', { challengeId: setup.json.challengeId });
    expect(late.status).toBe(410);
    t.clock.advance(-(41 * MINUTE + 10 * MINUTE + 1000 + 49 * 60 * MINUTE));
  });

  it('a PIN expires after 10 minutes', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const start = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    t.clock.advance(10 * MINUTE + 1000);
    const res = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin });
    expect(res.status).toBe(410);
    expect(res.json.code).toBe('pin_expired');
  });
});

describe('login and sessions', () => {
  it('a wrong password and an unknown user get the same answer', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const wrong = await b.post('/v1/sessions', { username: user.username, password: 'falsch falsch falsch' });
    const unknown = await b.post('/v1/sessions', { username: 'niemand.hier', password: 'falsch falsch falsch' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const { requestId: _a, ...w } = wrong.json;
    const { requestId: _b, ...u } = unknown.json;
    expect(w).toEqual(u);
    expect(w.code).toBe('invalid_credentials');
  });

  it('after 100 failed logins in an hour even the right password waits, with Retry-After', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    for (let i = 0; i < 100; i++) {
      const res = await call(t.app, 'POST', '/v1/sessions', {
        key: tenant.publishableKey,
        origin: tenant.origin,
        body: { username: user.username, password: `falsch ${i}` },
        headers: { 'x-forwarded-for': `10.9.${i >> 4}.${i}` }, // many clients: the per-IP limit is not what stops it
      });
      expect(res.status).toBe(401);
    }
    const right = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.json.code).toBe('account_locked');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);

  it('a session works until logout, slides with use, expires after an hour idle, and ends with a password reset', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const token = await b.login(user);
    expect((await b.get('/v1/me', token)).status).toBe(200);
    expect((await b.del('/v1/sessions/current', token)).status).toBe(204);
    const after = await b.get('/v1/me', token);
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('session_expired');

    const sliding = await b.login(user);
    t.clock.advance(50 * MINUTE);
    expect((await b.get('/v1/me', sliding)).status).toBe(200);
    t.clock.advance(50 * MINUTE); // 100 minutes after login, 50 after the last use
    expect((await b.get('/v1/me', sliding)).status).toBe(200);
    t.clock.advance(61 * MINUTE);
    expect((await b.get('/v1/me', sliding)).status).toBe(401);

    const live = await b.login(user);
    const reset = await b.post('/v1/password-resets', { login: user.email.toUpperCase() });
    expect(reset.status).toBe(202);
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === user.email).at(-1)!;
    const start = await b.post('/v1/password-setup', { token: tokenIn(mail, '/set-password'), password: 'ein ganz neues Passwort' });
    expect(start.status).toBe(202);
    expect((await b.get('/v1/me', live)).status).toBe(200); // the PIN step is not skipped: nothing changed yet
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    expect((await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin })).status).toBe(200);
    expect((await b.get('/v1/me', live)).status).toBe(401);
    expect((await b.post('/v1/sessions', { username: user.username, password: PASSWORD })).status).toBe(401);
    expect(await b.login(user, 'ein ganz neues Passwort')).toMatch(/^tk_ses_/);
  });

  it('a reset for an unknown user gets the same status and body, after as long, as for a known one', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const timed = async (login: string) => {
      const started = performance.now();
      const res = await b.post('/v1/password-resets', { login });
      return { res, ms: performance.now() - started };
    };
    const known = await timed(user.username);
    const unknown = await timed('gibt.es.nicht');
    expect(unknown.res.status).toBe(known.res.status);
    expect(unknown.res.text).toBe(known.res.text);
    expect(known.ms).toBeGreaterThanOrEqual(390);
    expect(unknown.ms).toBeGreaterThanOrEqual(390);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
    const links = await t.db.select().from(emailLinks).where(and(eq(emailLinks.subjectId, user.id), eq(emailLinks.purpose, 'set_password')));
    expect(links).toHaveLength(1);
  });
});

describe('embed sessions', () => {
  const mint = (body: unknown, key = tenant.secretKey) => call(t.app, 'POST', '/v1/embed-sessions', { key, body });

  it('a client secret works once and not after 5 minutes', async () => {
    const user = await seedUser(t.db, tenant);
    const b = browser(t, tenant);
    const minted = await mint({ username: user.username, components: ['tk-profile'] });
    expect(minted.status).toBe(201);
    expect(minted.json.clientSecret).toMatch(/^tk_ess_/);
    const first = await b.post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ components: ['tk-profile'], user: { username: user.username } });
    expect((await b.get('/v1/me', first.json.token)).status).toBe(200);
    const second = await b.post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret });
    expect(second.status).toBe(401);
    expect(second.json.code).toBe('embed_secret_invalid');

    const late = await mint({ customerNumber: (await b.get('/v1/me', first.json.token)).json.account.customerNumber, components: ['tk-profile'] });
    expect(late.status).toBe(201);
    t.clock.advance(5 * MINUTE + 1000);
    expect((await b.post('/v1/embed-sessions/exchange', { clientSecret: late.json.clientSecret })).status).toBe(401);
  });

  it('a session for tk-sub-users gets 403 on other components\' routes', async () => {
    const user = await seedUser(t.db, tenant);
    const b = browser(t, tenant);
    const minted = await mint({ username: user.username, components: ['tk-sub-users'] });
    const session = (await b.post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret })).json.token;
    const me = await b.get('/v1/me', session);
    expect(me.status).toBe(403);
    expect(me.json.code).toBe('component_not_allowed');
    expect((await b.patch('/v1/me', { email: 'x@y.example' }, session)).status).toBe(403);
    expect((await b.get('/v1/sessions/current', session)).json.components).toEqual(['tk-sub-users']);
  });

  it('only a secret key mints, only from a server, only for its own users', async () => {
    const user = await seedUser(t.db, tenant);
    const other = await seedTenant(t.db, 'portal-other');
    expect((await mint({ username: user.username, components: ['tk-profile'] }, tenant.publishableKey)).status).toBe(403);
    const fromBrowser = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, origin: tenant.origin, body: { username: user.username, components: ['tk-profile'] } });
    expect(fromBrowser.status).toBe(403);
    expect((await mint({ username: user.username, components: ['tk-profile'] }, other.secretKey)).status).toBe(404);
    const bad = await mint({ username: user.username, components: ['tk-profile', 'tk-nope'] });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('components.1');
  });
});

describe('profile', () => {
  it('shows the user with a masked mobile; e-mail changes by a link to the new address, mobile by a PIN to the new number', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const session = await b.login(user);
    const me = await b.get('/v1/me', session);
    expect(me.json).toMatchObject({ username: user.username, email: user.email, role: 'account_admin', account: { accountType: 'business' } });
    expect(me.json.mobile).not.toContain(user.mobile.slice(4, 10));

    expect((await b.post('/v1/me/step-up', { password: PASSWORD }, session)).status).toBe(200);
    const badMail = await b.patch('/v1/me', { email: 'kein-at' }, session);
    expect(badMail.status).toBe(422);
    expect(badMail.json.errors[0]).toMatchObject({ path: 'email', code: 'invalid_email' });
    const change = await b.patch('/v1/me', { email: 'Neu@Firma.example' }, session);
    expect(change.status).toBe(202);
    expect((await b.get('/v1/me', session)).json.email).toBe(user.email); // not before the link
    const link = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'neu@firma.example').at(-1)!;
    const confirmed = await b.post('/v1/confirmations', { token: tokenIn(link, '/confirm') });
    expect(confirmed.json).toEqual({ status: 'confirmed', kind: 'email_change' });
    expect((await b.get('/v1/me', session)).json.email).toBe('neu@firma.example');
    expect((await emailsOf(t.db, tenant.id)).some((m) => m.to === user.email && /geändert/.test(m.subject))).toBe(true);

    const badMobile = await b.patch('/v1/me', { mobile: '030 1234567' }, session);
    expect(badMobile.json.errors[0]).toMatchObject({ path: 'mobile', code: 'mobile_invalid' });
    const mobile = await b.patch('/v1/me', { mobile: '0171 9876543' }, session);
    expect(mobile.status).toBe(202);
    const pin = await lastPin(t.db, tenant.id, '+491719876543');
    const verified = await b.post('/v1/me/mobile/verify', { challengeId: mobile.json.challengeId, pin }, session);
    expect(verified.status).toBe(200);
    expect(verified.json.mobile).toMatch(/43$/);
    await expect(lastPin(t.db, tenant.id, '+491719876543')).resolves.toBe(pin);
  });
});

describe('secrets stay secret', () => {
  it('no password, PIN or token appears in the logs, nor in any response but the one issuing it', async () => {
    t.logLines.length = 0;
    const user = await seedUser(t.db, tenant);
    const token = await setPasswordToken(t.db, tenant, user);
    const b = browser(t, tenant);
    const start = await b.post('/v1/password-setup', { token, password: PASSWORD });
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin });
    const login = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const loginPin = await lastPin(t.db, tenant.id, user.mobile);
    const issued = await b.post('/v1/sessions/verify', { challengeId: login.json.challengeId, pin: loginPin });
    const session = issued.json.token as string;
    const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, body: { username: user.username, components: ['tk-profile'] } });
    const embed = await b.post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret });
    const others = [await b.get('/v1/me', session), await b.get('/v1/sessions/current', session), await b.get('/v1/sessions/current', embed.json.token), await b.del('/v1/sessions/current', session)];

    const secrets = [PASSWORD, pin, loginPin, token, session, minted.json.clientSecret, embed.json.token];
    const logs = t.logLines.join('\n');
    expect(logs).toContain('/v1/sessions/verify'); // the capture works
    for (const secret of secrets) expect(logs).not.toContain(secret);
    for (const res of [start, login, ...others]) for (const secret of secrets) expect(res.text).not.toContain(secret);
  });
});
