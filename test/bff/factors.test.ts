import { and, asc, eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRecoveryCode } from '../../contract/factors.js';
import { auditEvents, outbox, recoveryCodes, tenants, totpFactors, users, type User } from '../../bff/db/schema/index.js';
import { consumeRecoveryCode, factorChanged, issueRecoveryCodes } from '../../bff/domain/factors.js';
import type { SmsPayload } from '../../bff/messaging/outbox.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { registerPasskey, steppedUpSession, usePasskeys } from './helpers/authenticator.js';
import { emailsOf, lastPin } from './helpers/outbox.js';
import { browser, seedUser, setPasswordToken } from './helpers/portal.js';

/**
 * The profile's second factors (issue 18): the list, an authenticator app, removing (never the last),
 * new recovery codes; every change audited and told by e-mail (and SMS where a number exists).
 */
let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';
const SECRET = 'test-secret-test-secret-test-secret-0123';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'factors');
  other = await seedTenant(t.db, 'factors-other');
  await usePasskeys(t, tenant);
  await usePasskeys(t, other);
});
afterAll(() => t.close());

/** A user with a password and a stepped-up session; `mobile: false` makes one without a mobile number (SMS is then no factor). */
async function member(o: { mobile?: boolean; at?: TestTenant } = {}) {
  const at = o.at ?? tenant;
  const user = await seedUser(t.db, at, { password: PASSWORD });
  if (o.mobile === false) await t.db.update(users).set({ mobile: null }).where(eq(users.id, user.id));
  const session = await steppedUpSession(t, at, user);
  return { user, session, b: browser(t, at) };
}

const codeFor = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + offsetSeconds });

/** Adds an authenticator app through the profile; returns its secret and the confirmation's answer. */
async function addApp(b: ReturnType<typeof browser>, session: string) {
  const started = await b.post('/v1/me/factors/totp', undefined, session);
  expect(started.status).toBe(201);
  const confirmed = await b.post('/v1/me/factors/totp/confirm', { code: codeFor(started.json.secret) }, session);
  return { secret: started.json.secret as string, confirmed };
}

const actions = async (userId: string) =>
  (await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, userId)).orderBy(asc(auditEvents.occurredAt))).map((e) => e.action);
async function smsTo(to: string, at = tenant): Promise<string[]> {
  const rows = await t.db.select().from(outbox).where(eq(outbox.tenantId, at.id)).orderBy(asc(outbox.createdAt));
  return rows.filter((r) => r.channel === 'sms' && (r.payload as SmsPayload).to === to).map((r) => (r.payload as SmsPayload).text);
}
const mailsTo = async (to: string) => (await emailsOf(t.db, tenant.id)).filter((m) => m.to === to);

describe('the factors in the profile', () => {
  it('lists SMS for a user with a mobile number, and whether passkeys work here', async () => {
    const { session, b } = await member();
    const res = await b.get('/v1/me/factors', session);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ passkeys: [], totp: null, sms: { mobile: expect.stringMatching(/^\+49/) }, recoveryCodes: null, passkeysAvailable: true });
    expect(res.json.sms.mobile).toContain('•');
  });

  it("every change needs a step-up (an enrolment's second half is bound to its first instead)", async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const { createSession } = await import('../../bff/domain/sessions.js');
    const { token } = await createSession(t.db, { tenantId: tenant.id, userId: user.id, source: 'login', factor: 'sms', now: t.clock.now() });
    const b = browser(t, tenant);
    for (const res of [
      await b.post('/v1/me/factors/totp', undefined, token),
      await b.del('/v1/me/factors/totp', token),
      await b.post('/v1/me/factors/recovery-codes', undefined, token),
      await b.del('/v1/me/factors/passkeys/00000000-0000-4000-8000-000000000000', token),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('step_up_required');
    }
  });
});

