import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../bff/db/client.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { lastPin } from './helpers/outbox.js';
import { browser, seedUser, type TestUser } from './helpers/portal.js';

// Postgres only: real concurrent transactions on several connections. Link confirmations that conflict
// (a second main account, a chain, a cycle) must leave a valid one-level structure, never a 500.
let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'admin-password-long-enough';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'locations-pg');
});
afterAll(() => t?.close());

type Admin = TestUser & { accountId: string; customerNumber: string; session: string };

async function admins(n: number): Promise<Admin[]> {
  const out: Admin[] = [];
  for (let i = 0; i < n; i++) {
    const user = await seedUser(t.db, tenant, { password: PASSWORD });
    out.push({ ...user, session: await browser(t, tenant).login(user) });
  }
  return out;
}

/** Asks for each pair's code in turn; returns what confirming each would send. */
async function ask(pairs: [Admin, Admin][]) {
  const pending: { main: Admin; sub: Admin; challengeId: string; pin: string }[] = [];
  for (const [main, sub] of pairs) {
    const res = await browser(t, tenant).post('/v1/locations/link-requests', { customerNumber: sub.customerNumber, collectiveInvoice: true }, main.session);
    expect(res.status, res.text).toBe(202);
    pending.push({ main, sub, challengeId: res.json.challengeId, pin: await lastPin(t.db, tenant.id, sub.mobile) });
  }
  return pending;
}

const confirmAll = (pending: Awaited<ReturnType<typeof ask>>) =>
  Promise.all(pending.map((p) => browser(t, tenant).post(`/v1/locations/link-requests/${p.challengeId}/confirm`, { pin: p.pin }, p.main.session)));

/** Violations of the one-level structure among live links, by SQL. */
async function violations() {
  const q = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.db.execute(query))[0]!.n;
  return {
    subIsMain: await q(sql`select count(*)::int as n from account_links s join account_links m on m.main_account_id = s.sub_account_id
      where s.unlinked_at is null and m.unlinked_at is null and s.tenant_id = ${tenant.id}`),
    twoMains: await q(sql`select count(*)::int as n from (select sub_account_id from account_links where unlinked_at is null and tenant_id = ${tenant.id}
      group by sub_account_id having count(*) > 1) x`),
    self: await q(sql`select count(*)::int as n from account_links where main_account_id = sub_account_id`),
    notBusiness: await q(sql`select count(*)::int as n from account_links l join accounts a on a.id in (l.main_account_id, l.sub_account_id)
      where a.account_type <> 'business' or a.tenant_id <> l.tenant_id`),
  };
}
const liveLinks = async () => rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from account_links where unlinked_at is null and tenant_id = ${tenant.id}`))[0]!.n;

describe('link confirmations under concurrency', () => {
  it('20 conflicting confirmations at once (several mains for one sub, chains, cycles) leave one level, no 500', async () => {
    const [a, b, c, d, e, f, g] = await admins(7);
    // At most 3 codes per account asked for, at most 5 per asking admin (their limits).
    const pairs: [Admin, Admin][] = [
      [a!, b!], [a!, c!], [a!, d!], [a!, e!], [a!, g!],
      [b!, a!], [b!, c!], [b!, d!], [b!, f!],
      [c!, a!], [c!, b!], [c!, e!], [c!, f!],
      [d!, a!], [d!, e!], [d!, f!],
      [e!, b!], [e!, c!], [e!, d!],
      [f!, g!],
    ];
    const pending = await ask(pairs);
    const before = await liveLinks();
    const results = await confirmAll(pending);
    // A rule broken under the locks is a 409 naming it (`not_linkable`, or the caller's own `is_sub_account`), never a field error.
    for (const r of results) expect([200, 409], r.text).toContain(r.status);
    for (const r of results.filter((x) => x.status === 409)) expect(['not_linkable', 'is_sub_account']).toContain(r.json.code);
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeGreaterThan(0);
    expect((await liveLinks()) - before).toBe(ok);
    expect(await violations()).toEqual({ subIsMain: 0, twoMains: 0, self: 0, notBusiness: 0 });
  });

  it('chain and cycle attempts (X→Y, Y→Z, Z→X at once): exactly one links, every round', async () => {
    for (let round = 0; round < 5; round++) {
      const [x, y, z] = await admins(3);
      const results = await confirmAll(await ask([[x!, y!], [y!, z!], [z!, x!]]));
      expect(results.map((r) => r.status).filter((s) => s === 200), results.map((r) => r.text).join('\n')).toHaveLength(1);
      for (const r of results) expect([200, 409]).toContain(r.status);
    }
    expect(await violations()).toEqual({ subIsMain: 0, twoMains: 0, self: 0, notBusiness: 0 });
  });
});

describe('switch against unlink', () => {
  it('a switch racing an unlink never leaves a live session acting on an unlinked account', async () => {
    for (let round = 0; round < 10; round++) {
      const [main, sub] = await admins(2);
      const [p] = await ask([[main!, sub!]]);
      expect((await confirmAll([p!]))[0]!.status).toBe(200);
      // Two sessions of the main admin: one switches, the other unlinks, at the same moment.
      const other = await browser(t, tenant).login(main!);
      const [switched, unlinked] = await Promise.all([
        browser(t, tenant).post(`/v1/locations/${sub!.accountId}/switch`, {}, main!.session),
        call(t.app, 'DELETE', `/v1/locations/${sub!.accountId}`, { key: other, origin: tenant.origin }),
      ]);
      expect(unlinked.status, unlinked.text).toBe(200);
      expect([201, 404], switched.text).toContain(switched.status);
      const live = rowsOf<{ n: number }>(
        await t.db.execute(sql`select count(*)::int as n from sessions where acting_account_id = ${sub!.accountId} and revoked_at is null`),
      )[0]!.n;
      expect(live, `round ${round}`).toBe(0);
    }
  });
});
