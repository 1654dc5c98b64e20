import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { outbox, rateLimits, tariffs, users } from '../../bff/db/schema/index.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';
import { browser, seedUser, setPasswordToken, type TestUser } from './helpers/portal.js';

// The messaging budget (bff/domain/budget.ts): every SMS and e-mail, whatever the route.

let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'budget');
  // Early in a UTC day, so the day's counters hold for the whole test.
  const now = new Date();
  t.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 6)));
});
afterAll(() => t.close());

/** Messages the outbox holds for `to` (any tenant). */
async function sentTo(channel: 'email' | 'sms', to: string): Promise<number> {
  const rows = await t.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.channel, channel), sql`${outbox.payload} ->> 'to' = ${to}`));
  return rows.length;
}

const retryAfterOf = (res: { headers: Headers }) => Number(res.headers.get('retry-after'));

describe('SMS pumping', () => {
  const victim = '+4915199990001';

  /** One round over every PIN route towards the victim's number, each call from another client address. */
  async function pump(a: TestUser, b: TestUser, c: TestUser): Promise<{ status: number; retryAfter: number }[]> {
    const answers: { status: number; retryAfter: number }[] = [];
    const record = (res: { status: number; headers: Headers; json: any }) => {
      answers.push({ status: res.status, retryAfter: retryAfterOf(res) });
      return res;
    };
    // Login (account A has the victim's number) and resends.
    const login = record(await browser(t, tenant).post('/v1/sessions', { username: a.username, password: PASSWORD }));
    let challengeId = login.json?.challengeId;
    for (let i = 0; i < 3 && challengeId; i++) challengeId = record(await browser(t, tenant).post('/v1/sessions/resend', { challengeId })).json?.challengeId ?? challengeId;
    // Password setup (account B has the victim's number) and resends.
    const token = await setPasswordToken(t.db, tenant, b, t.clock.now());
    const setup = record(await browser(t, tenant).post('/v1/password-setup', { token, password: 'ein neues langes Passwort' }));
    challengeId = setup.json?.challengeId;
    for (let i = 0; i < 3 && challengeId; i++) challengeId = record(await browser(t, tenant).post('/v1/password-setup/resend', { challengeId })).json?.challengeId ?? challengeId;
    // Mobile change of account C to the victim's number, and resends.
    const session = await browser(t, tenant).login(c);
    expect((await browser(t, tenant).post('/v1/me/step-up', { password: PASSWORD }, session)).status).toBe(200);
    const change = record(await browser(t, tenant).patch('/v1/me', { mobile: victim }, session));
    challengeId = change.json?.challengeId;
    for (let i = 0; i < 3 && challengeId; i++) challengeId = record(await browser(t, tenant).post('/v1/me/mobile/resend', { challengeId }, session)).json?.challengeId ?? challengeId;
    return answers;
  }

  it('several accounts, one number, every PIN route: at most 5 SMS an hour and 10 a day reach it; refusals carry Retry-After', async () => {
    const [a, b, c] = [await seedUser(t.db, tenant, { password: PASSWORD }), await seedUser(t.db, tenant), await seedUser(t.db, tenant, { password: PASSWORD })];
    await t.db.update(users).set({ mobile: victim }).where(sql`${users.id} in (${a.id}, ${b.id})`);

    const first = await pump(a, b, c);
    expect(await sentTo('sms', victim)).toBe(5);
    const refused = first.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.retryAfter).toBeGreaterThan(0);

    t.clock.advance(2 * HOUR);
    await pump(a, b, c);
    expect(await sentTo('sms', victim)).toBe(10);

    t.clock.advance(2 * HOUR);
    const third = await pump(a, b, c);
    expect(await sentTo('sms', victim)).toBe(10); // the day's 10 are used up
    expect(third.some((r) => r.status === 429)).toBe(true);
  }, 60_000);

  it('an office helping 25 people from one address is not locked out: each gets a PIN and a resend', async () => {
    const office = browser(t, tenant);
    const people = await Promise.all(Array.from({ length: 25 }, () => seedUser(t.db, tenant, { password: PASSWORD })));
    for (const person of people) {
      const start = await office.post('/v1/sessions', { username: person.username, password: PASSWORD });
      expect(start.status).toBe(202);
      const resend = await office.post('/v1/sessions/resend', { challengeId: start.json.challengeId });
      expect(resend.status).toBe(202);
    }
    for (const person of people) expect(await sentTo('sms', person.mobile)).toBe(2);
  }, 60_000);

  it("the tenant's hourly SMS budget (SMS_BUDGET_PER_TENANT_HOUR) holds, with a warning at 80 %", async () => {
    const small = await seedTenant(t.db, 'budget-small');
    t.deps.env.smsBudgetPerTenantHour = 10;
    try {
      const people = await Promise.all(Array.from({ length: 11 }, () => seedUser(t.db, small, { password: PASSWORD })));
      const statuses: number[] = [];
      for (const person of people) statuses.push((await browser(t, small).post('/v1/sessions', { username: person.username, password: PASSWORD })).status);
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
      const warnings = t.logLines.filter((l) => l.includes('sms budget 80% used') && l.includes(small.id));
      expect(warnings).toHaveLength(1);
    } finally {
      delete t.deps.env.smsBudgetPerTenantHour;
    }
  }, 60_000);
});

