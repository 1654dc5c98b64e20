import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS } from '../../bff/domain/login.js';
import { auditEvents, rateLimits, users } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin } from './helpers/outbox.js';
import { seedUser } from './helpers/portal.js';

// Login limits (bff/domain/login.ts): counted before the password is checked, in a sliding hour, for
// unknown names as for known ones; the owner is told once when the account is throttled.

let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'login');
});
afterAll(() => t.close());

let client = 0;
/** A login attempt from its own client address: the per-address limit is not what these tests meet. */
const attempt = (username: string, password: string) =>
  call(t.app, 'POST', '/v1/sessions', {
    key: tenant.publishableKey,
    origin: tenant.origin,
    body: { username, password },
    headers: { 'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client++ & 255}` },
  });

/** `n` wrong passwords, `parallel` at a time; their statuses. */
async function wrong(username: string, n: number, parallel = 16): Promise<number[]> {
  const statuses: number[] = [];
  for (let done = 0; done < n; done += parallel) {
    const batch = await Promise.all(Array.from({ length: Math.min(parallel, n - done) }, (_, i) => attempt(username, `falsch ${done + i}`)));
    statuses.push(...batch.map((r) => r.status));
  }
  return statuses;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('login limits', () => {
  it('64 parallel wrong passwords never pass 100 checks; the owner is told once', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const now = t.clock.now();
    t.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours(), 20))); // mid-hour
    expect(count(await wrong(user.username, 50), 401)).toBe(50);
    const burst = await Promise.all(Array.from({ length: 64 }, (_, i) => attempt(user.username, `parallel ${i}`)));
    // Exactly the 50 checks left were made (each a 401 and an audited failure); the rest waited.
    expect(count(burst.map((r) => r.status), 401)).toBe(50);
    const locked = burst.filter((r) => r.status === 429);
    expect(locked).toHaveLength(14);
    for (const r of locked) {
      expect(r.json.code).toBe('account_locked');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const failures = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'login.failed'), eq(auditEvents.targetId, user.id)));
    expect(failures).toHaveLength(100);
    expect((await attempt(user.username, PASSWORD)).json.code).toBe('account_locked');
    // The refused attempts were not counted: the counter holds the 100 checks, so the lock ends with the hour.
    const [counter] = await t.db.select({ hits: sql<number>`sum(${rateLimits.hits})::int` }).from(rateLimits).where(sql`${rateLimits.bucket} like ${`${LOGIN_ATTEMPTS.name}|user:${user.id}|%`}`);
    expect(counter!.hits).toBe(100);

    const notices = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === user.email && m.templateId?.startsWith('login-throttled/'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toMatch(/fehlgeschlagene Anmeldeversuche/);
    expect(notices[0]!.text).toContain(user.username);
  }, 120_000);

  it('an unknown name is audited by a keyed hash: what was typed cannot be guessed back from the log', async () => {
    const typed = 'MeinGeheimesPasswort2026';
    expect((await attempt(typed, 'irgendwas')).status).toBe(401);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'login.failed'), eq(auditEvents.targetType, 'login_name'))).orderBy(desc(auditEvents.occurredAt)).limit(1);
    expect(event!.targetId).not.toBe(createHash('sha256').update(`${tenant.id}:${typed.toLowerCase()}`).digest('hex'));
    expect(JSON.stringify(event)).not.toContain(typed);
  });

  it('the hour slides: 100 failures just before the hour still count just after it', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const now = t.clock.now();
    t.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 9, 58)));
    expect(count(await wrong(user.username, 100), 401)).toBe(100);
    // 10:01: a fixed clock-hour window would start again from zero; the sliding hour still counts 98 of the 100.
    t.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 10, 1)));
    expect(count(await wrong(user.username, 20, 1), 401)).toBeLessThanOrEqual(2);
    const right = await attempt(user.username, PASSWORD);
    expect(right.status).toBe(429);
    expect(right.json.code).toBe('account_locked');
    t.clock.advance(Number(right.headers.get('retry-after')) * 1000);
    expect((await attempt(user.username, PASSWORD)).status).toBe(202);
  }, 120_000);

  it('unknown names get the same answers as known ones, account_locked included', async () => {
    const known = await seedUser(t.db, tenant, { password: PASSWORD });
    const a = await attempt(known.username, 'falsch');
    const b = await attempt('niemand.da', 'falsch');
    const answer = (r: typeof a) => ({ status: r.status, body: { ...r.json, requestId: undefined } });
    expect(answer(b)).toEqual(answer(a));
    expect(a.status).toBe(401);

    expect(count(await wrong('auch.niemand', 100), 401)).toBe(100);
    const locked = await attempt('auch.niemand', 'falsch');
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe('account_locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 120_000);

  it('the e-mail address works as login name, unless several users share it', async () => {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    const byEmail = await attempt(user.email.toUpperCase(), PASSWORD);
    expect(byEmail.status).toBe(202);
    expect(await lastPin(t.db, tenant.id, user.mobile)).toMatch(/^\d{6}$/);

    const first = await seedUser(t.db, tenant, { password: PASSWORD });
    const second = await seedUser(t.db, tenant, { password: PASSWORD });
    await t.db.update(users).set({ email: first.email }).where(eq(users.id, second.id));
    const shared = await attempt(first.email, PASSWORD);
    expect(shared.status).toBe(401);
    expect(shared.json.code).toBe('invalid_credentials');
    expect((await attempt(first.username, PASSWORD)).status).toBe(202);
  }, 60_000);
});