describe('an embed session', () => {
  it('lists the factors but changes none (a partner\'s login must not add a passkey that then signs in alone)', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const { createSession } = await import('../../bff/domain/sessions.js');
    const { token } = await createSession(t.db, { tenantId: tenant.id, userId: user.id, source: 'embed', components: ['tk-profile'], now: t.clock.now() });
    const b = browser(t, tenant);
    expect((await b.post('/v1/me/step-up', { password: PASSWORD }, token)).status).toBe(200);
    expect((await b.get('/v1/me/factors', token)).status).toBe(200);
    for (const res of [
      await b.post('/v1/me/factors/passkeys/options', undefined, token),
      await b.post('/v1/me/factors/totp', undefined, token),
      await b.post('/v1/me/factors/recovery-codes', undefined, token),
      await b.del('/v1/me/factors/sms', token),
      await b.post('/v1/me/factors/sms', undefined, token),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('forbidden');
    }
  });
});

describe('an authenticator app', () => {
  it('takes its first code after the step-up has lapsed, within 15 minutes of its start; later it starts again', async () => {
    const { session, b } = await member();
    const started = await b.post('/v1/me/factors/totp', undefined, session);
    t.clock.advance(6 * 60_000); // the step-up (5 minutes) is over: installing an app takes a while
    expect((await b.post('/v1/me/factors/totp/confirm', { code: codeFor(started.json.secret) }, session)).status).toBe(200);

    const other = await member();
    const late = await other.b.post('/v1/me/factors/totp', undefined, other.session);
    t.clock.advance(16 * 60_000);
    const refused = await other.b.post('/v1/me/factors/totp/confirm', { code: codeFor(late.json.secret) }, other.session);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('totp_not_started');
  });

  it('is added with a code computed from its secret: recovery codes come with it, the list shows it', async () => {
    const { user, session, b } = await member();
    const started = await b.post('/v1/me/factors/totp', undefined, session);
    expect(started.json.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(started.json.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const confirmed = await b.post('/v1/me/factors/totp/confirm', { code: codeFor(started.json.secret) }, session);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.recoveryCodes).toHaveLength(10);
    expect(confirmed.json.factors.totp).toMatchObject({ createdAt: expect.any(String) });
    expect(confirmed.json.factors.recoveryCodes).toMatchObject({ remaining: 10 });
    expect((await b.post('/v1/me/factors/totp', undefined, session)).json.code).toBe('totp_exists');
    expect(await actions(user.id)).toContain('factor.totp_added');
    // At rest: neither the app's secret nor a recovery code can be read from a copy of the tables.
    const stored = JSON.stringify([
      await t.db.select().from(totpFactors).where(eq(totpFactors.userId, user.id)),
      await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
    ]);
    expect(stored).not.toContain(started.json.secret);
    for (const code of confirmed.json.recoveryCodes as string[]) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(normalizeRecoveryCode(code));
    }
  });

  it('counts wrong codes: after five the enrolment is gone, even the right code then needs a new start', async () => {
    const { session, b } = await member();
    const started = await b.post('/v1/me/factors/totp', undefined, session);
    const right = codeFor(started.json.secret);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await b.post('/v1/me/factors/totp/confirm', { code: wrong }, session);
      expect(res.status).toBe(422);
      expect(res.json.errors).toMatchObject([{ path: 'code', code: 'totp_wrong' }]);
    }
    const late = await b.post('/v1/me/factors/totp/confirm', { code: right }, session);
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('totp_not_started');
    // A new start works.
    const again = await b.post('/v1/me/factors/totp', undefined, session);
    expect((await b.post('/v1/me/factors/totp/confirm', { code: codeFor(again.json.secret) }, session)).status).toBe(200);
  });
});