describe('mail bombing', () => {
  let tariffId: string;
  beforeAll(async () => {
    const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
    tariffId = rows.find((r) => r.accountTypes.includes('private'))!.id;
  });

  let n = 0;
  const signUp = (email: string) => {
    const body: Record<string, any> = privateSignup();
    body.tariffId = tariffId;
    body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    body.person.email = email;
    return call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.${n >> 8}.${n++ % 256}` } });
  };

  it('70 signups to one address send at most 5 e-mails an hour and 10 a day; refusals carry Retry-After', async () => {
    const victim = 'bombed@example.com';
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await signUp(victim);
      statuses.push(res.status);
      if (res.status === 429) expect(retryAfterOf(res)).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    t.clock.advance(2 * HOUR);
    for (let i = 0; i < 25; i++) await signUp(victim);
    expect(await sentTo('email', victim)).toBe(10);
    t.clock.advance(2 * HOUR);
    for (let i = 0; i < 10; i++) expect((await signUp(victim)).status).toBe(429);
    expect(await sentTo('email', victim)).toBe(10);
  }, 120_000);

  it('concurrent signups to one address: the count holds (one atomic statement per send)', async () => {
    const victim = 'concurrent@example.com';
    const results = await Promise.all(Array.from({ length: 16 }, () => signUp(victim)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(await sentTo('email', victim)).toBe(5);
  }, 60_000);

  it('a password reset over budget answers exactly like one for an unknown name, and sends nothing', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const b = browser(t, tenant);
    const ask = (login: string) => b.post('/v1/password-resets', { login });
    for (let i = 0; i < 5; i++) expect((await ask(user.username)).status).toBe(202);
    expect(await sentTo('email', user.email)).toBe(5);
    const over = await ask(user.email); // another name for the same address: the route's per-name limit is not what stops it
    const unknown = await ask('niemand@example.com');
    expect(over.status).toBe(202);
    expect({ status: over.status, body: over.json }).toEqual({ status: unknown.status, body: unknown.json });
    expect(await sentTo('email', user.email)).toBe(5);
    const mails = await emailsOf(t.db, tenant.id);
    expect(mails.filter((m) => m.to === user.email)).toHaveLength(5);
  }, 60_000);

  it('sub-addresses share their mailbox\'s budget: victim+1@, victim+2@ … get at most 5 an hour together', async () => {
    for (let i = 1; i <= 7; i++) await signUp(`victim+${i}@mailbox.example`);
    const mails = (await emailsOf(t.db, tenant.id)).filter((m) => /^victim\+\d+@mailbox\.example$/.test(m.to));
    expect(mails).toHaveLength(5);
  }, 60_000);

  it('a number flooded with PINs still gets the notice that the e-mail address changed', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const owner = browser(t, tenant);
    const session = await owner.login(user); // PIN 1
    expect((await owner.post('/v1/me/step-up', { password: PASSWORD }, session)).status).toBe(200);
    expect((await owner.patch('/v1/me', { email: 'neu.notice@example.com' }, session)).status).toBe(202);
    // Someone else uses up the number's PIN budget (4 more PINs, then refusals).
    const start = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    let challengeId = start.json.challengeId;
    for (let i = 0; i < 4; i++) challengeId = (await browser(t, tenant).post('/v1/sessions/resend', { challengeId })).json?.challengeId ?? challengeId;
    expect(await sentTo('sms', user.mobile)).toBe(5);
    const link = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'neu.notice@example.com').at(-1)!, '/confirm');
    expect((await owner.post('/v1/confirmations', { token: link })).json.status).toBe('confirmed');
    expect(await sentTo('sms', user.mobile)).toBe(6); // the notice, on counters of its own
  }, 60_000);

  it('resets anyone may ask for do not use up the owner\'s login PINs, and dropped ones count nothing', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    // Two addresses, as a stranger could: 5 resets by username, 5 by e-mail address, then more.
    for (const login of [user.username, user.email]) {
      for (let i = 0; i < 5; i++) expect((await browser(t, tenant).post('/v1/password-resets', { login })).status).toBe(202);
    }
    // The owner still gets the login PIN.
    const login = await browser(t, tenant).post('/v1/sessions', { username: user.username, password: PASSWORD });
    expect(login.status).toBe(202);
    expect(await sentTo('sms', user.mobile)).toBe(1);
    // The five dropped resets counted nothing: the address's counter holds the five sent.
    const dest = createHash('sha256').update(user.email.toLowerCase()).digest('hex').slice(0, 32);
    const [counter] = await t.db.select({ hits: sql<number>`sum(${rateLimits.hits})::int` }).from(rateLimits).where(sql`${rateLimits.bucket} like ${`msg.link.to.h|${dest}|%`}`);
    expect(counter!.hits).toBe(5);
  }, 60_000);
});
