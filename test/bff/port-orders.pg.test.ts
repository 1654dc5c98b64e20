import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOrderNumbers, portOrders, portOrderWorkplaces, temporaryNumbers } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser } from './helpers/portal.js';
import { customerBody, portOrderBody, seedAgent, seedPorting } from './helpers/porting.js';

// Postgres only: real concurrent submissions, each its own transaction on its own connection.
let t: TestApp;
let operator: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-23T09:00:00Z'));
  operator = await seedTenant(t.db, 'op-pg');
});
afterAll(() => t?.close());

let ip = 0;
let n = 0;

/** A reseller with a pool of `pool` temporary numbers, an agent, and `count` drafts ready to submit (`lines` numbers each). */
async function resellerWithDrafts(pool: number, count: number, lineCount: number, sameNumbers = false) {
  const tenant = await seedTenant(t.db, `porting-pg-${pool}`, { parentId: operator.id });
  const { productId } = await seedPorting(t.db, tenant, { pool });
  const session = await browser(t, tenant).login(await seedAgent(t.db, tenant));
  const api = (method: string, path: string, body?: unknown) =>
    call(t.app, method, path, { key: session, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}` } });
  const customer = await api('POST', '/v1/customers', customerBody());
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const lines = sameNumbers
      ? ['044 211 11 11', '+41 44 212 00 0x'].slice(0, lineCount)
      : Array.from({ length: lineCount }, (_, j) => (j % 2 === 0 ? `044 ${String(300 + ++n).padStart(3, '0')} 12 34` : `+41 44 ${600 + ++n} 55 0x`));
    const created = await api('POST', '/v1/port-orders', portOrderBody(customer.json.id, productId, lines));
    expect(created.status, created.text).toBe(201);
    ids.push(created.json.id);
  }
  return { tenant, ids, submit: (id: string) => api('POST', `/v1/port-orders/${id}/submit`) };
}

describe('concurrent submissions (Postgres)', () => {
  it('50 at once never give one temporary number twice', async () => {
    const { tenant, ids, submit } = await resellerWithDrafts(120, 50, 2);
    const results = await Promise.all(ids.map((id) => submit(id)));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const lines = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.tenantId, tenant.id));
    expect(lines).toHaveLength(100);
    const temps = lines.map((l) => l.temporaryNumber);
    expect(temps.every(Boolean)).toBe(true);
    expect(new Set(temps).size).toBe(100);
    const assigned = await t.db.select().from(temporaryNumbers).where(and(eq(temporaryNumbers.tenantId, tenant.id), isNotNull(temporaryNumbers.assignedTo)));
    expect(assigned).toHaveLength(100);
    expect(new Set(assigned.map((a) => a.assignedTo)).size).toBe(100);
  });

  it("checks the customer's login names only once it holds the tenant's submission lock (a name taken meanwhile is seen)", async () => {
    const { tenant, ids, submit } = await resellerWithDrafts(5, 2, 1);
    const [a, b] = ids as [string, string];
    let pending: Promise<Awaited<ReturnType<typeof submit>>> | undefined;
    await t.db.transaction(async (tx) => {
      // Another submission of the tenant holds the lock and gives B's workplace A's login name.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`telkit:port-order-submit:${tenant.id}`}))`);
      const [taken] = await tx.select().from(portOrderWorkplaces).where(eq(portOrderWorkplaces.orderId, a));
      await tx.update(portOrderWorkplaces).set({ loginName: taken!.loginName }).where(eq(portOrderWorkplaces.orderId, b));
      pending = submit(a);
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    const res = await pending!;
    expect(res.status, res.text).toBe(422);
    expect(res.json.errors).toContainEqual(expect.objectContaining({ path: 'workplaces.rows.0.loginName', code: 'login_name_taken' }));
    expect((await t.db.select().from(portOrders).where(eq(portOrders.id, a)))[0]!.status).toBe('draft');
  });

  it('with a pool smaller than the demand, the rest get 409 temporary_pool_empty and keep their drafts untouched', async () => {
    const { tenant, ids, submit } = await resellerWithDrafts(30, 50, 1);
    const results = await Promise.all(ids.map((id) => submit(id)));
    const ok = results.filter((r) => r.status === 200);
    const empty = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(30);
    expect(empty).toHaveLength(20);
    expect(empty.every((r) => r.json.code === 'temporary_pool_empty')).toBe(true);
    const orders = await t.db.select().from(portOrders).where(eq(portOrders.tenantId, tenant.id));
    expect(orders.filter((o) => o.status === 'submitted')).toHaveLength(30);
    expect(orders.filter((o) => o.status === 'draft')).toHaveLength(20);
    const lines = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.tenantId, tenant.id));
    const draftIds = new Set(orders.filter((o) => o.status === 'draft').map((o) => o.id));
    expect(lines.filter((l) => draftIds.has(l.orderId)).every((l) => l.temporaryNumber === null)).toBe(true);
    const temps = lines.flatMap((l) => (l.temporaryNumber ? [l.temporaryNumber] : []));
    expect(temps).toHaveLength(30);
    expect(new Set(temps).size).toBe(30);
  });

  it('the same numbers in 20 drafts submitted at once: exactly one order gets them, the others are told `in_open_order`', async () => {
    const { tenant, ids, submit } = await resellerWithDrafts(100, 20, 2, true);
    const results = await Promise.all(ids.map((id) => submit(id)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r.json.code).toBe('numbers_flagged');
      expect(r.json.report.lines.map((l: { problems: { code: string }[] }) => l.problems.map((p) => p.code))).toEqual([['in_open_order'], ['in_open_order']]);
    }
    const orders = await t.db.select().from(portOrders).where(eq(portOrders.tenantId, tenant.id));
    expect(orders.filter((o) => o.status === 'submitted')).toHaveLength(1);
  });
});