describe('removing a factor', () => {
  it('never the last one: without a mobile number the only passkey stays; with an app as well, it can go', async () => {
    const { user, session, b } = await member({ mobile: false });
    const { added } = await registerPasskey(t, tenant, session);
    expect(added.status).toBe(201);
    const passkeyId = added.json.factors.passkeys[0].id;
    const refused = await b.del(`/v1/me/factors/passkeys/${passkeyId}`, session);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('last_factor');

    await addApp(b, session);
    expect((await b.del(`/v1/me/factors/passkeys/${passkeyId}`, session)).status).toBe(204);
    // Now the app is the last one (recovery codes do not count).
    expect((await b.del('/v1/me/factors/totp', session)).status).toBe(409);
    const factors = await b.get('/v1/me/factors', session);
    expect(factors.json).toMatchObject({ passkeys: [], totp: { createdAt: expect.any(String) }, sms: null, recoveryCodes: { remaining: 10 } });
    expect(await actions(user.id)).toEqual(expect.arrayContaining(['factor.passkey_added', 'factor.totp_added', 'factor.passkey_removed']));
  });

  it('with a mobile number, the passkey and the app can both go (SMS remains); the user\'s other sessions end with it', async () => {
    const { user, session, b } = await member();
    const { added } = await registerPasskey(t, tenant, session);
    await addApp(b, session);
    const other = await steppedUpSession(t, tenant, user); // say, opened with the passkey on a lost laptop
    expect((await b.get('/v1/me/factors', other)).status).toBe(200);
    expect((await b.del(`/v1/me/factors/passkeys/${added.json.factors.passkeys[0].id}`, session)).status).toBe(204);
    expect((await b.get('/v1/me/factors', other)).status).toBe(401);
    expect((await b.get('/v1/me/factors', session)).status).toBe(200);
    expect((await b.del('/v1/me/factors/totp', session)).status).toBe(204);
    expect((await b.del('/v1/me/factors/totp', session)).status).toBe(404);
  });

  it('another user\'s passkey is not found, in the same tenant or another', async () => {
    const owner = await member();
    const { added } = await registerPasskey(t, tenant, owner.session);
    const id = added.json.factors.passkeys[0].id;
    const neighbour = await member();
    expect((await neighbour.b.del(`/v1/me/factors/passkeys/${id}`, neighbour.session)).status).toBe(404);
    const stranger = await member({ at: other });
    expect((await stranger.b.del(`/v1/me/factors/passkeys/${id}`, stranger.session)).status).toBe(404);
    expect((await owner.b.get('/v1/me/factors', owner.session)).json.passkeys).toHaveLength(1);
  });
});

