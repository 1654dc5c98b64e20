import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOrderNumbers, statusHistory, temporaryNumbers } from '../../bff/db/schema/index.js';
import { releaseTemporaryNumbers } from '../../bff/jobs/temporary-numbers.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf } from './helpers/outbox.js';
import { insertOrder } from './helpers/port-order-rows.js';
import { seedAgent, seedPorting } from './helpers/porting.js';
import type { TestUser } from './helpers/portal.js';

// Real concurrency (Postgres only): row locks and `skip locked` under parallel connections.
let t: TestApp;
let operator: TestTenant;
let reseller: TestTenant;
let agent: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  operator = await seedTenant(t.db, 'pg-op');
  reseller = await seedTenant(t.db, 'pg-res', { parentId: operator.id });
  await seedPorting(t.db, reseller, { pool: 250 });
  agent = await seedAgent(t.db, reseller);
});
afterAll(() => t.close());

describe('operator decisions under concurrency', () => {
  it('approve and reject at once: one wins, the other is a 409; one history row, one e-mail', async () => {
    const { order } = await insertOrder(t.db, reseller, agent);
    const results = await Promise.all([
      call(t.app, 'POST', `/v1/port-orders/${order.id}/approve`, { key: operator.secretKey, body: {} }),
      call(t.app, 'POST', `/v1/port-orders/${order.id}/reject`, { key: operator.secretKey, body: { reason: 'other', comment: 'nein' } }),
      call(t.app, 'POST', `/v1/port-orders/${order.id}/approve`, { key: operator.secretKey, body: {} }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, order.id))).toHaveLength(1);
    expect((await emailsOf(t.db, reseller.id)).filter((m) => m.subject.includes(order.reference))).toHaveLength(1);
  });

  it('four release workers at once free every line exactly once, in batches', async () => {
    // Lines an earlier test closed (a rejection that won its race) are released first: the count below is this test's.
    await releaseTemporaryNumbers.run({ db: t.db, now: new Date(), due: new Date(), log: t.deps.log, env: t.deps.env as never });
    const orders = [];
    for (let i = 0; i < 110; i++) orders.push(await insertOrder(t.db, reseller, agent, { status: i % 2 ? 'ported' : 'cancelled', numbers: ['+41 44 222 33 44', '+41 44 222 33 5x'] }));
    const now = new Date();
    const ctx = { db: t.db, now, due: now, log: t.deps.log, env: t.deps.env as never };
    const runs = await Promise.all([1, 2, 3, 4].map(() => releaseTemporaryNumbers.run(ctx)));
    expect(runs.reduce((sum, r) => sum + r!['released']!, 0)).toBe(220);
    const ids = orders.flatMap((o) => o.lines.map((l) => l.temporaryId!));
    const pool = await t.db.select().from(temporaryNumbers).where(inArray(temporaryNumbers.id, ids));
    expect(pool.every((p) => p.assignedTo === null && p.releasedAt !== null)).toBe(true);
    const lines = await t.db.select().from(portOrderNumbers).where(inArray(portOrderNumbers.orderId, orders.map((o) => o.order.id)));
    expect(lines.every((l) => l.temporaryReleasedAt !== null)).toBe(true);
  });
});
