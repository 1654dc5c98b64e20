import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMove } from '../../contract/lifecycle.js';
import { signupLifecycle } from '../../contract/signup.js';
import { outbox, sepaMandates, signups, statusHistory, tariffs } from '../../bff/db/schema/index.js';
import { DAY, runDueJobs } from '../../bff/jobs/scheduler.js';
import { createLogger } from '../../bff/lib/logger.js';
import { expireOptIns, OPT_IN_DAYS, signupMachine } from '../../bff/domain/signups.js';
import { ApiError } from '../../bff/lib/errors.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'life');
});
afterAll(() => t.close());

async function newSignup() {
  const [tariff] = await t.db.select().from(tariffs).where(and(eq(tariffs.tenantId, tenant.id), eq(tariffs.code, `${tenant.name.replace('Tenant ', '')}-private`)));
  const body = privateSignup() as Record<string, any>;
  body.tariffId = tariff!.id;
  body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  body.person.email = `anna.${Math.random().toString(36).slice(2)}@example.com`; // each its own inbox (messaging budget)
  const res = await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250)}` } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const signupRow = async (id: string) => (await t.db.select().from(signups).where(eq(signups.id, id)))[0]!;
const outboxCount = async () => (await t.db.select().from(outbox).where(eq(outbox.tenantId, tenant.id))).length;

describe('lifecycles as data', () => {
  it('the transition table says which moves exist and who may make them', () => {
    expect(checkMove(signupLifecycle, 'pending_confirmation', 'confirmed', 'customer')).toBe('ok');
    expect(checkMove(signupLifecycle, 'pending_confirmation', 'confirmed', 'system')).toBe('forbidden');
    expect(checkMove(signupLifecycle, 'confirmed', 'pending_confirmation', 'operator')).toBe('illegal');
    expect(checkMove(signupLifecycle, 'expired', 'confirmed', 'customer')).toBe('illegal');
  });

  it('confirming a signup by its link is a transition: status, history row with actor and reason', async () => {
    const id = await newSignup();
    const mail = (await emailsOf(t.db, tenant.id)).at(-1)!;
    const res = await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token: tokenIn(mail, '/confirm') } });
    expect(res.json).toEqual({ status: 'confirmed', kind: 'signup' });
    expect((await signupRow(id)).status).toBe('confirmed');
    const history = await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, id));
    expect(history).toEqual([
      expect.objectContaining({ entity: 'signup', fromStatus: 'pending_confirmation', toStatus: 'confirmed', actorKind: 'customer', actorId: id, reason: 'link_redeemed', tenantId: tenant.id }),
    ]);
  });

  it('an illegal move is a 409 invalid_transition naming the current status, and changes nothing', async () => {
    const id = await newSignup();
    await t.db.transaction((tx) => signupMachine.transition(tx, { id, tenantId: tenant.id, status: 'pending_confirmation' }, 'expired', { actor: { kind: 'system' }, now: new Date(), reason: 'opt_in_expired' }));
    const before = { row: await signupRow(id), outbox: await outboxCount() };
    const attempt = t.db.transaction((tx) => signupMachine.transition(tx, { id, tenantId: tenant.id, status: 'expired' }, 'confirmed', { actor: { kind: 'customer', id }, now: new Date() }));
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'invalid_transition', options: { extensions: { currentStatus: 'expired' } } });
    expect(await signupRow(id)).toEqual(before.row);
    expect(await outboxCount()).toBe(before.outbox);
    expect(await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, id))).toHaveLength(1);
  });

  it('a move read from a stale status (a concurrent move won) is refused too', async () => {
    const id = await newSignup();
    const stale = { id, tenantId: tenant.id, status: 'pending_confirmation' as const };
    await t.db.transaction((tx) => signupMachine.transition(tx, stale, 'expired', { actor: { kind: 'system' }, now: new Date() }));
    const again = t.db.transaction((tx) => signupMachine.transition(tx, stale, 'confirmed', { actor: { kind: 'customer', id }, now: new Date() }));
    await expect(again).rejects.toBeInstanceOf(ApiError);
    expect((await signupRow(id)).status).toBe('expired');
  });

  it('an actor the table does not name may not make a move that exists', async () => {
    const id = await newSignup();
    const attempt = t.db.transaction((tx) => signupMachine.transition(tx, { id, tenantId: tenant.id, status: 'pending_confirmation' }, 'confirmed', { actor: { kind: 'operator' }, now: new Date() }));
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    expect((await signupRow(id)).status).toBe('pending_confirmation');
  });

  it('the API answers 410 link_expired for an expired signup\'s link, and sends nothing', async () => {
    const id = await newSignup();
    const mail = (await emailsOf(t.db, tenant.id)).at(-1)!;
    await t.db.transaction((tx) => signupMachine.transition(tx, { id, tenantId: tenant.id, status: 'pending_confirmation' }, 'expired', { actor: { kind: 'system' }, now: new Date() }));
    const before = await outboxCount();
    const res = await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, origin: tenant.origin, body: { token: tokenIn(mail, '/confirm') } });
    expect(res.status).toBe(410);
    expect(res.json.code).toBe('link_expired');
    expect(await outboxCount()).toBe(before);
  });

  it('the scheduled job expires signups unconfirmed after the opt-in period, deleting their bank details, once', async () => {
    const id = await newSignup();
    expect(await t.db.select().from(sepaMandates).where(eq(sepaMandates.signupId, id))).toHaveLength(1);
    const env = { nodeEnv: 'test' as const, publicUrl: 'http://localhost:8787', secret: 's'.repeat(40), outboxRetentionDays: 30 };
    const run = () => runDueJobs(t.db, t.clock, [expireOptIns], { log: createLogger('silent'), env });
    await run();
    expect((await signupRow(id)).status).toBe('pending_confirmation');
    t.clock.advance(OPT_IN_DAYS * DAY + 60_000);
    await run();
    expect((await signupRow(id)).status).toBe('expired');
    expect(await t.db.select().from(sepaMandates).where(eq(sepaMandates.signupId, id))).toEqual([]);
    const history = await t.db.select().from(statusHistory).where(eq(statusHistory.entityId, id));
    expect(history).toEqual([expect.objectContaining({ toStatus: 'expired', actorKind: 'system', reason: 'opt_in_expired' })]);
  });
});
