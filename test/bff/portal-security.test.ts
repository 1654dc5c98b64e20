import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox } from '../../bff/db/schema/index.js';
import { LOGIN_ATTEMPTS } from '../../bff/domain/login.js';
import { peek } from '../../bff/lib/rate-limit.js';
import type { SmsPayload } from '../../bff/messaging/outbox.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { browser, seedUser, type TestUser } from './helpers/portal.js';
import { retryAfterSeconds, TkApiError } from '../../widgets/core/api.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import { failureMessage, formatWait } from '../../widgets/core/submit.js';

/**
 * Account takeover from a stolen session (issue 12.3): the e-mail address and mobile number change only
 * after the password was re-entered within 5 minutes; the old address and number are told; "change
 * password" in the profile; a reset soon after an e-mail change is told to the previous address.
 */
let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'profile-sec');
});
afterAll(() => t.close());

async function smsTo(to: string): Promise<string[]> {
  const rows = await t.db.select().from(outbox).where(eq(outbox.tenantId, tenant.id)).orderBy(asc(outbox.createdAt));
  return rows.filter((r) => r.channel === 'sms' && (r.payload as SmsPayload).to === to).map((r) => (r.payload as SmsPayload).text);
}
const mailsTo = async (to: string) => (await emailsOf(t.db, tenant.id)).filter((m) => m.to === to);
const auditOf = async (user: TestUser) => t.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id));

describe('a stolen session', () => {
  it('cannot change the mobile number or the e-mail address without the password', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const thief = browser(t, tenant);
    const session = await thief.login(user); // the token is all the thief has

    const mobile = await thief.patch('/v1/me', { mobile: '0171 5550001' }, session);
    expect(mobile.status).toBe(403);
    expect(mobile.json.code).toBe('step_up_required');
    expect(mobile.json.title).toMatch(/Passwort/);
    const email = await thief.patch('/v1/me', { email: 'thief@evil.example' }, session);
    expect(email.status).toBe(403);
    expect(email.json.code).toBe('step_up_required');
    const english = await call(t.app, 'PATCH', '/v1/me', { key: session, origin: tenant.origin, body: { email: 'thief@evil.example' }, headers: { 'accept-language': 'en' } });
    expect(english.json.title).toMatch(/confirm your password/);

    const failuresBefore = (await peek(t.db, LOGIN_ATTEMPTS, `user:${user.id}`, t.clock.now())).remaining;
    const guess = await thief.post('/v1/me/step-up', { password: 'mein geratenes Passwort' }, session);
    expect(guess.status).toBe(422);
    expect(guess.json.errors).toEqual([expect.objectContaining({ path: 'password', code: 'password_wrong', message: expect.stringMatching(/Passwort stimmt nicht/) })]);
    // A wrong password here counts as a failed login.
    expect((await peek(t.db, LOGIN_ATTEMPTS, `user:${user.id}`, t.clock.now())).remaining).toBe(failuresBefore - 1);
    expect((await thief.patch('/v1/me', { mobile: '0171 5550001' }, session)).status).toBe(403);

    expect(await smsTo('+491715550001')).toEqual([]);
    expect(await mailsTo('thief@evil.example')).toEqual([]);
    const actions = (await auditOf(user)).map((a) => a.action);
    expect(actions).toContain('step_up.failed');
    expect(JSON.stringify(await auditOf(user))).not.toContain('geratenes');
  });

  it('with the password: the mobile changes, and the old number and the e-mail address are told', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const session = await b.login(user);
    const up = await b.post('/v1/me/step-up', { password: PASSWORD }, session);
    expect(up.status).toBe(200);
    expect(new Date(up.json.steppedUpUntil).getTime() - t.clock.now().getTime()).toBeGreaterThan(4.9 * MINUTE);
    expect(new Date(up.json.steppedUpUntil).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(5 * MINUTE);

    const start = await b.patch('/v1/me', { mobile: '0171 5550002' }, session);
    expect(start.status).toBe(202);
    const pin = await lastPin(t.db, tenant.id, '+491715550002');
    const done = await b.post('/v1/me/mobile/verify', { challengeId: start.json.challengeId, pin }, session);
    expect(done.status).toBe(200);

    const toOldNumber = await smsTo(user.mobile);
    expect(toOldNumber.at(-1)).toMatch(/Mobilnummer Ihres Kontos .* wurde geändert.*nicht waren/);
    const notice = (await mailsTo(user.email)).at(-1)!;
    expect(notice.subject).toMatch(/Mobilnummer .* geändert/);
    expect(notice.text).toMatch(/nicht selbst waren/);
    expect(notice.text).not.toContain('+491715550002'); // masked
    const actions = (await auditOf(user)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['session.stepped_up', 'profile.mobile_change_started', 'profile.mobile_changed']));
  });

  it('with the password: the e-mail address changes, and the old address and the mobile number are told', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const session = await b.login(user);
    await b.post('/v1/me/step-up', { password: PASSWORD }, session);
    expect((await b.patch('/v1/me', { email: 'neu.sec@firma.example' }, session)).status).toBe(202);
    const link = (await mailsTo('neu.sec@firma.example')).at(-1)!;
    expect((await b.post('/v1/confirmations', { token: tokenIn(link, '/confirm') })).json.status).toBe('confirmed');

    const notice = (await mailsTo(user.email)).at(-1)!;
    expect(notice.subject).toMatch(/E-Mail-Adresse .* geändert/);
    expect((await smsTo(user.mobile)).at(-1)).toMatch(/E-Mail-Adresse Ihres Kontos .* wurde geändert/);
    expect((await auditOf(user)).map((a) => a.action)).toEqual(expect.arrayContaining(['profile.email_change_started', 'profile.email_changed']));
  });

  it('the step-up holds for 5 minutes, then the password is asked for again', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const session = await b.login(user);
    await b.post('/v1/me/step-up', { password: PASSWORD }, session);
    t.clock.advance(4 * MINUTE);
    expect((await b.patch('/v1/me', { email: 'vier.minuten@firma.example' }, session)).status).toBe(202);
    t.clock.advance(MINUTE + 1000);
    const late = await b.patch('/v1/me', { email: 'fuenf.minuten@firma.example' }, session);
    expect(late.status).toBe(403);
    expect(late.json.code).toBe('step_up_required');
    // Another session of the same user is not stepped up by this one.
    const other = await b.login(user);
    await b.post('/v1/me/step-up', { password: PASSWORD }, session);
    expect((await b.patch('/v1/me', { email: 'andere.sitzung@firma.example' }, other)).status).toBe(403);
    expect((await b.patch('/v1/me', { email: 'diese.sitzung@firma.example' }, session)).status).toBe(202);
  });
});

