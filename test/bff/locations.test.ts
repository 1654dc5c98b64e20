import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountLinks, accounts, auditEvents, locationIntents, outbox, pinChallenges, sessions, signups, subUsers, tariffs, users } from '../../bff/db/schema/index.js';
import { hashPassword } from '../../bff/domain/passwords.js';
import type { SmsPayload, WebhookPayload } from '../../bff/messaging/outbox.js';
import { businessSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { browser, coUserBody, seedUser, type TestUser } from './helpers/portal.js';

type Admin = TestUser & { accountId: string; session: string; customerNumber: string; name: string; company: string };

let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let coTariff: string;
let bizTariff: string;
const PASSWORD = 'admin-password-long-enough';
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  // A fixed day, so that the collective invoice's dates are known: the 1st of next month is 2026-12-01.
  t.clock.set(new Date('2026-11-22T10:00:00Z'));
  tenant = await seedTenant(t.db, 'locations');
  other = await seedTenant(t.db, 'elsewhere');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  coTariff = rows.find((r) => r.code.endsWith('-co'))!.id;
  bizTariff = rows.find((r) => r.accountTypes.includes('business'))!.id;
  await call(t.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'https://hooks.locations.example/telkit', eventTypes: ['*'] } });
});
afterAll(() => t.close());
// Each test two days later: budgets and limits start afresh; every test logs in its own admins.
beforeEach(() => t.clock.advance(2 * 24 * HOUR));

let ip = 0;
const api = (method: string, path: string, session: string, body?: unknown, headers: Record<string, string> = {}) =>
  call(t.app, method, path, { key: session, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...headers } });

/** A business account of `on` with its admin, logged in. */
async function business(on: TestTenant = tenant, accountType?: 'private' | 'business'): Promise<Admin> {
  const user = await seedUser(t.db, on, { password: PASSWORD, accountType });
  const [account] = await t.db.select().from(accounts).where(eq(accounts.id, user.accountId));
  const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
  const session = await browser(t, on).login(user);
  return { ...user, session, customerNumber: account!.customerNumber, name: row!.displayName, company: account!.displayName };
}

const ask = (main: Admin, customerNumber: string, collectiveInvoice = false) => api('POST', '/v1/locations/link-requests', main.session, { customerNumber, collectiveInvoice });

/** Links `sub` under `main` with the code from the outbox. */
async function link(main: Admin, sub: Admin, collectiveInvoice = false) {
  const asked = await ask(main, sub.customerNumber, collectiveInvoice);
  expect(asked.status, asked.text).toBe(202);
  const pin = await lastPin(t.db, tenant.id, sub.mobile);
  const done = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, main.session, { pin });
  expect(done.status, done.text).toBe(200);
  return done.json;
}

const wrongPin = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
const fieldCode = (res: { json: any }) => res.json.errors?.[0] && `${res.json.errors[0].path}:${res.json.errors[0].code}`;
const hooks = async () =>
  (await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'webhook'))).orderBy(asc(outbox.createdAt))).map((r) => r.payload as WebhookPayload);
/** The link codes sent to `to` (not its own login PINs). */
const codesTo = async (to: string) =>
  // In the order sent (without an order, Postgres returns rows a worker has updated last).
  (await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'sms'))).orderBy(asc(outbox.createdAt)))
    .map((r) => r.payload as SmsPayload)
    .filter((p) => p.to === to && p.text.includes('Code:'));

describe('the structure rules', () => {
  it('own account, a private account, a cancelled one: a field error on customerNumber that says how to go on', async () => {
    const main = await business();
    const priv = await business(tenant, 'private');
    const gone = await business();
    await t.db.update(accounts).set({ status: 'cancelled' }).where(eq(accounts.id, gone.accountId));
    const own = await ask(main, main.customerNumber);
    expect(own.status).toBe(422);
    expect(fieldCode(own)).toBe('customerNumber:own_account');
    expect(own.json.errors[0].message).toMatch(/Kundennummer/);
    expect(fieldCode(await ask(main, priv.customerNumber))).toBe('customerNumber:not_business');
    expect(fieldCode(await ask(main, gone.customerNumber))).toBe('customerNumber:account_inactive');
  });

  it("another tenant's customer number gets the very answer an unknown one gets, and sends nothing", async () => {
    const main = await business();
    const foreign = await business(other);
    const before = (await t.db.select().from(outbox)).length;
    const headers = { 'x-request-id': 'same-request-id-for-both' };
    const unknown = await api('POST', '/v1/locations/link-requests', main.session, { customerNumber: 'ZZ999999', collectiveInvoice: false }, headers);
    const cross = await api('POST', '/v1/locations/link-requests', main.session, { customerNumber: foreign.customerNumber, collectiveInvoice: false }, headers);
    expect(unknown.status).toBe(422);
    expect(fieldCode(unknown)).toBe('customerNumber:customer_number_unknown');
    expect(cross.text).toBe(unknown.text);
    // The headers too, but for the date and the caller's own request counter.
    const same = (h: Headers) => [...h.entries()].filter(([k]) => k !== 'date' && k !== 'ratelimit-remaining');
    expect(same(cross.headers)).toEqual(same(unknown.headers));
    expect((await t.db.select().from(outbox)).length).toBe(before);
  });

  it('a sub-account cannot become a main account, a main account not a sub-account, a sub-account has one main account', async () => {
    const a = await business();
    const b = await business();
    const c = await business();
    const d = await business();
    // Lower case and spaces around the number: found all the same.
    const asked = await ask(a, `  ${b.customerNumber.toLowerCase()} `);
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.account).toEqual({ customerNumber: b.customerNumber, displayName: b.company });
    const pin = await lastPin(t.db, tenant.id, b.mobile);
    expect((await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, a.session, { pin })).status).toBe(200);

    const subAsMain = await ask(b, c.customerNumber);
    expect(subAsMain.status).toBe(409);
    expect(subAsMain.json.code).toBe('is_sub_account');
    expect((await api('POST', '/v1/locations/intents', b.session, { collectiveInvoice: false })).json.code).toBe('is_sub_account');
    expect(fieldCode(await ask(c, a.customerNumber))).toBe('customerNumber:has_sub_accounts');
    expect(fieldCode(await ask(d, b.customerNumber))).toBe('customerNumber:already_linked');
    expect(fieldCode(await ask(a, b.customerNumber))).toBe('customerNumber:already_linked_here');
    expect(await t.db.select().from(accountLinks).where(eq(accountLinks.subAccountId, b.accountId))).toHaveLength(1);
  });

  it('the rules hold again when the code is entered: what changed in between decides', async () => {
    const a = await business();
    const b = await business();
    const c = await business();
    const x = await business();
    // A asks for C, but D links C first: A's code no longer links.
    const forC = await ask(a, c.customerNumber);
    const pinC = await lastPin(t.db, tenant.id, c.mobile);
    await link(b, c);
    const late = await api('POST', `/v1/locations/link-requests/${forC.json.challengeId}/confirm`, a.session, { pin: pinC });
    // Not a field error on a customer number nobody is typing: a 409 whose detail names the rule and the account.
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: 'not_linkable', rule: 'already_linked' });
    expect(late.json.errors).toBeUndefined();
    expect(late.json.detail).toBe(`Das Konto ${c.company} (${c.customerNumber}) ist inzwischen mit einem anderen Hauptaccount verknüpft. Es muss dort zuerst gelöst werden.`);
    expect(await t.db.select().from(accountLinks).where(eq(accountLinks.mainAccountId, a.accountId))).toHaveLength(0);
    // A asks for a fresh account, then becomes a sub-account of X itself: its code links nothing.
    const e = await business();
    const forE = await ask(a, e.customerNumber);
    const pinE = await lastPin(t.db, tenant.id, e.mobile);
    await link(x, a);
    const chained = await api('POST', `/v1/locations/link-requests/${forE.json.challengeId}/confirm`, a.session, { pin: pinE });
    expect(chained.status).toBe(409);
    expect(chained.json.code).toBe('is_sub_account');
    expect(await t.db.select().from(accountLinks).where(and(eq(accountLinks.mainAccountId, a.accountId)))).toHaveLength(0);
  });
});

