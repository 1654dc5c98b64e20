import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, berlinDate, earliestEndDate, firstOfNextMonth, termEnd } from '../../contract/terms.js';
import { accounts, auditEvents, outbox, sessions, statusHistory, subUsers, tariffs, users } from '../../bff/db/schema/index.js';
import { applySubUserTariffChanges, cancelDueSubUsers, expireSubUserOptIns } from '../../bff/domain/sub-users.js';
import type { Job, JobEnv } from '../../bff/jobs/scheduler.js';
import { createLogger } from '../../bff/lib/logger.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import type { WebhookPayload } from '../../bff/messaging/outbox.js';
import { browser, coUserBody, seedUser, type TestUser } from './helpers/portal.js';

let t: TestApp;
let tenant: TestTenant;
let admin: TestUser & { accountId: string };
let session: string;
let coTariff: string;
let flexTariff: string;
let bizTariff: string;
const PASSWORD = 'admin-password-long-enough';
const CO_PASSWORD = 'Mitbenutzerin mit Ausdauer';

beforeAll(async () => {
  t = await createTestApp();
  // A fixed day, so that the dates (1st of next month, earliest end date) are known.
  t.clock.set(new Date('2026-11-22T10:00:00Z'));
  tenant = await seedTenant(t.db, 'subusers');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  coTariff = rows.find((r) => r.code.endsWith('-co'))!.id;
  flexTariff = rows.find((r) => r.code.endsWith('-co-flex'))!.id;
  bizTariff = rows.find((r) => r.accountTypes.includes('business'))!.id;
  admin = await seedUser(t.db, tenant, { password: PASSWORD });
  session = await browser(t, tenant).login(admin);
  // Webhooks are written to the outbox only for a subscribed endpoint.
  await call(t.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'https://hooks.subusers.example/telkit', eventTypes: ['*'] } });
});
afterAll(() => t.close());
// Each test two days later: the admin's messaging budget (10 link e-mails an hour, 30 a day) starts afresh,
// with a fresh login (a session lasts an hour).
beforeEach(async () => {
  t.clock.advance(2 * 24 * 60 * 60_000);
  await relogin();
});
const relogin = async () => {
  session = await browser(t, tenant).login(admin);
};

const MINUTE = 60_000;
const env: JobEnv = { nodeEnv: 'test', publicUrl: 'http://localhost:8787', secret: 's'.repeat(40), outboxRetentionDays: 30 };
const log = createLogger('silent');
const runJob = async (job: Job, now = t.clock.now()) => ((await job.run({ db: t.db, now, due: now, log, env })) ?? {}) as Record<string, number>;

let ip = 0;
/** A call of the admin's widget: the session, the tenant's origin, a client address of its own. */
const api = (method: string, path: string, body?: unknown, o: { session?: string; headers?: Record<string, string> } = {}) =>
  call(t.app, method, path, { key: o.session ?? session, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...o.headers } });

async function add(overrides: Record<string, unknown> = {}, o: { session?: string; headers?: Record<string, string> } = {}) {
  const body = coUserBody(coTariff, overrides);
  const res = await api('POST', '/v1/sub-users', body, o);
  expect(res.status, res.text).toBe(201);
  return { ...res.json, body } as Record<string, any>;
}

const mailsTo = async (to: string) => (await emailsOf(t.db, tenant.id)).filter((m) => m.to === to);
const countOf = async (table: typeof subUsers | typeof outbox) => (await t.db.select({ n: count() }).from(table).where(eq(table.tenantId, tenant.id)))[0]!.n;

/** The co-user confirms from the newest e-mail's link (as the widget `tk-confirm` does). */
async function confirm(email: string) {
  const token = tokenIn((await mailsTo(email)).at(-1)!, '/confirm');
  return call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token }, headers: { 'x-forwarded-for': `192.0.2.${++ip % 250}` } });
}

/** Added, confirmed, with a password set: the co-user as a TestUser that can log in. */
async function activeCoUser(overrides: Record<string, unknown> = {}) {
  const added = await add(overrides);
  expect((await confirm(added.body.email)).json).toEqual({ status: 'confirmed', kind: 'sub_user' });
  const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, added.id));
  const [user] = await t.db.select().from(users).where(eq(users.id, row!.userId!));
  const setToken = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/set-password');
  const b = browser(t, tenant);
  const start = await b.post('/v1/password-setup', { token: setToken, password: CO_PASSWORD });
  expect(start.status, start.text).toBe(202);
  const done = await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin: await lastPin(t.db, tenant.id, user!.mobile!) });
  expect(done.status, done.text).toBe(200);
  const coUser: TestUser = { id: user!.id, username: user!.username, email: user!.email, mobile: user!.mobile!, password: CO_PASSWORD };
  return { id: added.id as string, body: added.body, row: row!, user: coUser };
}