describe('change password in the profile', () => {
  it('needs the current password, follows the rules of setting one, ends the other sessions and tells the user', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const session = await b.login(user);
    const other = await b.login(user);
    const NEW = 'blaue Berge im Abendlicht';
    const change = (body: unknown) => b.post('/v1/me/password', body, session);

    const wrong = await change({ currentPassword: 'nicht das richtige', newPassword: NEW });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'password_wrong' })]);
    const short = await change({ currentPassword: PASSWORD, newPassword: 'kurz' });
    expect(short.status).toBe(422);
    expect(short.json.errors).toEqual([expect.objectContaining({ path: 'newPassword', code: 'password_too_short' })]);
    const common = await change({ currentPassword: PASSWORD, newPassword: '1qaz2wsx3edc' });
    expect(common.json.errors).toEqual([expect.objectContaining({ path: 'newPassword', code: 'password_common', message: expect.stringMatching(/weit verbreitet/) })]);
    const own = await change({ currentPassword: PASSWORD, newPassword: user.email });
    expect(own.json.errors[0]).toMatchObject({ path: 'newPassword', code: 'password_contextual' });
    const missing = await change({ newPassword: NEW });
    expect(missing.json.errors[0]).toMatchObject({ path: 'currentPassword', code: 'required' });

    const mailsBefore = (await mailsTo(user.email)).length;
    const ok = await change({ currentPassword: PASSWORD, newPassword: NEW });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ status: 'password_changed' });
    expect((await b.get('/v1/me', session)).status).toBe(200); // this session goes on
    expect((await b.get('/v1/me', other)).status).toBe(401); // the others end
    const mails = await mailsTo(user.email);
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails.at(-1)!.subject).toMatch(/Passwort .* geändert/);
    expect(mails.at(-1)!.text).not.toContain(NEW);

    expect((await b.post('/v1/sessions', { username: user.username, password: PASSWORD })).status).toBe(401);
    expect(await b.login(user, NEW)).toMatch(/^tk_ses_/);
    const entries = await auditOf(user);
    expect(entries.map((a) => a.action)).toEqual(expect.arrayContaining(['password.change_failed', 'password.changed', 'sessions.revoked']));
    expect(JSON.stringify(entries)).not.toContain(NEW);
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });
});

