import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, outbox, sessions } from '../../bff/db/schema/index.js';
import { sha256 } from '../../bff/lib/crypto.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { dropMobile, enrolTotp, giveRecoveryCodes, totpCode } from './helpers/factors.js';
import { lastPin } from './helpers/outbox.js';
import { browser, seedUser } from './helpers/portal.js';

/** Issue 18: the login asks for the account's strongest factor; app codes and recovery codes with the PIN's limits. */
let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'factors-login');
});
afterAll(() => t.close());

const smsCount = async () => (await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'sms')))).length;
const actions = async (userId: string, action: string) =>
  t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.targetId, userId), eq(auditEvents.action, action)));
const sessionOf = async (token: string) => (await t.db.select().from(sessions).where(eq(sessions.tokenHash, sha256(token))))[0]!;

async function appUser() {
  const user = await seedUser(t.db, tenant, { password: PASSWORD });
  const secret = await enrolTotp(t, user.id);
  return { user, secret };
}

describe('the login step', () => {
  it('asks an app user for the app\'s code: no SMS; the session records the factor', async () => {
    const { user, secret } = await appUser();
    const b = browser(t, tenant);
    const sms = await smsCount();
    const start = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(start.status).toBe(202);
    expect(start.json).toMatchObject({ factor: 'totp', factors: ['totp', 'sms'], sentTo: null, passkey: null });
    expect(await smsCount()).toBe(sms);

    const format = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: '12a456' });
    expect(format.status).toBe(422);
    expect(format.json.errors).toEqual([expect.objectContaining({ path: 'pin', code: 'totp_format', message: expect.stringMatching(/6 Ziffern/) })]);
    expect(format.json.attemptsLeft).toBeUndefined(); // not counted

    const done = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: totpCode(secret, t.clock.now()) });
    expect(done.status).toBe(201);
    expect((await sessionOf(done.json.token)).factor).toBe('totp');
    expect((await actions(user.id, 'login.succeeded')).at(-1)!.data).toEqual({ factor: 'totp' });
    // /resend is for SMS steps only.
    const resend = await b.post('/v1/sessions/resend', { challengeId: start.json.challengeId });
    expect(resend.status).toBe(409);
    expect(resend.json.code).toBe('step_factor_mismatch');
  });

  it('refuses a replayed app code: counted as wrong', async () => {
    const { user, secret } = await appUser();
    const b = browser(t, tenant);
    const code = totpCode(secret, t.clock.now());
    const first = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect((await b.post('/v1/sessions/verify', { challengeId: first.json.challengeId, pin: code })).status).toBe(201);

    const second = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const replay = await b.post('/v1/sessions/verify', { challengeId: second.json.challengeId, pin: code });
    expect(replay.status).toBe(422);
    expect(replay.json).toMatchObject({ errors: [{ path: 'pin', code: 'totp_wrong' }], attemptsLeft: 4 });
    t.clock.advance(30_000);
    expect((await b.post('/v1/sessions/verify', { challengeId: second.json.challengeId, pin: totpCode(secret, t.clock.now()) })).status).toBe(201);
  });

  it('locks the step after 5 wrong app codes, like PINs: even the right code then fails, audited', async () => {
    const { user, secret } = await appUser();
    const b = browser(t, tenant);
    const start = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const right = totpCode(secret, t.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      const res = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: wrong });
      expect(res.json).toMatchObject({ errors: [{ code: 'totp_wrong' }], attemptsLeft: left });
    }
    const fifth = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: wrong });
    expect(fifth.status).toBe(410);
    expect(fifth.json.code).toBe('pin_locked');
    const after = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin: right });
    expect(after.json.code).toBe('pin_locked');
    expect((await actions(user.id, 'pin.locked')).map((a) => a.data)).toEqual([{ purpose: 'login', factor: 'totp' }]);
  });

  it('ten wrong app or recovery codes in a day, across steps, stop such codes until the next day (the owner told); SMS goes on', async () => {
    const { user, secret } = await appUser();
    await giveRecoveryCodes(t, user.id);
    const b = browser(t, tenant);
    const wrong = () => (totpCode(secret, t.clock.now()) === '000000' ? '111111' : '000000');
    // Two steps of five wrong answers each (app codes, then recovery codes in the app's step).
    for (const guess of [wrong, () => 'ABCD-EFGH-JKLM']) {
      const step = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
      for (let i = 0; i < 5; i++) await b.post('/v1/sessions/verify', { challengeId: step.json.challengeId, pin: guess() });
    }
    const mails = await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'email')));
    expect(mails.filter((m) => JSON.stringify(m.payload).includes('Viele falsche Codes'))).toHaveLength(1);
    expect(await actions(user.id, 'factor.codes_blocked')).toHaveLength(1);
    // A fresh step: even the right code is not checked now.
    t.clock.advance(60_000);
    const third = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const refused = await b.post('/v1/sessions/verify', { challengeId: third.json.challengeId, pin: totpCode(secret, t.clock.now()) });
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('rate_limited');
    // SMS still works.
    const sms = await b.post('/v1/sessions/factor', { challengeId: third.json.challengeId, factor: 'sms' });
    expect(sms.status).toBe(202);
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    expect((await b.post('/v1/sessions/verify', { challengeId: sms.json.challengeId, pin })).status).toBe(201);
    // The next day the app's codes count again.
    t.clock.advance(24 * 3600_000);
    const next = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect((await b.post('/v1/sessions/verify', { challengeId: next.json.challengeId, pin: totpCode(secret, t.clock.now()) })).status).toBe(201);
  });

  it('a recovery code logs in once, and not again; its use is audited', async () => {
    const { user } = await appUser();
    const codes = await giveRecoveryCodes(t, user.id);
    const b = browser(t, tenant);
    const start = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(start.json.factors).toEqual(['totp', 'sms', 'recovery']);
    const step = await b.post('/v1/sessions/factor', { challengeId: start.json.challengeId, factor: 'recovery' });
    expect(step.status).toBe(202);
    expect(step.json).toMatchObject({ factor: 'recovery', sentTo: null, passkey: null });

    const format = await b.post('/v1/sessions/verify', { challengeId: step.json.challengeId, pin: 'ABCD-EFGH-IJK1' });
    expect(format.json.errors).toEqual([expect.objectContaining({ code: 'recovery_format' })]);
    // Typed in lower case with spaces: the same code.
    const typed = codes[0]!.toLowerCase().replaceAll('-', ' ');
    const done = await b.post('/v1/sessions/verify', { challengeId: step.json.challengeId, pin: typed });
    expect(done.status).toBe(201);
    expect((await sessionOf(done.json.token)).factor).toBe('recovery');
    expect((await actions(user.id, 'factor.recovery_code_used')).map((a) => a.data)).toEqual([{ remaining: 9 }]);

    const again = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const step2 = await b.post('/v1/sessions/factor', { challengeId: again.json.challengeId, factor: 'recovery' });
    const reused = await b.post('/v1/sessions/verify', { challengeId: step2.json.challengeId, pin: codes[0] });
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ errors: [{ path: 'pin', code: 'recovery_wrong' }], attemptsLeft: 4 });
    expect((await b.post('/v1/sessions/verify', { challengeId: step2.json.challengeId, pin: codes[1] })).status).toBe(201);
  });
});