describe('SMS sign-in off and on', () => {
  it('off needs a step-up, another factor and a number; off, only the app signs in and resets; the number stays for notices', async () => {
    const { user, session, b } = await member();
    const { createSession } = await import('../../bff/domain/sessions.js');
    const plain = (await createSession(t.db, { tenantId: tenant.id, userId: user.id, source: 'login', factor: 'sms', now: t.clock.now() })).token;
    expect((await b.del('/v1/me/factors/sms', plain)).json.code).toBe('step_up_required');
    // SMS is the only factor: it stays.
    const last = await b.del('/v1/me/factors/sms', session);
    expect(last.status).toBe(409);
    expect(last.json.code).toBe('last_factor');

    const { secret } = await addApp(b, session);
    const other = await steppedUpSession(t, tenant, user); // say, opened with an SMS PIN on a swapped SIM
    const mails = (await mailsTo(user.email)).length;
    const off = await b.del('/v1/me/factors/sms', session);
    expect(off.status, off.text).toBe(200);
    expect(off.json).toMatchObject({ sms: null, mobile: expect.stringContaining('•'), totp: { createdAt: expect.any(String) } });
    expect((await b.get('/v1/me/factors', other)).status).toBe(401);
    expect((await b.get('/v1/me/factors', session)).json).toMatchObject({ sms: null, mobile: expect.stringContaining('•') });
    expect(await actions(user.id)).toContain('factor.sms_off');
    expect((await mailsTo(user.email)).length).toBe(mails + 1);
    expect((await smsTo(user.mobile!)).at(-1)).toMatch(/Anmeldung per SMS ausgeschaltet/);
    // Off again: nothing changes, nobody is told again.
    expect((await b.del('/v1/me/factors/sms', session)).status).toBe(200);
    expect((await actions(user.id)).filter((a) => a === 'factor.sms_off')).toHaveLength(1);
    // The app is now the last factor.
    expect((await b.del('/v1/me/factors/totp', session)).json.code).toBe('last_factor');

    // The login asks the app; SMS is no longer offered, nor reached by "another method".
    t.clock.advance(30_000);
    const pins = (await smsTo(user.mobile!)).length;
    const login = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(login.json).toMatchObject({ factor: 'totp', factors: ['totp', 'recovery'] });
    const other2 = await browser(t, tenant).post('/v1/sessions/factor', { challengeId: login.json.challengeId, factor: 'sms' });
    expect(other2.status).toBe(422);
    expect(other2.json.code).toBe('factor_unavailable');
    expect((await smsTo(user.mobile!)).length).toBe(pins);
    const verified = await browser(t, tenant).post('/v1/sessions/verify', { challengeId: login.json.challengeId, pin: codeFor(secret) });
    expect(verified.status, verified.text).toBe(201);

    // On again: SMS signs in again (after the app, the stronger one).
    const on = await b.post('/v1/me/factors/sms', undefined, session);
    expect(on.status, on.text).toBe(200);
    expect(on.json.sms).toEqual({ mobile: on.json.mobile });
    expect(await actions(user.id)).toContain('factor.sms_on');
    expect((await smsTo(user.mobile!)).at(-1)).toMatch(/Anmeldung per SMS eingeschaltet/);
    const again = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(again.json.factors).toEqual(['totp', 'sms', 'recovery']);
  });

  it('a password reset with SMS off asks the app (no SMS PIN to a swapped SIM)', async () => {
    const { user, session, b } = await member();
    const { secret } = await addApp(b, session);
    expect((await b.del('/v1/me/factors/sms', session)).status).toBe(200);
    const pins = (await smsTo(user.mobile!)).length;
    const reset = await browser(t, tenant).post('/v1/password-setup', { token: await setPasswordToken(t.db, tenant, user), password: `${PASSWORD} neu` });
    expect(reset.status).toBe(202);
    expect(reset.json).toMatchObject({ factor: 'totp', sentTo: null });
    expect((await smsTo(user.mobile!)).length).toBe(pins);
    t.clock.advance(30_000);
    expect((await browser(t, tenant).post('/v1/password-setup/verify', { challengeId: reset.json.challengeId, pin: codeFor(secret) })).status).toBe(200);
  });

  it('off ends the SMS steps opened before: a swapped SIM cannot finish a login or a reset begun earlier, nor ask for a new code', async () => {
    const { user, session, b } = await member();
    await addApp(b, session);
    const thief = browser(t, tenant);
    t.clock.advance(30_000);
    // With the password and the SIM: the login's step switched to SMS, and a reset by SMS begun.
    const login = await thief.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const bySms = await thief.post('/v1/sessions/factor', { challengeId: login.json.challengeId, factor: 'sms' });
    expect(bySms.status, bySms.text).toBe(202);
    const loginPin = await lastPin(t.db, tenant.id, user.mobile);
    // (Say the mailbox too: the reset's link.)
    const reset = await thief.post('/v1/password-setup', { token: await setPasswordToken(t.db, tenant, user), password: `${PASSWORD} fremd` });
    expect(reset.json.factor).toBe('sms');
    const resetPin = await lastPin(t.db, tenant.id, user.mobile);
    // The owner turns SMS off: neither step's code nor a new one works afterwards.
    expect((await b.del('/v1/me/factors/sms', session)).status).toBe(200);
    const verify = await thief.post('/v1/sessions/verify', { challengeId: bySms.json.challengeId, pin: loginPin });
    expect(verify.status).toBe(410);
    expect(verify.json.code).toBe('pin_superseded');
    const resetVerify = await thief.post('/v1/password-setup/verify', { challengeId: reset.json.challengeId, pin: resetPin });
    expect(resetVerify.status).toBe(410);
    expect(resetVerify.json.code).toBe('pin_superseded');
    // The password is still the owner's.
    expect((await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD })).status).toBe(202);
    const pins = (await smsTo(user.mobile!)).length;
    expect((await thief.post('/v1/sessions/resend', { challengeId: bySms.json.challengeId })).status).toBe(410);
    expect((await smsTo(user.mobile!)).length).toBe(pins);
  });

  it('an SMS code sent to a number that no longer signs in is not taken, however the step was opened (say, from a read just before the change)', async () => {
    for (const change of ['sms_off', 'new_number'] as const) {
      const { user } = await member();
      const thief = browser(t, tenant);
      const login = await thief.post('/v1/sessions', { username: user.username, password: PASSWORD });
      expect(login.json.factor).toBe('sms');
      const pin = await lastPin(t.db, tenant.id, user.mobile);
      // The change lands without ending the step (as when the step was opened from a read taken before it).
      await t.db.update(users).set(change === 'sms_off' ? { smsLogin: false } : { mobile: '+4915799991111' }).where(eq(users.id, user.id));
      const verify = await thief.post('/v1/sessions/verify', { challengeId: login.json.challengeId, pin });
      expect(verify.status, change).toBe(410);
      expect(verify.json.code).toBe('pin_superseded');
      const pins = (await smsTo(user.mobile!)).length;
      expect((await thief.post('/v1/sessions/resend', { challengeId: login.json.challengeId })).status).toBe(410);
      expect((await smsTo(user.mobile!)).length).toBe(pins);
    }
  });

  it('with SMS off, the app goes only while a recovery code is left beside the passkeys', async () => {
    const { user, session, b } = await member();
    await registerPasskey(t, tenant, session);
    await addApp(b, session);
    expect((await b.del('/v1/me/factors/sms', session)).status).toBe(200);
    await t.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    const refused = await b.del('/v1/me/factors/totp', session);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('recovery_codes_needed');
    expect((await b.post('/v1/me/factors/recovery-codes', undefined, session)).status).toBe(201);
    expect((await b.del('/v1/me/factors/totp', session)).status).toBe(204);
  });

  it('a passkey alone is not enough to turn SMS off without recovery codes left (passkeys work only on some pages and devices)', async () => {
    const { user, session, b } = await member();
    const { added } = await registerPasskey(t, tenant, session);
    expect(added.json.recoveryCodes).toHaveLength(10);
    await t.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    const refused = await b.del('/v1/me/factors/sms', session);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('recovery_codes_needed');
    expect(refused.json.title).toMatch(/Wiederherstellungscodes/);
    expect((await b.post('/v1/me/factors/recovery-codes', undefined, session)).status).toBe(201);
    expect((await b.del('/v1/me/factors/sms', session)).status).toBe(200);
  });

  it('on needs a step-up too, and is a no-op when SMS signs in already (nothing audited)', async () => {
    const { user, session, b } = await member();
    const { createSession } = await import('../../bff/domain/sessions.js');
    const plain = (await createSession(t.db, { tenantId: tenant.id, userId: user.id, source: 'login', factor: 'sms', now: t.clock.now() })).token;
    expect((await b.post('/v1/me/factors/sms', undefined, plain)).json.code).toBe('step_up_required');
    const on = await b.post('/v1/me/factors/sms', undefined, session);
    expect(on.status).toBe(200);
    expect(on.json.sms).not.toBeNull();
    expect((await actions(user.id)).filter((a) => a.startsWith('factor.sms'))).toEqual([]);
  });

  it('a first mobile number added in the profile does not sign in by itself: SMS sign-in stays off until turned on', async () => {
    const { user, session, b } = await member({ mobile: false });
    await addApp(b, session);
    const number = '+4915700001111';
    const change = await b.patch('/v1/me', { mobile: number }, session);
    expect(change.status, change.text).toBe(202);
    const verified = await b.post('/v1/me/mobile/verify', { challengeId: change.json.challengeId, pin: await lastPin(t.db, tenant.id, number) }, session);
    expect(verified.status, verified.text).toBe(200);
    expect((await b.get('/v1/me/factors', session)).json).toMatchObject({ sms: null, mobile: expect.stringContaining('•') });
    t.clock.advance(30_000);
    const login = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(login.json.factors).toEqual(['totp', 'recovery']);
    expect((await b.post('/v1/me/factors/sms', undefined, session)).json.sms).not.toBeNull();
  });

  it('without a mobile number there is nothing to turn on or off (404)', async () => {
    const { session, b } = await member({ mobile: false });
    await addApp(b, session);
    expect((await b.del('/v1/me/factors/sms', session)).status).toBe(404);
    expect((await b.post('/v1/me/factors/sms', undefined, session)).status).toBe(404);
    expect((await b.get('/v1/me/factors', session)).json).toMatchObject({ sms: null, mobile: null });
  });
});