/** "31. Dezember 2026" → "2026-12-31": the end date read back from a German e-mail. */
function parseGermanDay(text: string): string {
  const months = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
  const m = /Vertragsende: (\d{1,2})\. (\p{L}+) (\d{4})/u.exec(text);
  if (!m) throw new Error(`no end date in: ${text}`);
  return `${m[3]}-${String(months.indexOf(m[2]!) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

describe('adding a co-user', () => {
  it('refuses each invalid field with a 422 naming it, and stores and sends nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ invoiceNote: 'x'.repeat(41) }, 'invoiceNote', 'invoice_note_too_long'],
      [{ invoiceNote: 'Kostenstelle 4711 – Vertrieb' }, 'invoiceNote', 'invoice_note_characters'],
      [{ invoiceNote: 'Budget 20 €' }, 'invoiceNote', 'invoice_note_characters'],
      [{ tariffId: bizTariff }, 'tariffId', 'tariff_not_for_sub_users'],
      [{ tariffId: '00000000-0000-4000-8000-000000000000' }, 'tariffId', 'tariff_unknown'],
      [{ email: 'erika.firma.example' }, 'email', 'invalid_email'],
      [{ mobile: '030 1234567' }, 'mobile', 'mobile_invalid'],
      [{ shoeSize: 42 }, '', 'unknown_field'],
    ];
    const [subUsersBefore, outboxBefore] = [await countOf(subUsers), await countOf(outbox)];
    for (const [overrides, path, code] of cases) {
      const res = await api('POST', '/v1/sub-users', coUserBody(coTariff, overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(422);
      expect(res.json.errors, JSON.stringify(overrides)).toEqual(expect.arrayContaining([expect.objectContaining({ code, message: expect.any(String) })]));
      if (path) expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const english = await api('POST', '/v1/sub-users', coUserBody(coTariff, { tariffId: bizTariff }), { headers: { 'accept-language': 'en' } });
    expect(english.json.errors[0].message).toMatch(/co-user/i);
    expect(await countOf(subUsers)).toBe(subUsersBefore);
    expect(await countOf(outbox)).toBe(outboxBefore);
  });

  it('stores a pending co-user, e-mails the opt-in link (7 days, who added them) and audits without personal data', async () => {
    const added = await add({ invoiceNote: 'Kostenstelle 4711' });
    expect(added).toMatchObject({
      status: 'pending_confirmation',
      email: added.body.email,
      mobile: expect.stringMatching(/^\+49 170 •+ \d\d$/),
      username: null,
      tariff: { id: coTariff },
      invoiceNote: 'Kostenstelle 4711',
      invoiceNoteFrom: firstOfNextMonth(berlinDate(t.clock.now())),
      resendAfter: 60,
      earliestEndDate: null,
    });
    expect(new Date(added.confirmationExpiresAt).getTime() - new Date(added.confirmationSentAt).getTime()).toBe(7 * 24 * 60 * MINUTE);
    const [mail] = await mailsTo(added.body.email);
    expect(mail!.subject).toContain('Firma');
    expect(mail!.text).toContain('7 Tage');
    expect(mail!.text).toMatch(/Max \w+ von Firma/);
    expect(mail!.html).toContain('/confirm?token=');
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, added.id), eq(auditEvents.action, 'sub_user.created')));
    expect(entry).toMatchObject({ actorKind: 'admin', actorId: admin.id, accountId: admin.accountId });
    expect(JSON.stringify(entry!.data)).not.toContain(added.body.email);
    expect(JSON.stringify(entry!.data)).not.toContain('Erika');
    const history = await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, added.id)).orderBy(asc(statusHistory.at), asc(statusHistory.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([[null, 'pending_confirmation']]);
  });

  it("setting up a team does not use up the admin's own messages: after ten adds the admin still logs in; the account's invitations have a limit of their own", async () => {
    const team = [];
    for (let i = 0; i < 10; i++) team.push(await add());
    // The admin's login PINs count on the admin's budget (10 an hour); the invitations must not.
    await relogin();
    expect((await api('GET', '/v1/sub-users')).status).toBe(200);
    // Two new addresses for each (the co-user's resends allow 3 an hour): 30 invitations of the account in the hour…
    for (const member of team) {
      for (let i = 0; i < 2; i++) {
        const changed = await api('PATCH', `/v1/sub-users/${member.id}`, { email: `team.${i}.${member.body.email}` });
        expect(changed.status, changed.text).toBe(200);
      }
    }
    // …then the 31st is refused with Retry-After, and nothing changes.
    const refused = await api('POST', '/v1/sub-users', coUserBody(coTariff));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countOf(subUsers)).toBeGreaterThan(0);
    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, team[0]!.id));
    expect(row!.email).toBe(`team.1.${team[0]!.body.email}`);
  });

  it('a double click (the same Idempotency-Key, in parallel) adds one co-user', async () => {
    const body = coUserBody(coTariff);
    const headers = { 'idempotency-key': 'add-twice-1' };
    const [a, b] = await Promise.all([api('POST', '/v1/sub-users', body, { headers }), api('POST', '/v1/sub-users', body, { headers })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).toBe(b.json.id);
    expect(await t.db.select().from(subUsers).where(eq(subUsers.email, body.email))).toHaveLength(1);
    expect(await mailsTo(body.email)).toHaveLength(1);
  });

  it('every e-mail goes through the link budget: the 11th link e-mail of a day to one address is refused, nothing stored', async () => {
    const email = `budget.${Date.now()}@firma.example`;
    // Five an hour, ten a day per address: two batches of five, hours apart.
    for (let i = 0; i < 5; i++) await add({ email });
    expect((await api('POST', '/v1/sub-users', coUserBody(coTariff, { email }))).status).toBe(429);
    t.clock.advance(2 * 60 * MINUTE);
    await relogin();
    for (let i = 0; i < 5; i++) await add({ email });
    t.clock.advance(2 * 60 * MINUTE);
    await relogin();
    const before = await countOf(subUsers);
    const refused = await api('POST', '/v1/sub-users', coUserBody(coTariff, { email }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countOf(subUsers)).toBe(before);
    expect(await mailsTo(email)).toHaveLength(10);
  });
});

describe('who may', () => {
  it('a co-user session, a private account\'s admin and a key get 403 on every route; another account\'s admin sees nothing', async () => {
    const victim = await add();
    const co = await activeCoUser();
    const coSession = await browser(t, tenant).login(co.user);
    const me = await api('GET', '/v1/me', undefined, { session: coSession });
    expect(me.json.role).toBe('co_user');
    expect((await api('GET', '/v1/audit-events', undefined, { session: coSession })).status).toBe(403);

    const privateAdmin = await seedUser(t.db, tenant, { password: PASSWORD, accountType: 'private' });
    const privateSession = await browser(t, tenant).login(privateAdmin);
    const routes: [string, string, unknown][] = [
      ['GET', '/v1/sub-users', undefined],
      ['POST', '/v1/sub-users', coUserBody(coTariff)],
      ['PATCH', `/v1/sub-users/${victim.id}`, { invoiceNote: 'fremd' }],
      ['POST', `/v1/sub-users/${victim.id}/resend`, undefined],
      ['POST', `/v1/sub-users/${victim.id}/cancel`, {}],
      ['POST', `/v1/sub-users/${victim.id}/withdraw-cancellation`, undefined],
    ];
    const before = await countOf(subUsers);
    for (const [method, path, body] of routes) {
      for (const key of [coSession, privateSession]) {
        const res = await api(method, path, body, { session: key });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.json.code).toBe('forbidden');
      }
      const secret = await call(t.app, method, path, { key: tenant.secretKey, body });
      expect(secret.status, `${method} ${path} with the secret key`).toBe(403);
    }
    expect(await countOf(subUsers)).toBe(before);

    const other = await seedUser(t.db, tenant, { password: PASSWORD });
    const otherSession = await browser(t, tenant).login(other);
    expect((await api('GET', '/v1/sub-users', undefined, { session: otherSession })).json).toEqual({ subUsers: [] });
    for (const [method, path, body] of routes.slice(2)) {
      const res = await api(method, path, body, { session: otherSession });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe('not_found');
    }
    const missing = await api('PATCH', '/v1/sub-users/00000000-0000-4000-8000-000000000000', { invoiceNote: 'x' }, { session: otherSession });
    expect(missing.json.code).toBe('not_found');
    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, victim.id));
    expect(row!.status).toBe('pending_confirmation');
    expect(row!.invoiceNote).toBeNull();
  });

  it('lists the account\'s co-users sorted by last name, then first name', async () => {
    const own = await seedUser(t.db, tenant, { password: PASSWORD });
    const ownSession = await browser(t, tenant).login(own);
    for (const [firstName, lastName] of [['Zoe', 'Adler'], ['Anna', 'Zander'], ['Bernd', 'Adler'], ['Ärmel', 'Özil']]) {
      await add({ firstName, lastName }, { session: ownSession });
    }
    const list = await api('GET', '/v1/sub-users', undefined, { session: ownSession });
    expect(list.json.subUsers.map((s: { firstName: string; lastName: string }) => `${s.lastName}, ${s.firstName}`)).toEqual(['Adler, Bernd', 'Adler, Zoe', 'Özil, Ärmel', 'Zander, Anna']);
  });
});

describe('confirmation', () => {
  it('makes an active co-user with an account of its own; credentials e-mail without a password; the admin is told; the co-user logs in', async () => {
    const added = await add({ firstName: 'Jörg', lastName: 'Groß-Lüdenscheid' });
    const token = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/confirm');
    const redeem = () => call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token } });
    const result = await redeem();
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ status: 'confirmed', kind: 'sub_user' });
    expect((await redeem()).json).toEqual({ status: 'already_confirmed', kind: 'sub_user' });

    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, added.id));
    const startsOn = berlinDate(t.clock.now());
    expect(row).toMatchObject({ status: 'active', startsOn });
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, row!.coAccountId!));
    expect(account).toMatchObject({ parentAccountId: admin.accountId, accountType: 'private', tariffId: coTariff, status: 'active' });
    expect(account!.username).toMatch(/^joerg\.gross-?luedenscheid\d*$/);
    expect(account!.sipAddress).toBe(`${account!.username}@sip.${tenant.name.replace('Tenant ', '')}.example`);
    const [user] = await t.db.select().from(users).where(eq(users.id, row!.userId!));
    expect(user).toMatchObject({ role: 'co_user', accountId: account!.id, passwordHash: null, username: account!.username });

    const credentials = (await mailsTo(added.body.email)).at(-1)!;
    expect(credentials.subject).toMatch(/eingerichtet/);
    for (const fact of [account!.username, account!.sipAddress!, account!.customerNumber, 'Jörg Groß-Lüdenscheid']) expect(credentials.text).toContain(fact);
    expect(credentials.text).toMatch(/\/set-password\?token=/);
    expect(credentials.text).not.toMatch(/passwor[dt]:\s*\S/i);
    expect(await mailsTo(added.body.email)).toHaveLength(2); // the opt-in and the credentials, once
    const notice = (await mailsTo(admin.email)).at(-1)!;
    expect(notice.subject).toBe('Jörg Groß-Lüdenscheid hat die Anmeldung als Mitbenutzer bestätigt');
    expect(notice.text).toContain(account!.customerNumber);

    const list = await api('GET', '/v1/sub-users');
    const shown = list.json.subUsers.find((s: { id: string }) => s.id === added.id);
    expect(shown).toMatchObject({
      status: 'active',
      username: account!.username,
      sipAddress: account!.sipAddress,
      customerNumber: account!.customerNumber,
      startsOn,
      // 12 months' minimum term from today: to the day before the same day next year.
      earliestEndDate: addDays(addMonths(startsOn, 12), -1),
    });

    // The co-user sets a password (PIN to the mobile) and logs in with username and PIN: a co_user.
    const setToken = tokenIn(credentials, '/set-password');
    const b = browser(t, tenant);
    const start = await b.post('/v1/password-setup', { token: setToken, password: CO_PASSWORD });
    expect(start.status).toBe(202);
    expect((await b.post('/v1/password-setup/verify', { challengeId: start.json.challengeId, pin: await lastPin(t.db, tenant.id, user!.mobile!) })).status).toBe(200);
    const coSession = await b.login({ id: user!.id, username: user!.username, email: user!.email, mobile: user!.mobile!, password: CO_PASSWORD });
    const me = await b.get('/v1/me', coSession);
    expect(me.json).toMatchObject({ role: 'co_user', username: account!.username, account: { customerNumber: account!.customerNumber } });
    // By e-mail address too.
    const byEmail = await b.post('/v1/sessions', { username: added.body.email, password: CO_PASSWORD });
    expect(byEmail.status).toBe(202);
  });

  it('a co-user sharing an address with another login is told to log in with the username', async () => {
    const added = await add({ email: admin.email });
    expect((await confirm(admin.email)).json.status).toBe('confirmed');
    const credentials = (await mailsTo(admin.email)).find((m) => /Zugang als Mitbenutzer/.test(m.subject) && m.text.includes(added.body.lastName));
    expect(credentials!.text).toContain('mit Ihrem Benutzernamen (Ihre E-Mail-Adresse nutzt auch ein anderer Zugang)');
    const alone = await add();
    expect((await confirm(alone.body.email)).json.status).toBe('confirmed');
    expect((await mailsTo(alone.body.email)).find((m) => /Zugang als Mitbenutzer/.test(m.subject))!.text).toContain('mit Benutzername oder E-Mail-Adresse');
  });

  it('the BFF\'s own confirm page leads on to setting the password, as for a signup', async () => {
    const added = await add();
    const token = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/confirm');
    // Opening the link asks the co-user in the co-user's words, not a signup's.
    const opened = await (await t.app.request(`/confirm?token=${token}&lang=de`)).text();
    expect(opened).toContain('<h1>Anmeldung als Mitbenutzer bestätigen</h1>');
    expect(opened).toContain('<button type="submit">Anmeldung bestätigen</button>');
    expect(opened).not.toContain('Kontoeröffnung');
    const res = await t.app.request('/confirm?lang=de', { method: 'POST', body: new URLSearchParams({ token }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/href="\/set-password\?token=[A-Za-z0-9_-]+&amp;lang=de"/);
    expect(html).toContain('Ihr Zugang ist eingerichtet');
    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, added.id));
    expect(row!.status).toBe('active');
  });
});

describe('resending the confirmation', () => {
  it('one a minute, at most 3 an hour per co-user (429 with Retry-After and when); older links stop working', async () => {
    const added = await add();
    const firstToken = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/confirm');
    const early = await api('POST', `/v1/sub-users/${added.id}/resend`);
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(early.json.detail).toMatch(/ab \d\d:\d\d/);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(61_000);
      const sent = await api('POST', `/v1/sub-users/${added.id}/resend`);
      expect(sent.status, sent.text).toBe(200);
      expect(sent.json).toMatchObject({ retryAfter: 60, subUser: { status: 'pending_confirmation', resendAfter: 60 } });
    }
    t.clock.advance(61_000);
    const fourth = await api('POST', `/v1/sub-users/${added.id}/resend`, undefined, { headers: { 'accept-language': 'en' } });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(fourth.json.detail).toMatch(/three times .* from \d{1,2}:\d\d/);
    expect(await mailsTo(added.body.email)).toHaveLength(4);

    const old = await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token: firstToken } });
    expect(old.status).toBe(410);
    expect(old.json.code).toBe('link_superseded');
    expect((await confirm(added.body.email)).json.status).toBe('confirmed');
    // Confirmed: nothing to resend.
    expect((await api('POST', `/v1/sub-users/${added.id}/resend`)).json.code).toBe('invalid_transition');
  });

  it('a link runs out after 7 days: the job expires the co-user; a resend brings it back', async () => {
    const added = await add();
    const token = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/confirm');
    const statusOf = async () => (await t.db.select().from(subUsers).where(eq(subUsers.id, added.id)))[0]!.status;
    await runJob(expireSubUserOptIns, new Date(t.clock.now().getTime() + 7 * 24 * 60 * MINUTE - MINUTE));
    expect(await statusOf()).toBe('pending_confirmation');
    t.clock.advance(7 * 24 * 60 * MINUTE);
    await relogin();
    expect((await runJob(expireSubUserOptIns)).expired).toBeGreaterThanOrEqual(1);
    expect(await statusOf()).toBe('expired');
    expect((await runJob(expireSubUserOptIns)).expired).toBe(0);
    const history = await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, added.id)).orderBy(asc(statusHistory.at), asc(statusHistory.id));
    expect(history.map((h) => h.toStatus)).toEqual(['pending_confirmation', 'expired']);
    const late = await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token } });
    expect(late.status).toBe(410);
    expect(late.json.code).toBe('link_expired');
    // The BFF's page says so too, without offering a new link: the admin sends one.
    const page = await t.app.request('/confirm?lang=de', { method: 'POST', body: new URLSearchParams({ token }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.status).toBe(410);
    const said = await page.text();
    expect(said).not.toContain('/confirm/resend');
    expect(said).toContain('Bitten Sie die Person, die Sie angemeldet hat, Ihnen im Kundenportal einen neuen Link zu senden.');
    expect((await call(t.app, 'POST', '/v1/confirmations/resend', { key: tenant.publishableKey, body: { token } })).status).toBe(404);
    const again = await api('POST', `/v1/sub-users/${added.id}/resend`);
    expect(again.status).toBe(200);
    expect(again.json.subUser.status).toBe('pending_confirmation');
    expect((await confirm(added.body.email)).json.status).toBe('confirmed');
  });
});

describe('changing a co-user', () => {
  it('the same address again is nothing to change; each new address counts against the 3 resends an hour', async () => {
    const added = await add();
    const same = await api('PATCH', `/v1/sub-users/${added.id}`, { email: added.body.email });
    expect(same.status).toBe(422);
    expect(same.json.errors).toEqual([expect.objectContaining({ path: 'email', code: 'nothing_to_change' })]);
    for (let i = 0; i < 3; i++) expect((await api('PATCH', `/v1/sub-users/${added.id}`, { email: `versuch.${i}.${added.body.email}` })).status).toBe(200);
    const fourth = await api('PATCH', `/v1/sub-users/${added.id}`, { email: `versuch.3.${added.body.email}` });
    expect(fourth.status).toBe(429);
    expect(fourth.json.detail).toMatch(/dreimal/);
    expect(await mailsTo(`versuch.3.${added.body.email}`)).toHaveLength(0);
  });

  it('a new e-mail address before confirmation restarts the opt-in; after it, 422 email_pending_only', async () => {
    const added = await add();
    const oldToken = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/confirm');
    const email = `neu.${Date.now()}@firma.example`;
    const changed = await api('PATCH', `/v1/sub-users/${added.id}`, { email: email.toUpperCase() });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ subUser: { email, status: 'pending_confirmation' }, effective: { email: true, tariff: null, invoiceNote: null } });
    expect((await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token: oldToken } })).json.code).toBe('link_superseded');
    expect(await mailsTo(email)).toHaveLength(1);
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, added.id), eq(auditEvents.action, 'sub_user.updated')));
    expect(entry!.data).toMatchObject({ fields: ['email'] });
    expect(JSON.stringify(entry!.data)).not.toContain(email);
    expect((await confirm(email)).json.status).toBe('confirmed');

    const late = await api('PATCH', `/v1/sub-users/${added.id}`, { email: 'spaeter@firma.example' });
    expect(late.status).toBe(422);
    expect(late.json.errors).toEqual([expect.objectContaining({ path: 'email', code: 'email_pending_only' })]);
    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, added.id));
    expect(row!.email).toBe(email);
  });

  it('the tariff changes from the 1st of next month, the invoice note from the next invoice; the job applies the tariff on its day', async () => {
    const co = await activeCoUser();
    const note = await api('PATCH', `/v1/sub-users/${co.id}`, { invoiceNote: 'Abteilung Süd' });
    expect(note.json).toMatchObject({ subUser: { invoiceNote: 'Abteilung Süd', invoiceNoteFrom: firstOfNextMonth(berlinDate(t.clock.now())) }, effective: { invoiceNote: firstOfNextMonth(berlinDate(t.clock.now())) } });
    const tooLong = await api('PATCH', `/v1/sub-users/${co.id}`, { invoiceNote: 'y'.repeat(41) });
    expect(tooLong.json.errors[0]).toMatchObject({ path: 'invoiceNote', code: 'invoice_note_too_long' });
    const cleared = await api('PATCH', `/v1/sub-users/${co.id}`, { invoiceNote: '' });
    expect(cleared.json.subUser.invoiceNote).toBeNull();

    const same = await api('PATCH', `/v1/sub-users/${co.id}`, { tariffId: coTariff });
    expect(same.json.errors).toEqual([expect.objectContaining({ path: 'tariffId', code: 'tariff_unchanged' })]);
    const notFor = await api('PATCH', `/v1/sub-users/${co.id}`, { tariffId: bizTariff });
    expect(notFor.json.errors).toEqual([expect.objectContaining({ path: 'tariffId', code: 'tariff_not_for_sub_users' })]);
    expect((await api('PATCH', `/v1/sub-users/${co.id}`, {})).json.errors[0].code).toBe('nothing_to_change');

    const from = firstOfNextMonth(berlinDate(t.clock.now()));
    const changed = await api('PATCH', `/v1/sub-users/${co.id}`, { tariffId: flexTariff });
    expect(changed.json).toMatchObject({ subUser: { tariff: { id: coTariff }, nextTariff: { id: flexTariff, from } }, effective: { tariff: from } });
    // The current tariff again withdraws the waiting change.
    const back = await api('PATCH', `/v1/sub-users/${co.id}`, { tariffId: coTariff });
    expect(back.json).toMatchObject({ subUser: { tariff: { id: coTariff }, nextTariff: null }, effective: { tariff: null } });
    await api('PATCH', `/v1/sub-users/${co.id}`, { tariffId: flexTariff });

    expect((await runJob(applySubUserTariffChanges, new Date(new Date(`${from}T00:00:00+01:00`).getTime() - MINUTE))).changed).toBe(0);
    expect((await runJob(applySubUserTariffChanges, new Date(`${from}T00:30:00+01:00`))).changed).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, co.id));
    expect(row).toMatchObject({ tariffId: flexTariff, nextTariffId: null, nextTariffFrom: null });
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, row!.coAccountId!));
    expect(account!.tariffId).toBe(flexTariff);
    // The new tariff has no minimum term, but the 12 months agreed with the old one still hold.
    expect(row!.committedUntil).toBe(termEnd(row!.startsOn!, 12));
    const listed = (await api('GET', '/v1/sub-users')).json.subUsers.find((x: { id: string }) => x.id === co.id);
    expect(listed.earliestEndDate).toBe(termEnd(row!.startsOn!, 12));
  });
});

describe('cancelling a co-user', () => {
  it('the earliest end date in the answer is the one stored and the one in the e-mail; too early is refused; withdraw makes it active', async () => {
    const co = await activeCoUser();
    const listed = (await api('GET', '/v1/sub-users')).json.subUsers.find((s: { id: string }) => s.id === co.id);
    const today = berlinDate(t.clock.now());
    const expected = earliestEndDate({ start: co.row.startsOn!, minimumTermMonths: 12, noticePeriodMonths: 1, received: today });
    expect(listed.earliestEndDate).toBe(expected);

    const early = await api('POST', `/v1/sub-users/${co.id}/cancel`, { endDate: today });
    expect(early.status).toBe(422);
    expect(early.json.errors).toEqual([expect.objectContaining({ path: 'endDate', code: 'end_date_too_early' })]);
    const late = await api('POST', `/v1/sub-users/${co.id}/cancel`, { endDate: addMonths(today, 61) });
    expect(late.json.errors).toEqual([expect.objectContaining({ path: 'endDate', code: 'end_date_too_late' })]);
    expect((await api('POST', `/v1/sub-users/${co.id}/cancel`, { endDate: '2027-02-30' })).status).toBe(422);

    const cancelled = await api('POST', `/v1/sub-users/${co.id}/cancel`, {}, { headers: { 'idempotency-key': `cancel-${co.id}` } });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json).toMatchObject({ endsOn: expected, earliestEndDate: expected, subUser: { status: 'cancellation_scheduled', cancellation: { endsOn: expected } } });
    expect(cancelled.json.reference).toMatch(/^[0-9A-F]{8}$/);
    const replay = await api('POST', `/v1/sub-users/${co.id}/cancel`, {}, { headers: { 'idempotency-key': `cancel-${co.id}` } });
    expect(replay.json.reference).toBe(cancelled.json.reference);
    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, co.id));
    expect(row).toMatchObject({ status: 'cancellation_scheduled', endsOn: expected });
    expect(row!.cancellationReceivedAt!.toISOString()).toBe(cancelled.json.receivedAt);

    const receipt = (await mailsTo(admin.email)).at(-1)!;
    expect(parseGermanDay(receipt.text)).toBe(expected);
    expect(receipt.text).toContain(cancelled.json.reference);
    expect(receipt.text).toContain(cancelled.json.subUser.customerNumber);
    expect(receipt.text).toMatch(/Eingang der Kündigung: \d{1,2}\. \p{L}+ \d{4} um \d\d:\d\d/u);
    expect(receipt.html).toContain(cancelled.json.reference);
    const told = (await mailsTo(co.body.email)).at(-1)!;
    expect(told.subject).toMatch(/endet am/);

    const withdrawn = await api('POST', `/v1/sub-users/${co.id}/withdraw-cancellation`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ status: 'active', cancellation: null, earliestEndDate: expected });
    expect((await mailsTo(admin.email)).at(-1)!.subject).toMatch(/zurückgenommen/);
    // The co-user, told its access would end, is told it continues.
    const continues = (await mailsTo(co.body.email)).at(-1)!;
    expect(continues.subject).toMatch(/bleibt bestehen/);
    expect(continues.text).toContain('Kündigung Ihres Zugangs als Mitbenutzer zurückgenommen');
    expect((await api('POST', `/v1/sub-users/${co.id}/withdraw-cancellation`)).status).toBe(409);
    const history = await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, co.id)).orderBy(asc(statusHistory.at), asc(statusHistory.id));
    expect(history.map((h) => h.toStatus)).toEqual(['pending_confirmation', 'active', 'cancellation_scheduled', 'active']);
  });

  it('a co-user not yet confirmed is cancelled at once; its link stops working', async () => {
    const added = await add();
    const token = tokenIn((await mailsTo(added.body.email)).at(-1)!, '/confirm');
    const res = await api('POST', `/v1/sub-users/${added.id}/cancel`, {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ endsOn: null, subUser: { status: 'cancelled', cancellation: null } });
    expect((await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token } })).status).toBe(410);
    expect((await api('PATCH', `/v1/sub-users/${added.id}`, { invoiceNote: 'x' })).json.code).toBe('invalid_transition');
    expect((await mailsTo(admin.email)).at(-1)!.text).toContain('kein Vertrag');
  });

  it('the end-of-term job: nothing before the end date; after it cancelled once, sessions revoked, SIP address off, login refused', async () => {
    const co = await activeCoUser();
    const coSession = await browser(t, tenant).login(co.user);
    const endsOn = (await api('POST', `/v1/sub-users/${co.id}/cancel`, {})).json.endsOn as string;
    const b = browser(t, tenant);
    // The last day itself is still a contract day (until midnight in Germany).
    const lastDayEvening = new Date(`${endsOn}T23:30:00+01:00`);
    expect((await runJob(cancelDueSubUsers, lastDayEvening)).cancelled).toBe(0);
    const nextMorning = new Date(`${endsOn}T23:59:59+01:00`).getTime() + 2 * 60 * MINUTE;
    t.clock.set(new Date(nextMorning - MINUTE));
    // A login under way at midnight: its PIN was sent before the job ran.
    const underWay = await b.post('/v1/sessions', { username: co.user.username, password: CO_PASSWORD });
    expect(underWay.status).toBe(202);
    // …and a client secret a partner's backend minted just before (valid 5 minutes).
    const early = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, body: { username: co.user.username, components: ['tk-profile'] } });
    expect(early.status).toBe(201);
    t.clock.set(new Date(nextMorning));
    expect((await runJob(cancelDueSubUsers)).cancelled).toBeGreaterThanOrEqual(1);
    const exchanged = await browser(t, tenant).post('/v1/embed-sessions/exchange', { clientSecret: early.json.clientSecret });
    expect(exchanged.status, exchanged.text).toBeGreaterThanOrEqual(400);
    expect(exchanged.json.token).toBeUndefined();
    const pin = await lastPin(t.db, tenant.id, co.user.mobile);
    const late = await b.post('/v1/sessions/verify', { challengeId: underWay.json.challengeId, pin });
    expect(late.status).toBe(401);
    expect(late.json.code).toBe('invalid_credentials');
    expect((await runJob(cancelDueSubUsers)).cancelled).toBe(0);

    const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, co.id));
    expect(row!.status).toBe('cancelled');
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, row!.coAccountId!));
    expect(account!.status).toBe('cancelled');
    expect(account!.sipDeactivatedAt).not.toBeNull();
    const live = await t.db.select().from(sessions).where(eq(sessions.userId, co.user.id));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    expect((await browser(t, tenant).get('/v1/me', coSession)).status).toBe(401);
    const history = await t.db.select().from(statusHistory).where(and(eq(statusHistory.entityId, co.id), eq(statusHistory.toStatus, 'cancelled')));
    expect(history).toHaveLength(1);
    expect(history[0]!.actorKind).toBe('system');

    // The login's generic failure, the same as a wrong password: no oracle.
    const login = await browser(t, tenant).post('/v1/sessions', { username: co.user.username, password: CO_PASSWORD });
    expect(login.status).toBe(401);
    expect(login.json.code).toBe('invalid_credentials');
    // Nor through a partner's backend.
    const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, body: { username: co.user.username, components: ['tk-profile'] } });
    expect(minted.status).toBe(404);
    // Too late to withdraw.
    await relogin();
    expect((await api('POST', `/v1/sub-users/${co.id}/withdraw-cancellation`)).status).toBe(409);
  });
});

describe('the trail and the languages', () => {
  it('every change writes an audit entry and fires a webhook, neither with the co-user\'s name or address', async () => {
    const co = await activeCoUser();
    await api('PATCH', `/v1/sub-users/${co.id}`, { invoiceNote: 'Team Nord', tariffId: flexTariff });
    await api('POST', `/v1/sub-users/${co.id}/cancel`, {});
    await api('POST', `/v1/sub-users/${co.id}/withdraw-cancellation`);
    const hooks = (await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'webhook'))))
      .map((r) => r.payload as WebhookPayload)
      .filter((p) => (p.data as { subUserId?: string }).subUserId === co.id);
    expect(hooks.map((h) => h.event).sort()).toEqual(
      ['sub_user.cancellation_scheduled', 'sub_user.cancellation_withdrawn', 'sub_user.confirmed', 'sub_user.created', 'sub_user.updated'].sort(),
    );
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, co.id));
    expect(trail.map((e) => e.action).sort()).toEqual(
      ['sub_user.cancellation_scheduled', 'sub_user.cancellation_withdrawn', 'sub_user.confirmed', 'sub_user.created', 'sub_user.updated'].sort(),
    );
    expect(trail.find((e) => e.action === 'sub_user.updated')!.data).toMatchObject({ fields: ['invoiceNote', 'tariff'] });
    for (const text of [JSON.stringify(hooks), JSON.stringify(trail.map((e) => e.data))]) {
      for (const personal of [co.body.email, co.body.lastName, `+49${co.body.mobile.replaceAll(' ', '').slice(1)}`]) expect(text).not.toContain(personal);
    }
    // The admin reads the trail of the account; the co-user's own login may not.
    const events = await api('GET', '/v1/audit-events?limit=100');
    expect(events.status).toBe(200);
    expect(events.json.events.some((e: { target: { id: string } | null }) => e.target?.id === co.id)).toBe(true);
  });

  it('speaks English to an English-speaking admin, in the e-mails too', async () => {
    const en = { 'accept-language': 'en' };
    const added = await add({}, { headers: en });
    const invitation = (await mailsTo(added.body.email)).at(-1)!;
    expect(invitation.subject).toMatch(/registered you as a co-user/);
    expect(invitation.text).toMatch(/valid for 7 days/);
    expect(invitation.html).toContain('lang="en"');
    expect((await confirm(added.body.email)).status).toBe(200);
    expect((await mailsTo(added.body.email)).at(-1)!.subject).toMatch(/co-user access .* is set up/);
    const cancelled = await api('POST', `/v1/sub-users/${added.id}/cancel`, {}, { headers: en });
    const receipt = (await mailsTo(admin.email)).at(-1)!;
    expect(receipt.subject).toMatch(/Cancellation of a co-user/);
    const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${cancelled.json.endsOn}T00:00:00Z`));
    expect(receipt.text).toContain(`Contract ends: ${day}`);
    expect(receipt.text).toContain(`Reference: ${cancelled.json.reference}`);
    const wrong = await api('PATCH', `/v1/sub-users/${added.id}`, { email: 'x@firma.example' }, { headers: en });
    expect(wrong.json.errors[0].message).toMatch(/only/i);
  });

  it('an embed session must have been minted for tk-sub-users', async () => {
    const mint = async (components: string[]) => {
      const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, body: { username: admin.username, components } });
      return (await browser(t, tenant).post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret })).json.token as string;
    };
    const profileOnly = await api('GET', '/v1/sub-users', undefined, { session: await mint(['tk-profile']) });
    expect(profileOnly.status).toBe(403);
    const subUsersSession = await api('GET', '/v1/sub-users', undefined, { session: await mint(['tk-sub-users']) });
    expect(subUsersSession.status).toBe(200);
    expect(subUsersSession.json.subUsers.length).toBeGreaterThan(0);
  });
});