describe('"use another method"', () => {
  it('switches from the app to SMS (an SMS goes out, the old step ends) and refuses a factor the account lacks', async () => {
    const { user } = await appUser();
    const b = browser(t, tenant);
    const start = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    const none = await b.post('/v1/sessions/factor', { challengeId: start.json.challengeId, factor: 'passkey' });
    expect(none.status).toBe(422);
    expect(none.json.code).toBe('factor_unavailable');
    const recovery = await b.post('/v1/sessions/factor', { challengeId: start.json.challengeId, factor: 'recovery' });
    expect(recovery.json.code).toBe('factor_unavailable'); // no codes issued

    const sms = await smsCount();
    const step = await b.post('/v1/sessions/factor', { challengeId: start.json.challengeId, factor: 'sms' });
    expect(step.status).toBe(202);
    expect(step.json).toMatchObject({ factor: 'sms', factors: ['totp', 'sms'], sentTo: expect.stringMatching(/^\+49 151 •+ \d\d$/), passkey: null });
    expect(await smsCount()).toBe(sms + 1);
    const pin = await lastPin(t.db, tenant.id, user.mobile);
    const old = await b.post('/v1/sessions/verify', { challengeId: start.json.challengeId, pin });
    expect(old.json.code).toBe('pin_superseded');
    const oldSwitch = await b.post('/v1/sessions/factor', { challengeId: start.json.challengeId, factor: 'totp' });
    expect(oldSwitch.json.code).toBe('pin_superseded');
    const format = await b.post('/v1/sessions/verify', { challengeId: step.json.challengeId, pin: '12345' });
    expect(format.json.errors).toEqual([expect.objectContaining({ code: 'pin_format' })]);
    const done = await b.post('/v1/sessions/verify', { challengeId: step.json.challengeId, pin });
    expect(done.status).toBe(201);
    expect((await sessionOf(done.json.token)).factor).toBe('sms');
  });

  it('counts every step: the password and four switches, then 429', async () => {
    const { user } = await appUser();
    const b = browser(t, tenant);
    let step = await b.post('/v1/sessions', { username: user.username, password: PASSWORD });
    for (const factor of ['sms', 'totp', 'sms', 'totp'] as const) {
      step = await b.post('/v1/sessions/factor', { challengeId: step.json.challengeId, factor });
      expect(step.status).toBe(202);
    }
    const sixth = await b.post('/v1/sessions/factor', { challengeId: step.json.challengeId, factor: 'sms' });
    expect(sixth.status).toBe(429);
    expect(sixth.json.code).toBe('rate_limited');
  });

  it('an SMS user gets the PIN as before', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const start = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(start.json).toMatchObject({ factor: 'sms', factors: ['sms'], passkey: null });
    expect(start.json.sentTo).toMatch(/•/);
  });

  it('a user with no factor at all cannot log in: the generic failure, audited', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    await dropMobile(t.db, user.id);
    const res = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('invalid_credentials');
    expect((await actions(user.id, 'login.failed')).map((a) => a.data)).toEqual([{ reason: 'no_factor' }]);
  });
});