describe('recovery codes', () => {
  it('new ones replace the old: an old code no longer works, a new one does once', async () => {
    const { user, session, b } = await member();
    const { confirmed } = await addApp(b, session);
    const old = confirmed.json.recoveryCodes as string[];
    const res = await b.post('/v1/me/factors/recovery-codes', undefined, session);
    expect(res.status).toBe(201);
    const fresh = res.json.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    const use = (code: string) => consumeRecoveryCode(t.db, { user: row!, secret: SECRET, now: t.clock.now(), code: normalizeRecoveryCode(code)! });
    expect(await use(old[0]!)).toBe(false);
    expect(await use(fresh[0]!)).toBe(true);
    expect(await use(fresh[0]!)).toBe(false);
    expect((await b.get('/v1/me/factors', session)).json.recoveryCodes).toMatchObject({ remaining: 9 });
    expect(await actions(user.id)).toContain('factor.recovery_codes_issued');
  });
});

describe('the notices', () => {
  it('tell of every change by e-mail and, with a mobile number, by SMS; never a code', async () => {
    const { user, session, b } = await member();
    const { added } = await registerPasskey(t, tenant, session, undefined, 'Tablet im Büro');
    const codes = added.json.recoveryCodes as string[];
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Neuer Passkey');
    expect(mails[0]!.text).toContain('„Tablet im Büro“');
    expect(mails[0]!.text).toContain('Waren Sie das nicht?');
    const sms = await smsTo(user.mobile);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toContain('Passkey hinzugefügt');
    for (const text of [mails[0]!.text, mails[0]!.html, sms[0]!]) for (const code of codes) expect(text).not.toContain(code);

    const { secret } = await addApp(b, session);
    await b.post('/v1/me/factors/recovery-codes', undefined, session);
    const all = await mailsTo(user.email);
    expect(all.map((m) => m.subject)).toEqual([
      expect.stringContaining('Neuer Passkey'),
      expect.stringContaining('Authenticator-App'),
      expect.stringContaining('Neue Wiederherstellungscodes'),
    ]);
    expect(await smsTo(user.mobile)).toHaveLength(3);
    for (const m of all) expect(m.text).not.toContain(secret);
  });

  it('go by e-mail only to a user without a mobile number', async () => {
    const { user, session } = await member({ mobile: false });
    await registerPasskey(t, tenant, session);
    expect(await mailsTo(user.email)).toHaveLength(1);
    const rows = await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'sms')));
    expect(rows.filter((r) => (r.payload as SmsPayload).text.includes(user.username))).toHaveLength(0);
  });

  it('say how many recovery codes are left after one was used, in the user\'s language', async () => {
    const { user } = await member();
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    const [tenantRow] = await t.db.select().from(tenants).where(eq(tenants.id, tenant.id));
    const codes = await issueRecoveryCodes(t.db, { user: row as User, secret: SECRET, now: t.clock.now() });
    await consumeRecoveryCode(t.db, { user: row!, secret: SECRET, now: t.clock.now(), code: normalizeRecoveryCode(codes[0]!)! });
    await factorChanged(t.db, { tenant: tenantRow!, user: row!, change: 'recovery_code_used', now: t.clock.now(), locale: 'en' });
    const [mail] = await mailsTo(user.email);
    expect(mail!.text).toContain('9 codes are left');
    expect((await smsTo(user.mobile))[0]).toContain('9 left');
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'factor.recovery_code_used')));
    expect(entry!.data).toEqual({ remaining: 9 });
  });
});