describe('the code', () => {
  it('goes to the other admin by SMS and e-mail, saying who asks and what linking means', async () => {
    const a = await business();
    const b = await business();
    const asked = await ask(a, b.customerNumber, true);
    expect(asked.json).toMatchObject({ sentTo: expect.stringContaining('•'), emailTo: expect.stringContaining('@') });
    const [sms] = await codesTo(b.mobile);
    for (const fact of [a.name, a.company, a.customerNumber, b.customerNumber, '24 Stunden', 'Nur weitergeben, wenn Sie zustimmen']) expect(sms!.text).toContain(fact);
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === b.email).at(-1)!;
    const pin = await lastPin(t.db, tenant.id, b.mobile);
    for (const fact of [a.name, a.company, a.customerNumber, b.company, pin, 'Mitbenutzer', 'Sammelrechnung', 'Zugang', 'zustimmen']) expect(mail.text).toContain(fact);
    // Nothing about any other tenant in either.
    for (const text of [sms!.text, mail.text]) expect(text).not.toContain(other.name);
    // Only the admin who asked may enter it.
    const d = await business();
    const stranger = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, d.session, { pin });
    expect(stranger.status).toBe(404);
    expect(stranger.json.code).toBe('challenge_invalid');
  });

  it('goes by e-mail only once the admin asked has turned SMS sign-in off (a swapped SIM must not link the account), also on a resend', async () => {
    const a = await business();
    const b = await business();
    const asked = await ask(a, b.customerNumber);
    expect(await codesTo(b.mobile)).toHaveLength(1);
    await t.db.update(users).set({ smsLogin: false }).where(eq(users.id, b.id));
    const mails = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === b.email).length;
    const resent = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/resend`, a.session);
    expect(resent.status, resent.text).toBe(202);
    expect(resent.json.sentTo).toBe('');
    expect(await codesTo(b.mobile)).toHaveLength(1);
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === b.email);
    expect(mail).toHaveLength(mails + 1);
    const pin = /\b(\d{6})\b/.exec(mail.at(-1)!.text)![1]!;
    const done = await api('POST', `/v1/locations/link-requests/${resent.json.challengeId}/confirm`, a.session, { pin });
    expect(done.status, done.text).toBe(200);
    // A new request goes by e-mail alone as well.
    const c = await business();
    const again = await ask(c, (await business()).customerNumber);
    expect(again.status).toBe(202);
    const d = await business();
    await t.db.update(users).set({ smsLogin: false }).where(eq(users.id, d.id));
    expect((await ask(c, d.customerNumber)).json.sentTo).toBe('');
    expect(await codesTo(d.mobile)).toEqual([]);
  });

  it('a code sent by SMS no longer links once the admin asked turns SMS sign-in off or changes the number (the SIM may be someone else\'s)', async () => {
    const a = await business();
    for (const change of ['sms_off', 'new_number'] as const) {
      const b = await business();
      const asked = await ask(a, b.customerNumber);
      const pin = await lastPin(t.db, tenant.id, b.mobile);
      await t.db.update(users).set(change === 'sms_off' ? { smsLogin: false } : { mobile: '+4915799990000' }).where(eq(users.id, b.id));
      const refused = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, a.session, { pin });
      expect(refused.status, change).toBe(410);
      expect(refused.json.code).toBe('pin_superseded');
      expect(await t.db.select().from(accountLinks).where(eq(accountLinks.subAccountId, b.accountId))).toHaveLength(0);
    }
  });

  it('a wrong code counts; after 5 wrong entries even the right one is refused', async () => {
    const a = await business();
    const b = await business();
    const asked = await ask(a, b.customerNumber);
    const pin = await lastPin(t.db, tenant.id, b.mobile);
    const confirm = (p: string) => api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, a.session, { pin: p });
    const first = await confirm(wrongPin(pin));
    expect(first.status).toBe(422);
    expect(first.json.errors[0]).toMatchObject({ path: 'pin', code: 'pin_wrong' });
    expect(first.json.attemptsLeft).toBe(4);
    for (let i = 0; i < 3; i++) expect((await confirm(wrongPin(pin))).status).toBe(422);
    const fifth = await confirm(wrongPin(pin));
    expect(fifth.status).toBe(410);
    expect(fifth.json.code).toBe('pin_locked');
    expect((await confirm(pin)).json.code).toBe('pin_locked');
    expect(await t.db.select().from(accountLinks).where(eq(accountLinks.subAccountId, b.accountId))).toHaveLength(0);
  });

  it('a resend invalidates the old code; the code works for 24 hours and once', async () => {
    const a = await business();
    const b = await business();
    const asked = await ask(a, b.customerNumber);
    const oldPin = await lastPin(t.db, tenant.id, b.mobile);
    const resent = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/resend`, a.session);
    expect(resent.status, resent.text).toBe(202);
    expect(resent.json.account.customerNumber).toBe(b.customerNumber);
    const stale = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, a.session, { pin: oldPin });
    expect(stale.status).toBe(410);
    expect(stale.json.code).toBe('pin_superseded');
    expect((await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/resend`, a.session)).json.code).toBe('pin_superseded');
    const newPin = await lastPin(t.db, tenant.id, b.mobile);
    // 23 hours later it still works (the admin's session is new: one hour idle ends a session).
    t.clock.advance(23 * HOUR);
    a.session = await browser(t, tenant).login(a);
    const ok = await api('POST', `/v1/locations/link-requests/${resent.json.challengeId}/confirm`, a.session, { pin: newPin });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ accountId: b.accountId, role: 'sub', via: 'code' });
    const again = await api('POST', `/v1/locations/link-requests/${resent.json.challengeId}/confirm`, a.session, { pin: newPin });
    expect(again.status).toBe(410);
    expect(again.json.code).toBe('pin_used');
  });

  it('an admin may ask several accounts at once: a new code replaces only the one for the same account', async () => {
    const a = await business();
    const b = await business();
    const c = await business();
    const forB = await ask(a, b.customerNumber);
    const pinB = await lastPin(t.db, tenant.id, b.mobile);
    const forC = await ask(a, c.customerNumber, true);
    const pinC = await lastPin(t.db, tenant.id, c.mobile);
    expect((await api('POST', `/v1/locations/link-requests/${forB.json.challengeId}/confirm`, a.session, { pin: pinB })).status).toBe(200);
    const linkedC = await api('POST', `/v1/locations/link-requests/${forC.json.challengeId}/confirm`, a.session, { pin: pinC });
    expect(linkedC.status, linkedC.text).toBe(200);
    expect(linkedC.json.collectiveInvoice.next).toBe(true);
    const list = await api('GET', '/v1/locations', a.session);
    expect(list.json.position).toBe('main');
    expect(list.json.accounts.map((l: any) => l.role)).toEqual(['main', 'sub', 'sub']);
  });

  it("speaks English when asked: the problem and the field error; the code speaks the other admin's language", async () => {
    const a = await business();
    const b = await business();
    const own = await api('POST', '/v1/locations/link-requests', a.session, { customerNumber: a.customerNumber, collectiveInvoice: false }, { 'accept-language': 'en' });
    expect(own.json.errors[0].message).toMatch(/your own account/);
    expect((await api('POST', '/v1/locations/return', a.session, undefined, { 'accept-language': 'en' })).json.title).toMatch(/not acting for a location/);
    await api('POST', '/v1/locations/link-requests', a.session, { customerNumber: b.customerNumber, collectiveInvoice: false }, { 'accept-language': 'en' });
    // B has no signup of its own: the tenant's default language, not the asker's.
    const [sms] = await codesTo(b.mobile);
    expect(sms!.text).toContain('Nur weitergeben, wenn Sie zustimmen');
  });

  it('open requests are listed for the admin who asked: newest per account, until used, locked or expired', async () => {
    const a = await business();
    const b = await business();
    const c = await business();
    const first = await ask(a, b.customerNumber);
    const forC = await ask(a, c.customerNumber, true);
    // A new request to the same account replaces the earlier code, and its messages say so.
    const second = await ask(a, b.customerNumber, true);
    const smsToB = await codesTo(b.mobile);
    expect(smsToB[0]!.text).not.toContain('gilt nicht mehr');
    expect(smsToB[1]!.text).toContain('Ein vorher gesendeter Code gilt nicht mehr.');
    expect((await emailsOf(t.db, tenant.id)).filter((m) => m.to === b.email).at(-1)!.text).toContain('der ältere Code gilt nicht mehr');
    // The collective invoice, when chosen, is in the SMS: one short clause.
    expect(smsToB[1]!.text).toContain('abgerechnet über die Sammelrechnung');
    expect(smsToB[0]!.text).not.toContain('Sammelrechnung');

    const list = await api('GET', '/v1/locations', a.session);
    expect(list.json.requests).toHaveLength(2);
    const byNumber = new Map(list.json.requests.map((r: any) => [r.account.customerNumber, r]));
    expect(byNumber.get(b.customerNumber)).toEqual({
      challengeId: second.json.challengeId,
      account: { customerNumber: b.customerNumber, displayName: b.company },
      collectiveInvoice: true,
      expiresAt: second.json.expiresAt,
      sentTo: second.json.sentTo,
      emailTo: second.json.emailTo,
    });
    expect(byNumber.get(c.customerNumber)).toMatchObject({ challengeId: forC.json.challengeId, collectiveInvoice: true });
    expect(list.text).not.toContain(first.json.challengeId);
    expect(list.text).not.toContain(c.mobile);

    // Locked after 5 wrong entries: gone; entered: gone.
    const pinC = await lastPin(t.db, tenant.id, c.mobile);
    for (let i = 0; i < 5; i++) await api('POST', `/v1/locations/link-requests/${forC.json.challengeId}/confirm`, a.session, { pin: wrongPin(pinC) });
    expect((await api('GET', '/v1/locations', a.session)).json.requests.map((r: any) => r.account.customerNumber)).toEqual([b.customerNumber]);
    const pinB = await lastPin(t.db, tenant.id, b.mobile);
    expect((await api('POST', `/v1/locations/link-requests/${second.json.challengeId}/confirm`, a.session, { pin: pinB })).status).toBe(200);
    expect((await api('GET', '/v1/locations', a.session)).json.requests).toEqual([]);

    // Not for anyone else: the asked account's admin, an acting session; and not once expired.
    const d = await business();
    await ask(a, d.customerNumber);
    expect((await api('GET', '/v1/locations', b.session)).json.requests).toEqual([]);
    expect((await api('GET', '/v1/locations', d.session)).json.requests).toEqual([]);
    const acting = (await api('POST', `/v1/locations/${b.accountId}/switch`, a.session)).json.token as string;
    expect((await api('GET', '/v1/locations', acting)).json.requests).toEqual([]);
    const back = (await api('POST', '/v1/locations/return', acting)).json.token as string;
    expect((await api('GET', '/v1/locations', back)).json.requests.map((r: any) => r.account.customerNumber)).toEqual([d.customerNumber]);
    t.clock.advance(24 * HOUR + 60_000);
    a.session = await browser(t, tenant).login(a);
    expect((await api('GET', '/v1/locations', a.session)).json.requests).toEqual([]);
  });

  it('the customer number as people type it: spaces, hyphens, dots, lower case', async () => {
    const a = await business();
    const b = await business();
    const typed = b.customerNumber.toLowerCase().replace(/^(..)(....)/, '$1 $2-').replace(/(.)$/, '.$1');
    expect(typed).not.toBe(b.customerNumber);
    const asked = await ask(a, typed);
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.account.customerNumber).toBe(b.customerNumber);
  });

  it('expires after 24 hours', async () => {
    const a = await business();
    const b = await business();
    const asked = await ask(a, b.customerNumber);
    const pin = await lastPin(t.db, tenant.id, b.mobile);
    t.clock.advance(24 * HOUR + 60_000);
    a.session = await browser(t, tenant).login(a);
    const late = await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, a.session, { pin });
    expect(late.status).toBe(410);
    expect(late.json.code).toBe('pin_expired');
  });
});

describe('limits', () => {
  it('per account asked for: 2 an hour per asking admin, 6 an hour whoever asks; one admin cannot block the real main admin', async () => {
    const b = await business();
    const askers = await Promise.all(Array.from({ length: 7 }, () => business()));
    // One admin asking again and again: the third within an hour waits…
    expect((await ask(askers[0]!, b.customerNumber)).status).toBe(202);
    expect((await ask(askers[0]!, b.customerNumber)).status).toBe(202);
    const third = await ask(askers[0]!, b.customerNumber);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const resent = await api('POST', `/v1/locations/link-requests/${(await t.db.select().from(pinChallenges).where(eq(pinChallenges.userId, askers[0]!.id)))[0]!.id}/resend`, askers[0]!.session);
    expect(resent.status).not.toBe(202);
    // …while others still get through, up to 6 codes an hour for the account.
    for (const a of askers.slice(1, 5)) expect((await ask(a, b.customerNumber)).status).toBe(202);
    const seventh = await ask(askers[5]!, b.customerNumber);
    expect(seventh.status).toBe(429);
    expect(await codesTo(b.mobile)).toHaveLength(6);
    // The account's own admin can still log in: the codes have counters of their own.
    expect(await browser(t, tenant).login(b)).toMatch(/^tk_ses_/);
  });

  it("per admin: codes are counted apart from the admin's own PINs, which keep working; 10 an hour at most", async () => {
    const a = await business();
    const order = await Promise.all(Array.from({ length: 11 }, () => business()));
    // Five codes in ten minutes, the PIN service's own limit for one kind: the sixth waits…
    for (const b of order.slice(0, 5)) expect((await ask(a, b.customerNumber)).status).toBe(202);
    const sixth = await ask(a, order[5]!.customerNumber);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBeTruthy();
    // …but the admin's login PIN is not held up by them.
    a.session = await browser(t, tenant).login(a);
    t.clock.advance(11 * 60_000);
    // The refused sixth counted too (every request does): four more, then the eleventh is refused.
    for (const b of order.slice(5, 9)) expect((await ask(a, b.customerNumber)).status).toBe(202);
    t.clock.advance(11 * 60_000);
    a.session = await browser(t, tenant).login(a);
    const eleventh = await ask(a, order[9]!.customerNumber);
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    // And still the login.
    expect(await browser(t, tenant).login(a)).toMatch(/^tk_ses_/);
  });
});

describe('enumeration', () => {
  it('every request counts against the admin, before the customer number is looked up: unknown numbers too', async () => {
    const a = await business();
    const b = await business();
    for (let i = 0; i < 10; i++) expect(fieldCode(await ask(a, `ZZ${900000 + i}`))).toBe('customerNumber:customer_number_unknown');
    // The eleventh, an existing account's, is refused without a word about it; so is another unknown one.
    const real = await ask(a, b.customerNumber);
    const unknown = await ask(a, 'ZZ999999');
    expect(real.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(real.text.replace(/"requestId":"[^"]*"/, '')).toBe(unknown.text.replace(/"requestId":"[^"]*"/, ''));
    expect(await codesTo(b.mobile)).toHaveLength(0);
  });

  it('limits of the location routes follow the user, not the session: a switch and a return do not reset them', async () => {
    const a = await business();
    const b = await business();
    await link(a, b);
    let session = a.session;
    let last = 0;
    // 60 switches an hour: each switch and return mints a new session, the counter stays the user's.
    for (let i = 0; i < 61; i++) {
      const switched = await api('POST', `/v1/locations/${b.accountId}/switch`, session);
      last = switched.status;
      if (switched.status !== 201) break;
      const back = await api('POST', '/v1/locations/return', switched.json.token);
      expect(back.status, back.text).toBe(201);
      session = back.json.token;
    }
    expect(last).toBe(429);
  });
});

describe('acting on a sub-account', () => {
  it('switch: a session on the sub-account, the banner data, the sub-account only; return: the main account again', async () => {
    const a = await business();
    const b = await business();
    const c = await business();
    await link(a, b);
    await link(a, c);
    // A co-user of the main account, which the acting session must not see.
    expect((await api('POST', '/v1/sub-users', a.session, coUserBody(coTariff))).status).toBe(201);

    const mainSession = a.session;
    const switched = await api('POST', `/v1/locations/${b.accountId}/switch`, a.session);
    expect(switched.status, switched.text).toBe(201);
    const acting = switched.json.token as string;
    expect(switched.json.user).toMatchObject({
      username: b.username,
      displayName: b.company,
      role: 'account_admin',
      account: { customerNumber: b.customerNumber },
      acting: { actor: { username: a.username, displayName: a.name }, mainAccount: { customerNumber: a.customerNumber, displayName: a.company } },
    });
    expect((await api('GET', '/v1/me', mainSession)).status).toBe(401);
    expect((await api('GET', '/v1/me', acting)).json).toEqual(switched.json.user);
    expect((await api('GET', '/v1/sessions/current', acting)).json.user).toEqual(switched.json.user);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.actingAccountId, b.accountId));
    expect(row).toMatchObject({ userId: a.id, actingAccountId: b.accountId });

    const list = await api('GET', '/v1/locations', acting);
    expect(list.json).toMatchObject({ position: 'sub', canManage: false, orders: [] });
    expect(list.json.accounts.map((l: any) => l.accountId)).toEqual([b.accountId]);
    expect(list.text).not.toContain(a.customerNumber);
    expect(list.text).not.toContain(c.customerNumber);

    // The sibling is out of reach, and so is managing anything.
    for (const [method, path, body] of [
      ['PATCH', `/v1/locations/${c.accountId}`, { collectiveInvoice: true }],
      ['DELETE', `/v1/locations/${c.accountId}`, undefined],
      ['PATCH', `/v1/locations/${b.accountId}`, { collectiveInvoice: true }],
      ['POST', '/v1/locations/link-requests', { customerNumber: c.customerNumber, collectiveInvoice: false }],
      ['POST', '/v1/locations/intents', { collectiveInvoice: false }],
    ] as const) {
      const res = await api(method, path, acting, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.code).toBe('acting_session');
    }
    for (const target of [c.accountId, b.accountId]) {
      const again = await api('POST', `/v1/locations/${target}/switch`, acting);
      expect(again.status).toBe(409);
      expect(again.json.code).toBe('already_acting');
    }
    // Login data is read-only while acting.
    for (const [method, path, body] of [
      ['PATCH', '/v1/me', { email: 'neu@firma.example' }],
      ['POST', '/v1/me/step-up', { password: PASSWORD }],
      ['POST', '/v1/me/password', { currentPassword: PASSWORD, newPassword: 'ein ganz neues Passwort' }],
      ['POST', '/v1/me/mobile/resend', { challengeId: '00000000-0000-4000-8000-000000000000' }],
      ['POST', '/v1/me/mobile/verify', { challengeId: '00000000-0000-4000-8000-000000000000', pin: '123456' }],
    ] as const) {
      const res = await api(method, path, acting, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.code).toBe('acting_session');
      expect(res.json.title).toMatch(/Standort/);
    }

    // Co-users are the sub-account's: added there, listed there, audited with actor and main account.
    expect((await api('GET', '/v1/sub-users', acting)).json.subUsers).toEqual([]);
    const added = await api('POST', '/v1/sub-users', acting, coUserBody(coTariff));
    expect(added.status, added.text).toBe(201);
    const [co] = await t.db.select().from(subUsers).where(eq(subUsers.id, added.json.id));
    expect(co!.accountId).toBe(b.accountId);
    expect((await api('GET', '/v1/sub-users', acting)).json.subUsers.map((s: any) => s.id)).toEqual([added.json.id]);
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, added.json.id), eq(auditEvents.action, 'sub_user.created')));
    expect(entry).toMatchObject({ actorId: a.id, accountId: b.accountId, actingForAccountId: a.accountId });
    const [switchedEntry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'location.switched'), eq(auditEvents.accountId, b.accountId)));
    expect(switchedEntry).toMatchObject({ actorId: a.id, actingForAccountId: a.accountId });

    // The audit log while acting: the sub-account's entries only.
    const log = await api('GET', '/v1/audit-events?limit=100', acting);
    expect(log.status).toBe(200);
    expect(new Set(log.json.events.map((e: any) => e.account))).toEqual(new Set([b.accountId]));

    // Back to the main account.
    const back = await api('POST', '/v1/locations/return', acting);
    expect(back.status, back.text).toBe(201);
    expect(back.json.user).toMatchObject({ username: a.username, acting: null });
    expect((await api('GET', '/v1/me', acting)).status).toBe(401);
    const main = back.json.token as string;
    expect((await api('GET', '/v1/me', main)).json.acting).toBeNull();
    const notActing = await api('POST', '/v1/locations/return', main);
    expect(notActing.status).toBe(409);
    expect(notActing.json.code).toBe('not_acting');
    const [returned] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'location.returned'), eq(auditEvents.actorId, a.id)));
    expect(returned).toMatchObject({ accountId: b.accountId, actingForAccountId: a.accountId });
    // The main admin's log covers its own account and its sub-accounts.
    const mainLog = new Set((await api('GET', '/v1/audit-events?limit=100', main)).json.events.map((e: any) => e.account));
    expect(mainLog.has(a.accountId) && mainLog.has(b.accountId)).toBe(true);
  });

  it("a sub-account's own admin sees only its own account, never the main account or a sibling", async () => {
    const a = await business();
    const b = await business();
    const c = await business();
    await link(a, b);
    await link(a, c);
    const list = await api('GET', '/v1/locations', b.session);
    expect(list.json).toMatchObject({ position: 'sub', canManage: false });
    expect(list.json.accounts.map((l: any) => l.accountId)).toEqual([b.accountId]);
    expect(list.text).not.toContain(a.customerNumber);
    expect(list.text).not.toContain(a.company);
    for (const [method, path, body] of [
      ['PATCH', `/v1/locations/${c.accountId}`, { collectiveInvoice: true }],
      ['DELETE', `/v1/locations/${c.accountId}`, undefined],
      ['POST', `/v1/locations/${c.accountId}/switch`, undefined],
      ['POST', `/v1/locations/${a.accountId}/switch`, undefined],
    ] as const) {
      expect((await api(method, path, b.session, body)).status, `${method} ${path}`).toBe(404);
    }
    const log = await api('GET', '/v1/audit-events?limit=100', b.session);
    expect(new Set(log.json.events.map((e: any) => e.account))).toEqual(new Set([b.accountId]));
    // Its own login stays its own: unchanged by the link.
    expect((await api('GET', '/v1/me', b.session)).json).toMatchObject({ username: b.username, acting: null });
  });

  it("audit log: a main admin reads a sub-account's entries only while linked, and its own acting ones always; logout while acting is the sub-account's", async () => {
    const a = await business();
    const b = await business();
    // Before the link: B's own login, not A's business.
    b.session = await browser(t, tenant).login(b);
    t.clock.advance(60_000);
    await link(a, b);
    const acting = (await api('POST', `/v1/locations/${b.accountId}/switch`, a.session)).json.token as string;
    const added = await api('POST', '/v1/sub-users', acting, coUserBody(coTariff));
    expect(added.status).toBe(201);
    // Logging out while acting: audited on the sub-account, naming the main account.
    expect((await api('DELETE', '/v1/sessions/current', acting)).status).toBe(204);
    const [logout] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'session.revoked'), eq(auditEvents.actorId, a.id)));
    expect(logout).toMatchObject({ accountId: b.accountId, actingForAccountId: a.accountId });
    a.session = await browser(t, tenant).login(a);
    // While linked: B's entries from the link on, not the login before it.
    const linkedLog = (await api('GET', '/v1/audit-events?limit=100', a.session)).json.events as any[];
    expect(linkedLog.filter((e) => e.account === b.accountId && e.action === 'login.succeeded')).toEqual([]);
    expect((await api('DELETE', `/v1/locations/${b.accountId}`, a.session)).status).toBe(200);
    t.clock.advance(60_000);
    // After the unlink: B's own login again, not A's business either.
    b.session = await browser(t, tenant).login(b);

    const log = (await api('GET', '/v1/audit-events?limit=100', a.session)).json.events as any[];
    const onB = log.filter((e) => e.account === b.accountId);
    expect(onB.some((e) => e.action === 'login.succeeded')).toBe(false);
    expect(onB.map((e) => e.action)).toEqual(expect.arrayContaining(['location.linked', 'location.switched', 'sub_user.created', 'session.revoked', 'location.unlinked']));
    // B's own admin sees A's entries on its account, without A's address.
    const own = (await api('GET', '/v1/audit-events?limit=100', b.session)).json.events as any[];
    const byA = own.filter((e) => e.actor.id === a.id);
    expect(byA.length).toBeGreaterThan(2);
    for (const e of byA) expect(e.ip, e.action).toBeNull();
    expect(own.find((e) => e.action === 'login.succeeded')!.ip).not.toBeNull();
  });

  it('unlinking ends the sessions acting on the account; the history stays', async () => {
    const a = await business();
    const b = await business();
    await link(a, b);
    const acting = (await api('POST', `/v1/locations/${b.accountId}/switch`, a.session)).json.token as string;
    expect((await api('GET', '/v1/sub-users', acting)).status).toBe(200);
    const again = await browser(t, tenant).login(a);
    const gone = await api('DELETE', `/v1/locations/${b.accountId}`, again);
    expect(gone.status, gone.text).toBe(200);
    expect(gone.json).toMatchObject({ accountId: b.accountId, collectiveInvoiceUntil: null });
    const after = await api('GET', '/v1/sub-users', acting);
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('session_expired');
    const [row] = await t.db.select().from(accountLinks).where(eq(accountLinks.subAccountId, b.accountId));
    expect(row).toMatchObject({ unlinkedBy: a.id });
    expect(row!.unlinkedAt).not.toBeNull();
    expect((await api('GET', '/v1/locations', again)).json).toMatchObject({ position: 'none', accounts: [{ accountId: a.accountId, role: 'main' }] });
    expect((await api('DELETE', `/v1/locations/${b.accountId}`, again)).status).toBe(404);
    // B's admin hears of it; B can be linked again.
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === b.email).at(-1)!;
    expect(mail.subject).toContain(a.company);
    a.session = again;
    await link(a, b);
  });

  it('a password change elsewhere and a logout end the acting session too', async () => {
    const a = await business();
    const b = await business();
    await link(a, b);
    const acting = (await api('POST', `/v1/locations/${b.accountId}/switch`, a.session)).json.token as string;
    // The same admin, logged in elsewhere, changes the password: every session of the admin ends, the acting one too.
    const elsewhere = await browser(t, tenant).login(a);
    const changed = await api('POST', '/v1/me/password', elsewhere, { currentPassword: PASSWORD, newPassword: 'a new password long enough' });
    expect(changed.status, changed.text).toBe(200);
    const after = await api('GET', '/v1/locations', acting);
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('session_expired');
    // Logging out of an acting session ends it (and there is no main session left to fall back to).
    const fresh = await browser(t, tenant).login({ ...a, password: 'a new password long enough' });
    const again = (await api('POST', `/v1/locations/${b.accountId}/switch`, fresh)).json.token as string;
    expect((await api('DELETE', '/v1/sessions/current', again)).status).toBe(204);
    expect((await api('GET', '/v1/sub-users', again)).status).toBe(401);
    expect((await api('GET', '/v1/locations', fresh)).status).toBe(401);
  });

  it('a session acting on an account that is no longer a live sub-account is refused (checked on every request)', async () => {
    const a = await business();
    const b = await business();
    await link(a, b);
    const acting = (await api('POST', `/v1/locations/${b.accountId}/switch`, a.session)).json.token as string;
    // The link ends behind the BFF's back (no session revoked): the scope check still holds.
    await t.db.update(accountLinks).set({ unlinkedAt: t.clock.now() }).where(eq(accountLinks.subAccountId, b.accountId));
    for (const path of ['/v1/me', '/v1/locations', '/v1/sub-users', '/v1/audit-events']) {
      const res = await api('GET', path, acting);
      expect(res.status, path).toBe(401);
      expect(res.json.code).toBe('session_expired');
    }
  });
});

describe('the collective invoice', () => {
  it('from the 1st of next month; the value in force again cancels the waiting change; unlinking keeps it to the end of the month', async () => {
    t.clock.set(new Date('2027-03-10T10:00:00Z'));
    const a = await business();
    const b = await business();
    const linked = await link(a, b, true);
    expect(linked.collectiveInvoice).toEqual({ current: false, next: true, from: '2027-04-01' });
    const patch = (value: boolean) => api('PATCH', `/v1/locations/${b.accountId}`, a.session, { collectiveInvoice: value });
    expect((await patch(false)).json.collectiveInvoice).toEqual({ current: false, next: false, from: null });
    expect((await patch(true)).json.collectiveInvoice).toEqual({ current: false, next: true, from: '2027-04-01' });
    t.clock.set(new Date('2027-04-02T10:00:00Z'));
    a.session = await browser(t, tenant).login(a);
    const list = await api('GET', '/v1/locations', a.session);
    expect(list.json.accounts[1].collectiveInvoice).toEqual({ current: true, next: true, from: null });
    expect((await patch(false)).json.collectiveInvoice).toEqual({ current: true, next: false, from: '2027-05-01' });
    const events = (await hooks()).filter((h) => h.event === 'location.invoice_changed' && (h.data as any).subAccountId === b.accountId);
    expect(events.map((e) => e.data)).toEqual([
      { mainAccountId: a.accountId, subAccountId: b.accountId, collectiveInvoice: false, from: null },
      { mainAccountId: a.accountId, subAccountId: b.accountId, collectiveInvoice: true, from: '2027-04-01' },
      { mainAccountId: a.accountId, subAccountId: b.accountId, collectiveInvoice: false, from: '2027-05-01' },
    ]);
    t.clock.set(new Date('2027-04-20T10:00:00Z'));
    a.session = await browser(t, tenant).login(a);
    const gone = await api('DELETE', `/v1/locations/${b.accountId}`, a.session);
    expect(gone.json.collectiveInvoiceUntil).toBe('2027-04-30');
    const unlinked = (await hooks()).find((h) => h.event === 'location.unlinked' && (h.data as any).subAccountId === b.accountId)!;
    expect(unlinked.data).toMatchObject({ collectiveInvoiceUntil: '2027-04-30' });
  });
});

describe('ordering a new location', () => {
  /** A main account that came from a business signup (so it has company data), its admin logged in. */
  async function mainFromSignup(): Promise<Admin> {
    const body: Record<string, any> = businessSignup();
    body.tariffId = bizTariff;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    body.contact.email = `main.${++ip}@firma.example`;
    body.invoiceAddress = { name: 'Firma Buchhaltung', address: { street: 'Rechnungsweg', houseNumber: '2', postalCode: '10115', city: 'Berlin', country: 'DE' } };
    const created = await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `192.0.2.${ip % 250}` } });
    expect(created.status, created.text).toBe(201);
    const token = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === body.contact.email).at(-1)!, '/confirm');
    expect((await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token } })).status).toBe(200);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.signupId, created.json.id));
    const [user] = await t.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.accountId, account!.id)).returning();
    const admin = { id: user!.id, username: user!.username, email: user!.email, mobile: user!.mobile!, password: PASSWORD, accountId: account!.id };
    return { ...admin, session: await browser(t, tenant).login(admin), customerNumber: account!.customerNumber, name: user!.displayName, company: account!.displayName };
  }

  const signupWith = (intent: string, email: string) => {
    const body: Record<string, any> = businessSignup();
    body.tariffId = bizTariff;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    body.company = { ...body.company, name: 'Filiale Nord GmbH', address: { street: 'Hafenstraße', houseNumber: '7', postalCode: '20457', city: 'Hamburg', country: 'DE' } };
    body.contact.email = email;
    body.locationIntent = intent;
    return call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `192.0.2.${++ip % 250}` } });
  };

  it("an intent with the main account's company data; the confirmed signup's account is linked; the token is stored nowhere", async () => {
    const a = await mainFromSignup();
    const minted = await api('POST', '/v1/locations/intents', a.session, { collectiveInvoice: true });
    expect(minted.status, minted.text).toBe(201);
    expect(minted.json.intent).toMatch(/^tk_lin_[A-Za-z0-9_-]{40,}$/);
    expect(minted.json.prefill).toEqual({
      company: { name: 'Gehörlosen Service AG', legalForm: 'ag', vatId: 'DE123456789', address: expect.objectContaining({ city: 'München' }) },
      invoiceAddress: { name: 'Firma Buchhaltung', address: expect.objectContaining({ street: 'Rechnungsweg' }) },
    });
    const email = `nord.${ip}@firma.example`;
    const created = await signupWith(minted.json.intent, email);
    expect(created.status, created.text).toBe(201);
    const [signup] = await t.db.select().from(signups).where(eq(signups.id, created.json.id));
    expect(JSON.stringify(signup!.data)).not.toContain(minted.json.intent);
    expect(signup!.data).not.toHaveProperty('locationIntent');
    const [intentRow] = await t.db.select().from(locationIntents).where(eq(locationIntents.signupId, created.json.id));
    expect(JSON.stringify(intentRow)).not.toContain(minted.json.intent);
    const dump = await t.db.execute(sql`select count(*)::int as n from signups where data::text like ${`%${minted.json.intent}%`}`);
    expect(JSON.stringify(dump)).toContain('"n":0');

    const pending = await api('GET', '/v1/locations', a.session);
    expect(pending.json.orders).toEqual([{ signupId: created.json.id, displayName: 'Filiale Nord GmbH', orderedAt: expect.any(String), collectiveInvoice: true }]);

    // Reused: refused, nothing stored.
    const reused = await signupWith(minted.json.intent, `nord2.${ip}@firma.example`);
    expect(reused.status).toBe(422);
    expect(fieldCode(reused)).toBe('locationIntent:location_intent_invalid');

    const token = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!, '/confirm');
    expect((await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token } })).status).toBe(200);
    const list = await api('GET', '/v1/locations', a.session);
    expect(list.json.position).toBe('main');
    expect(list.json.orders).toEqual([]);
    expect(list.json.accounts[1]).toMatchObject({
      displayName: 'Filiale Nord GmbH',
      role: 'sub',
      via: 'order',
      siteAddress: { street: 'Hafenstraße', houseNumber: '7', postalCode: '20457', city: 'Hamburg', country: 'DE' },
      collectiveInvoice: { current: false, next: true },
    });
    expect(list.json.accounts[0]).toMatchObject({ accountId: a.accountId, role: 'main', siteAddress: expect.objectContaining({ city: 'München' }) });
    const linked = (await hooks()).find((h) => h.event === 'location.linked' && (h.data as any).mainAccountId === a.accountId)!;
    expect(linked.data).toMatchObject({ via: 'order', collectiveInvoice: true });
    expect((await emailsOf(t.db, tenant.id)).filter((m) => m.to === a.email).at(-1)!.text).toContain('Filiale Nord GmbH');
  });

  it("the ordered location's confirmation e-mail says who ordered it; its ignore line names that admin", async () => {
    const a = await mainFromSignup();
    const intent = (await api('POST', '/v1/locations/intents', a.session, { collectiveInvoice: false })).json.intent;
    const email = `ordered.${ip}@firma.example`;
    expect((await signupWith(intent, email)).status).toBe(201);
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!;
    expect(mail.text).toContain(`${a.name} (${a.company}, Kundennummer ${a.customerNumber}) hat für Ihr Unternehmen einen neuen Standort bestellt`);
    expect(mail.text).toContain('dessen Administratoren für diesen Standort handeln können');
    expect(mail.text).toContain(`wenden Sie sich an ${a.name} (${a.company})`);
    expect(mail.text).not.toContain('Wenn Sie kein Konto eröffnet haben');
    expect((mail as any).templateId ?? mail.text).toBeTruthy();
    // A signup without an intent keeps the plain confirmation.
    const plain = `plain.${ip}@firma.example`;
    const body: Record<string, any> = businessSignup();
    body.tariffId = bizTariff;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    body.contact.email = plain;
    await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `192.0.2.${++ip % 250}` } });
    expect((await emailsOf(t.db, tenant.id)).filter((m) => m.to === plain).at(-1)!.text).not.toContain('Standort');
  });

  it("messages to the other account's admin speak its language (its signup's), not the caller's", async () => {
    const a = await business();
    const b = await mainFromSignup();
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, b.accountId));
    await t.db.update(signups).set({ locale: 'en' }).where(eq(signups.id, row!.signupId!));
    await link(a, b, true);
    const [sms] = await codesTo(b.mobile);
    expect(sms!.text).toContain('Only pass it on if you agree');
    expect(sms!.text).toContain('billed on the collective invoice');
    const toB = () => emailsOf(t.db, tenant.id).then((all) => all.filter((m) => m.to === b.email));
    expect((await toB()).at(-1)!.subject).toBe(`Your account is now a location of ${a.company}`);
    expect((await api('DELETE', `/v1/locations/${b.accountId}`, a.session)).status).toBe(200);
    expect((await toB()).at(-1)!.subject).toBe(`Your account is no longer a location of ${a.company}`);
  });

  it('a forged or expired intent is a field error; an intent whose main account became a sub-account links nothing', async () => {
    const a = await mainFromSignup();
    const forged = await signupWith(`tk_lin_${'x'.repeat(43)}`, `forged.${ip}@firma.example`);
    expect(forged.status).toBe(422);
    expect(fieldCode(forged)).toBe('locationIntent:location_intent_invalid');
    const old = (await api('POST', '/v1/locations/intents', a.session, { collectiveInvoice: false })).json.intent;
    t.clock.advance(24 * HOUR + 60_000);
    const expired = await signupWith(old, `expired.${ip}@firma.example`);
    expect(fieldCode(expired)).toBe('locationIntent:location_intent_invalid');

    a.session = await browser(t, tenant).login(a);
    const fresh = (await api('POST', '/v1/locations/intents', a.session, { collectiveInvoice: false })).json.intent;
    const email = `late.${ip}@firma.example`;
    const created = await signupWith(fresh, email);
    expect(created.status).toBe(201);
    await link(await business(), a);
    const token = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!, '/confirm');
    expect((await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token } })).status).toBe(200);
    const [intent] = await t.db.select().from(locationIntents).where(eq(locationIntents.signupId, created.json.id));
    expect(intent).toMatchObject({ outcome: 'not_linkable' });
    expect(await t.db.select().from(accountLinks).where(eq(accountLinks.mainAccountId, a.accountId))).toHaveLength(0);
  });
});

describe('webhooks and audit entries', () => {
  it('carry ids, customer numbers, dates and booleans: no names, no addresses, no codes', async () => {
    const a = await business();
    const b = await business();
    const asked = await ask(a, b.customerNumber, true);
    const pin = await lastPin(t.db, tenant.id, b.mobile);
    await api('POST', `/v1/locations/link-requests/${asked.json.challengeId}/confirm`, a.session, { pin });
    await api('PATCH', `/v1/locations/${b.accountId}`, a.session, { collectiveInvoice: false });
    await api('DELETE', `/v1/locations/${b.accountId}`, a.session);
    const events = (await hooks()).filter((h) => JSON.stringify(h.data).includes(b.accountId));
    expect(events.map((e) => e.event).sort()).toEqual(['location.invoice_changed', 'location.linked', 'location.unlinked']);
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, b.accountId));
    expect(trail.map((e) => e.action).sort()).toEqual(['location.invoice_changed', 'location.link_requested', 'location.linked', 'location.unlinked']);
    for (const text of [JSON.stringify(events), JSON.stringify(trail.map((e) => e.data))]) {
      for (const secret of [a.name, a.company, b.name, b.company, b.email, b.mobile, pin]) expect(text).not.toContain(secret);
    }
  });
});