describe('a password reset soon after an e-mail change', () => {
  it('is told to the previous address too (without the link), for 24 hours', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const session = await b.login(user);
    await b.post('/v1/me/step-up', { password: PASSWORD }, session);
    await b.patch('/v1/me', { email: 'uebernommen@evil.example' }, session);
    const link = (await mailsTo('uebernommen@evil.example')).at(-1)!;
    await b.post('/v1/confirmations', { token: tokenIn(link, '/confirm') });
    const before = (await mailsTo(user.email)).length;

    expect((await b.post('/v1/password-resets', { login: 'uebernommen@evil.example' })).status).toBe(202);
    const reset = (await mailsTo('uebernommen@evil.example')).at(-1)!;
    const token = tokenIn(reset, '/set-password');
    const told = await mailsTo(user.email);
    expect(told.length).toBe(before + 1);
    expect(told.at(-1)!.subject).toMatch(/Neues Passwort .* angefordert/);
    expect(told.at(-1)!.text).toMatch(/nicht selbst waren/);
    expect(told.at(-1)!.text).not.toContain(token);
    expect(told.at(-1)!.html ?? '').not.toContain(token);

    t.clock.advance(25 * 60 * MINUTE);
    await b.post('/v1/password-resets', { login: user.username });
    expect((await mailsTo(user.email)).length).toBe(before + 1);
    expect((await mailsTo('uebernommen@evil.example')).length).toBeGreaterThan(2);
  });

  it('is not told anyone else when the e-mail address never changed', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const all = (await emailsOf(t.db, tenant.id)).length;
    await browser(t, tenant).post('/v1/password-resets', { login: user.username });
    expect((await emailsOf(t.db, tenant.id)).length).toBe(all + 1);
  });
});

describe('a code replaced by a newer one', () => {
  it('says so, in the field, without costing a try; the replaced challenge itself answers pin_superseded', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const first = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const oldPin = await lastPin(t.db, tenant.id, user.mobile);
    const second = await b.post('/v1/sessions/resend', { challengeId: first.json.challengeId });
    const newPin = await lastPin(t.db, tenant.id, user.mobile);
    if (newPin === oldPin) return; // one in a million: the two codes are the same

    const old = await b.post('/v1/sessions/verify', { challengeId: second.json.challengeId, pin: oldPin });
    expect(old.status).toBe(422);
    expect(old.json.errors).toEqual([expect.objectContaining({ path: 'pin', code: 'pin_superseded', message: expect.stringMatching(/neueren ersetzt/) })]);
    const wrong = await b.post('/v1/sessions/verify', { challengeId: second.json.challengeId, pin: ['000000', '111111', '222222'].find((p) => p !== oldPin && p !== newPin)! });
    expect(wrong.json.errors[0].code).toBe('pin_wrong');
    expect(wrong.json.attemptsLeft).toBe(4); // the replaced code did not count

    const direct = await b.post('/v1/sessions/verify', { challengeId: first.json.challengeId, pin: oldPin });
    expect(direct.status).toBe(410);
    expect(direct.json.code).toBe('pin_superseded');
    expect((await b.post('/v1/sessions/verify', { challengeId: second.json.challengeId, pin: newPin })).status).toBe(201);
  });
});

describe('rate limits tell the truth', () => {
  it('the BFF\'s Retry-After reaches the widget\'s message, in minutes and seconds', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    let challengeId = (await b.post('/v1/sessions', { username: user.username, password: PASSWORD })).json.challengeId;
    for (let send = 2; send <= 5; send++) challengeId = (await b.post('/v1/sessions/resend', { challengeId })).json.challengeId;
    t.clock.advance(2 * MINUTE + 11_000); // the first send's window ends in 7 min 49 s
    const refused = await b.post('/v1/sessions/resend', { challengeId });
    expect(refused.status).toBe(429);
    const header = refused.headers.get('retry-after');
    const seconds = retryAfterSeconds(header);
    expect(seconds).toBeGreaterThan(7 * 60);
    expect(seconds).toBeLessThanOrEqual(8 * 60);
    // What the widget's api client makes of this answer, and the sentence the widget shows.
    const error = new TkApiError(refused.json, seconds);
    const de = failureMessage(error, 'de');
    expect(de).toBe(`Zu viele Versuche. Bitte warten Sie ${formatWait(seconds!, 'de')}`);
    expect(de).toMatch(/Bitte warten Sie 7 Min\. \d+ Sek\.$|Bitte warten Sie 8 Min\.$/);
    expect(de).not.toContain('60');
    await loadLocale('en');
    expect(failureMessage(error, 'en')).toMatch(/Please wait (7 min \d+ sec|8 min)\.$/);
  });
});
