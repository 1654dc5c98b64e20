import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../bff/db/client.js';
import { accounts, outbox, statusHistory, subUsers, tariffs, users } from '../../bff/db/schema/index.js';
import { cancelDueSubUsers, expireSubUserOptIns } from '../../bff/domain/sub-users.js';
import type { JobEnv } from '../../bff/jobs/scheduler.js';
import { createLogger } from '../../bff/lib/logger.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';
import { browser, coUserBody, seedUser } from './helpers/portal.js';

// Postgres only: real concurrent transactions on several connections, and two workers on two pools.
let t: TestApp;
let second: Database;
let tenant: TestTenant;
let coTariff: string;

beforeAll(async () => {
  t = await createTestApp();
  second = openDatabase({ url: (t.database as { url?: string }).url!, poolSize: 5 });
  tenant = await seedTenant(t.db, 'subusers-pg');
  coTariff = (await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id))).find((r) => r.forSubUsers)!.id;
  // Every webhook is written to the outbox (one per subscribed endpoint): count them.
  await call(t.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'https://hooks.subusers-pg.example/telkit', eventTypes: ['*'] } });
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const env: JobEnv = { nodeEnv: 'test', publicUrl: 'http://localhost:8787', secret: 's'.repeat(40), outboxRetentionDays: 30 };
const log = createLogger('silent');

/** A new admin with a session (each its own messaging budget), and co-users added by it. */
async function adminWith(n: number) {
  const admin = await seedUser(t.db, tenant, { password: 'admin-password-long-enough' });
  const session = await browser(t, tenant).login(admin);
  const added: { id: string; email: string }[] = [];
  for (let i = 0; i < n; i++) {
    const res = await browser(t, tenant).post('/v1/sub-users', coUserBody(coTariff), session);
    expect(res.status, res.text).toBe(201);
    added.push({ id: res.json.id, email: res.json.email });
  }
  return { admin, session, added };
}

const confirmToken = async (email: string) => tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === email).at(-1)!, '/confirm');
const redeem = (token: string, n: number) =>
  call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token }, headers: { 'x-forwarded-for': `192.0.2.${n}` } });

const webhooks = async (type: string, ids: string[]) => {
  const rows = await t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.channel, 'webhook'), sql`${outbox.payload}->>'event' = ${type}`));
  return rows.filter((r) => ids.includes((r.payload as { data: { subUserId: string } }).data.subUserId));
};
const historyTo = async (status: string, ids: string[]) =>
  (await t.db.select({ n: count() }).from(statusHistory).where(and(inArray(statusHistory.entityId, ids), eq(statusHistory.toStatus, status))))[0]!.n;

describe('co-users under concurrency', () => {
  it('a double-clicked add (the same Idempotency-Key, in parallel) stores one co-user and sends one e-mail', async () => {
    const { session } = await adminWith(0);
    const body = coUserBody(coTariff);
    const send = () => call(t.app, 'POST', '/v1/sub-users', { key: session, origin: tenant.origin, body, headers: { 'idempotency-key': 'pg-double-click' } });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(await t.db.select().from(subUsers).where(eq(subUsers.email, body.email))).toHaveLength(1);
    expect((await emailsOf(t.db, tenant.id)).filter((m) => m.to === body.email)).toHaveLength(1);
  });

  it('two concurrent confirmations of one link create one account, one login and one credentials e-mail', async () => {
    const { added } = await adminWith(3);
    for (const [i, { id, email }] of added.entries()) {
      const token = await confirmToken(email);
      // Through the API and the BFF's own page at once, too.
      const results = await Promise.all([
        redeem(token, 10 + i),
        i === 2
          ? t.app.request('/confirm?lang=de', { method: 'POST', body: new URLSearchParams({ token }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '192.0.2.99' } })
          : redeem(token, 20 + i),
      ]);
      expect(results.every((r) => r.status === 200)).toBe(true);
      const [row] = await t.db.select().from(subUsers).where(eq(subUsers.id, id));
      expect(row!.status).toBe('active');
      expect(await t.db.select().from(accounts).where(eq(accounts.email, email))).toHaveLength(1);
      expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
      const mails = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === email);
      expect(mails.filter((m) => m.text.includes('/set-password?token='))).toHaveLength(1);
      expect(await historyTo('active', [id])).toBe(1);
      expect(await webhooks('sub_user.confirmed', [id])).toHaveLength(1);
    }
  });

  it('two workers running the end-of-term job at once end each due co-user exactly once', async () => {
    const { session, added } = await adminWith(8);
    const ids = added.map((a) => a.id);
    for (const [i, { id, email }] of added.entries()) {
      expect((await redeem(await confirmToken(email), 40 + i)).json.status).toBe('confirmed');
      const cancelled = await browser(t, tenant).post(`/v1/sub-users/${id}/cancel`, {}, session);
      expect(cancelled.status, cancelled.text).toBe(200);
    }
    const [{ endsOn }] = (await t.db.select({ endsOn: subUsers.endsOn }).from(subUsers).where(eq(subUsers.id, ids[0]!))) as [{ endsOn: string }];
    // Before the end date is over: nothing, from either worker.
    const lastDay = new Date(`${endsOn}T12:00:00Z`);
    await Promise.all([t.db, second.db].map((db) => cancelDueSubUsers.run({ db, now: lastDay, due: lastDay, log, env })));
    expect(await historyTo('cancelled', ids)).toBe(0);

    const after = new Date(lastDay.getTime() + 24 * 3_600_000);
    const runs = await Promise.all(
      [t.db, second.db, t.db, second.db].map((db) => cancelDueSubUsers.run({ db, now: after, due: after, log, env })),
    );
    const total = runs.reduce((sum, r) => sum + ((r as { cancelled: number }).cancelled ?? 0), 0);
    expect(total).toBe(ids.length);
    expect(await historyTo('cancelled', ids)).toBe(ids.length);
    expect(await webhooks('sub_user.cancelled', ids)).toHaveLength(ids.length);
    const rows = await t.db.select().from(subUsers).where(inArray(subUsers.id, ids));
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    const coAccounts = await t.db.select().from(accounts).where(inArray(accounts.id, rows.map((r) => r.coAccountId!)));
    expect(coAccounts.every((a) => a.status === 'cancelled' && a.sipDeactivatedAt !== null)).toBe(true);
    // A later run finds nothing.
    expect(await cancelDueSubUsers.run({ db: second.db, now: after, due: after, log, env })).toEqual({ cancelled: 0 });
  });

  it('two workers expiring unconfirmed co-users at once expire each exactly once', async () => {
    const { added } = await adminWith(6);
    const ids = added.map((a) => a.id);
    const later = new Date(Date.now() + 8 * 24 * 3_600_000);
    await Promise.all([t.db, second.db, t.db].map((db) => expireSubUserOptIns.run({ db, now: later, due: later, log, env })));
    expect(await historyTo('expired', ids)).toBe(ids.length);
    expect(await webhooks('sub_user.expired', ids)).toHaveLength(ids.length);
  });
  it('a confirmation racing a resend, a new address or a withdrawal waits for it: no deadlock, no 500, one outcome', async () => {
    // Three admins (the invitations of one account are limited to 30 an hour), twenty co-users each.
    const teams = await Promise.all([adminWith(20), adminWith(20), adminWith(20)]);
    const added = teams.flatMap((team) => team.added.map((a) => ({ ...a, session: team.session })));
    const tokens = await Promise.all(added.map((a) => confirmToken(a.email)));
    const pairs = await Promise.all(
      added.map(async (a, i) => {
        const admin = (method: string, path: string, body?: unknown) => call(t.app, method, path, { key: a.session, origin: tenant.origin, body });
        const other =
          i % 3 === 0
            ? admin('POST', `/v1/sub-users/${a.id}/resend`)
            : i % 3 === 1
              ? admin('PATCH', `/v1/sub-users/${a.id}`, { email: `race.${a.email}` })
              : admin('POST', `/v1/sub-users/${a.id}/cancel`, {});
        return Promise.all([redeem(tokens[i]!, 100 + i), other]);
      }),
    );
    for (const [confirmed, other] of pairs) {
      expect(confirmed.status, confirmed.text).toBeLessThan(500);
      expect(other.status, other.text).toBeLessThan(500);
    }
    // Each co-user ended in one state: confirmed (the change refused) or changed (the link then void).
    const rows = await t.db.select().from(subUsers).where(inArray(subUsers.id, added.map((a) => a.id)));
    for (const [i, [confirmed, other]] of pairs.entries()) {
      const row = rows.find((r) => r.id === added[i]!.id)!;
      if (confirmed.status === 200) {
        // Confirmed first: a cancellation after it schedules one; a resend or a new address is refused.
        expect(row.status).toBe(other.status === 200 ? 'cancellation_scheduled' : 'active');
      } else {
        // The change came first: the old link no longer confirms anything.
        expect(confirmed.status).toBe(410);
        expect(row.status).not.toBe('active');
      }
    }
  });


  it('a change that touches the links locks them before the co-user, in the order a confirmation takes (no deadlock)', async () => {
    const { session, added } = await adminWith(1);
    const [a] = added;
    let patch: ReturnType<typeof call> | undefined;
    await second.db.transaction(async (tx) => {
      // A confirmation holds the link and is about to lock the co-user's row…
      await tx.execute(sql`select id from email_links where subject_id = ${a!.id} and used_at is null for update`);
      patch = call(t.app, 'PATCH', `/v1/sub-users/${a!.id}`, { key: session, origin: tenant.origin, body: { email: `order.${a!.email}` } });
      await new Promise((r) => setTimeout(r, 300));
      // …and gets it: the change waits for the link first instead of holding the row (which would deadlock).
      expect(rowsOf(await tx.execute(sql`select id from sub_users where id = ${a!.id} for update nowait`))).toHaveLength(1);
    });
    const answer = await patch!;
    expect(answer.status, answer.text).toBe(200);
  });
});
