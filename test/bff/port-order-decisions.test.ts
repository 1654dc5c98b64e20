import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejectReasons } from '../../contract/porting.js';
import { webhookEventSchema } from '../../contract/webhooks.js';
import { auditEvents, outbox, portOrderNumbers, portOrders, portOrderWorkplaces, statusHistory, temporaryNumbers, tenants } from '../../bff/db/schema/index.js';
import { zurichToUtc } from '../../bff/domain/port-order-decisions.js';
import { portOrderMachine } from '../../bff/domain/port-order-lifecycle.js';
import { releaseTemporaryNumbers } from '../../bff/jobs/temporary-numbers.js';
import type { EmailPayload, WebhookPayload } from '../../bff/messaging/outbox.js';
import { webhookTransport } from '../../bff/messaging/transports.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { readmeVerify, type Verify } from './helpers/readme-verify.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { startHttpSink } from './helpers/http-sink.js';
import { emailsOf } from './helpers/outbox.js';
import { insertOrder } from './helpers/port-order-rows.js';
import { seedAgent, seedPorting } from './helpers/porting.js';
import type { TestUser } from './helpers/portal.js';

let t: TestApp;
let verify: Verify;
let operator: TestTenant;
let reseller: TestTenant;
let stranger: TestTenant;
let agent: TestUser;
let sink: Awaited<ReturnType<typeof startHttpSink>>;
const secrets: Record<string, string> = {};

/** Monday 23 November 2026, 10:00 in Zurich. */
const NOW = new Date('2026-11-23T09:00:00Z');

beforeAll(async () => {
  [t, verify, sink] = await Promise.all([createTestApp(), readmeVerify(), startHttpSink()]);
  operator = await seedTenant(t.db, 'po-op');
  reseller = await seedTenant(t.db, 'po-res', { parentId: operator.id });
  stranger = await seedTenant(t.db, 'po-stranger');
  await seedPorting(t.db, reseller, { pool: 60 });
  agent = await seedAgent(t.db, reseller, { name: 'Paula Partner' });
  for (const tenant of [reseller, operator]) {
    const created = await call(t.app, 'POST', '/v1/webhook-endpoints', {
      key: tenant.secretKey,
      body: { url: `${sink.url}?tenant=${tenant.id}`, eventTypes: ['port_order.status_changed'] },
    });
    expect(created.status).toBe(201);
    secrets[tenant.id] = created.json.secret;
  }
});
afterAll(async () => {
  await sink.close();
  await t.close();
});
beforeEach(() => t.clock.set(NOW));
/** The test clock keeps running: a time stamped by a request is NOW plus the test's run time. */
const near = (at: Date | null) => at !== null && Math.abs(at.getTime() - NOW.getTime()) < 10_000;

const decide = (id: string, action: string, body: unknown = {}, key = operator.secretKey, headers: Record<string, string> = {}) =>
  call(t.app, 'POST', `/v1/port-orders/${id}/${action}`, { key, body, headers });

const historyOf = (id: string) => t.db.select().from(statusHistory).where(eq(statusHistory.entityId, id)).orderBy(asc(statusHistory.at));
const auditOf = (id: string) => t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
const mailsAbout = async (reference: string) => (await emailsOf(t.db, reseller.id)).filter((m) => m.subject.includes(reference));

/** Delivers what is due, and returns the webhooks the sink received about `orderId`. */
async function deliveredAbout(orderId: string) {
  const worker = createWorker({ db: t.db, transports: { webhook: webhookTransport({ allowPrivate: true }) }, clock: t.clock, log: t.deps.log, secret: t.deps.env.secret, batchSize: 100 });
  t.clock.advance(1000);
  for (let i = 0; i < 5; i++) await worker.runOnce();
  return sink.requests.filter((r) => JSON.parse(r.body).data.orderId === orderId);
}

describe('each operator decision', () => {
  it('approve: 200 with the status in words, a history row, the agent e-mail, a verified webhook to reseller and operator, an audit entry', async () => {
    const { order } = await insertOrder(t.db, reseller, agent);
    const res = await decide(order.id, 'approve', {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: order.id, reference: order.reference, status: 'approved', statusText: 'Freigegeben', statusDescription: expect.stringContaining('Portierungstermin'), scheduledAt: null });
    // The whole order: its history ends with this move, and the operator's next step is offered.
    expect(res.json.history.at(-1)).toMatchObject({ from: 'submitted', to: 'approved', actor: { kind: 'operator', name: operator.name } });
    expect(res.json.actions).toContain('schedule');

    const history = await historyOf(order.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ entity: 'port_order', fromStatus: 'submitted', toStatus: 'approved', actorKind: 'operator' });
    expect(history[0]!.actorId).toBeTruthy();

    const [mail] = await mailsAbout(order.reference);
    expect(mail!.to).toBe(agent.email);
    expect(mail!.subject).toBe(`Portierungsauftrag ${order.reference} (Schmiedeisen AG): Freigegeben`);
    expect(mail!.text).toContain('Guten Tag Paula Partner,');
    expect(mail!.text).toContain('Der Anbieter hat den Auftrag freigegeben');
    expect(mail!.text).toContain('Wie es weitergeht:');
    expect(mail!.text).toContain('+41 44 123 45 67');
    expect(mail!.from).toMatchObject({ address: expect.stringContaining(reseller.name.replace('Tenant ', '')) });

    const [entry] = await auditOf(order.id);
    expect(entry).toMatchObject({ tenantId: reseller.id, action: 'port_order.approved', actorKind: 'operator', targetType: 'port_order', data: { reference: order.reference, from: 'submitted', to: 'approved', reason: null } });

    const hooks = await deliveredAbout(order.id);
    expect(hooks).toHaveLength(2);
    const rows = await t.db.select().from(outbox).where(and(eq(outbox.channel, 'webhook'), inArray(outbox.tenantId, [reseller.id, operator.id])));
    for (const hook of hooks) {
      const row = rows.find((r) => r.id === hook.headers['telkit-message-id'])!;
      const header = String(hook.headers['telkit-signature']);
      const t0 = Number(/t=(\d+)/.exec(header)![1]);
      expect(verify(secrets[row.tenantId]!, header, hook.body, t0)).toBe(true);
      expect(verify(secrets[row.tenantId === reseller.id ? operator.id : reseller.id]!, header, hook.body, t0)).toBe(false);
      const event = webhookEventSchema.parse(JSON.parse(hook.body));
      expect(event.type).toBe('port_order.status_changed');
      expect(event.data).toEqual({ orderId: order.id, reference: order.reference, tenantId: reseller.id, customerId: order.customerId, from: 'submitted', to: 'approved', reason: null, scheduledAt: null, at: history[0]!.at.toISOString() });
    }
    expect(new Set(rows.filter((r) => hooks.some((h) => h.headers['telkit-message-id'] === r.id)).map((r) => r.tenantId))).toEqual(new Set([reseller.id, operator.id]));
  });

  it('clarify: the comment reaches the agent verbatim (escaped in HTML), never the webhook', async () => {
    const { order } = await insertOrder(t.db, reseller, agent, { company: 'Bäckerei <Huber> & Söhne' });
    const comment = 'Bitte die <b>Vollmacht</b> neu & mit "beiden" Unterschriften hochladen.';
    const res = await decide(order.id, 'clarify', { comment });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('clarification_needed');
    const [mail] = await mailsAbout(order.reference);
    expect(mail!.subject).toBe(`Portierungsauftrag ${order.reference} (Bäckerei <Huber> & Söhne): Rückfrage`);
    expect(mail!.text).toContain(`Kommentar des Anbieters:\n\n${comment}`);
    expect(mail!.text).toContain('reichen Sie ihn erneut ein');
    expect(mail!.html).toContain('Bitte die &#60;b&#62;Vollmacht&#60;/b&#62; neu &#38; mit &#34;beiden&#34; Unterschriften hochladen.');
    expect(mail!.html).not.toContain('<b>Vollmacht</b>');
    expect(mail!.html).toContain('Bäckerei &#60;Huber&#62; &#38; Söhne');
    const [history] = await historyOf(order.id);
    expect(history).toMatchObject({ toStatus: 'clarification_needed', comment });
    const hooks = await deliveredAbout(order.id);
    expect(hooks).toHaveLength(2);
    for (const hook of hooks) expect(hook.body).not.toContain('Vollmacht');
    const [entry] = await auditOf(order.id);
    expect(entry!.action).toBe('port_order.clarification_needed');
    expect(JSON.stringify(entry!.data)).not.toContain('Vollmacht');
  });

  it('reject: the reason in words and the comment; the order is closed, its numbers cancelled', async () => {
    const { order } = await insertOrder(t.db, reseller, agent, { status: 'clarification_needed' });
    const res = await decide(order.id, 'reject', { reason: 'signature_missing', comment: 'Die Vollmacht fehlt seit 3 Wochen.' });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('rejected');
    const [row] = await t.db.select().from(portOrders).where(eq(portOrders.id, order.id));
    expect(near(row!.closedAt)).toBe(true);
    const lines = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, order.id));
    expect(lines.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
    const [mail] = await mailsAbout(order.reference);
    expect(mail!.subject).toContain('Abgelehnt');
    expect(mail!.text).toContain('Grund: Unterschriebene Vollmacht fehlt');
    expect(mail!.text).toContain('Die Vollmacht fehlt seit 3 Wochen.');
    const [history] = await historyOf(order.id);
    expect(history).toMatchObject({ fromStatus: 'clarification_needed', toStatus: 'rejected', reason: 'signature_missing' });
    const [entry] = await auditOf(order.id);
    expect(entry!.data).toEqual({ reference: order.reference, from: 'clarification_needed', to: 'rejected', reason: 'signature_missing' });
    const hooks = await deliveredAbout(order.id);
    expect(hooks.map((h) => JSON.parse(h.body).data)).toEqual([
      expect.objectContaining({ from: 'clarification_needed', to: 'rejected', reason: 'signature_missing' }),
      expect.objectContaining({ from: 'clarification_needed', to: 'rejected', reason: 'signature_missing' }),
    ]);
  });

  it('schedule: the Zurich time in UTC (winter and summer), in the e-mail with the cancellation deadline', async () => {
    const { order } = await insertOrder(t.db, reseller, agent, { status: 'approved' });
    const res = await decide(order.id, 'schedule', { date: '2026-12-14', time: '09:30' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'scheduled', statusText: 'Termin bestätigt', scheduledAt: '2026-12-14T08:30:00.000Z' });
    const [mail] = await mailsAbout(order.reference);
    expect(mail!.text).toContain('Portierungstermin: Montag, 14. Dezember 2026 um 09:30 Uhr (Schweizer Zeit)');
    expect(mail!.text).toContain('bis Samstag, 12. Dezember 2026 um 09:30 Uhr');
    expect((await historyOf(order.id))[0]).toMatchObject({ toStatus: 'scheduled' });
    expect((await auditOf(order.id))[0]!.action).toBe('port_order.scheduled');
    expect(await deliveredAbout(order.id)).toHaveLength(2);

    t.clock.set(new Date('2027-03-01T09:00:00Z'));
    const summer = await insertOrder(t.db, reseller, agent, { status: 'approved' });
    const later = await decide(summer.order.id, 'schedule', { date: '2027-04-01', time: '17:00' });
    expect(later.json.scheduledAt).toBe('2027-04-01T15:00:00.000Z');
  });

  it('the DST change days convert right', () => {
    expect(zurichToUtc('2027-03-28', '10:00').toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(zurichToUtc('2027-03-27', '10:00').toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(zurichToUtc('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(zurichToUtc('2026-10-24', '10:00').toISOString()).toBe('2026-10-24T08:00:00.000Z');
  });

  it('complete: numbers ported, order closed; fail: the reason in words, numbers failed', async () => {
    const done = await insertOrder(t.db, reseller, agent, { status: 'scheduled', scheduledAt: NOW });
    const completed = await decide(done.order.id, 'complete', {});
    expect(completed.status).toBe(200);
    expect(completed.json.status).toBe('ported');
    const lines = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, done.order.id));
    expect(lines.map((l) => l.status)).toEqual(['ported', 'ported']);
    expect(near((await t.db.select().from(portOrders).where(eq(portOrders.id, done.order.id)))[0]!.closedAt)).toBe(true);
    expect((await mailsAbout(done.order.reference))[0]!.subject).toContain('Portiert');
    expect((await historyOf(done.order.id))[0]).toMatchObject({ fromStatus: 'scheduled', toStatus: 'ported', actorKind: 'operator' });
    expect((await auditOf(done.order.id))[0]!.action).toBe('port_order.ported');
    expect(await deliveredAbout(done.order.id)).toHaveLength(2);

    const bad = await insertOrder(t.db, reseller, agent, { status: 'scheduled', scheduledAt: NOW });
    const failed = await decide(bad.order.id, 'fail', { reason: 'provider_refused' }, operator.secretKey, { 'accept-language': 'en' });
    expect(failed.json).toMatchObject({ status: 'failed', statusText: 'Port failed' });
    expect((await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, bad.order.id))).map((l) => l.status)).toEqual(['failed', 'failed']);
    const [mail] = await mailsAbout(bad.order.reference);
    expect(mail!.text).toContain('Grund: Der bisherige Anbieter hat die Portierung verweigert'); // the tenant's language, not the operator's
    expect((await historyOf(bad.order.id))[0]).toMatchObject({ toStatus: 'failed', reason: 'provider_refused' });
    expect((await auditOf(bad.order.id))[0]!.action).toBe('port_order.failed');
  });

  it("the agent's e-mail is in the reseller's default language (English: complete, no German left)", async () => {
    const english = await seedTenant(t.db, 'po-res-en', { parentId: operator.id });
    await t.db.update(tenants).set({ defaultLocale: 'en' }).where(eq(tenants.id, english.id));
    await seedPorting(t.db, english, { pool: 5 });
    const englishAgent = await seedAgent(t.db, english, { name: 'Pat Partner' });
    const { order } = await insertOrder(t.db, english, englishAgent, { status: 'approved' });
    expect((await decide(order.id, 'schedule', { date: '2026-12-14', time: '14:15' })).status).toBe(200);
    const [mail] = (await emailsOf(t.db, english.id)).filter((m) => m.subject.includes(order.reference));
    expect(mail!.subject).toBe(`Porting order ${order.reference} (Schmiedeisen AG): Scheduled`);
    expect(mail!.text).toContain('Porting date: Monday, 14 December 2026 at 14:15 (Swiss time)');
    expect(mail!.text).toContain('You can cancel the order until Saturday, 12 December 2026 at 14:15.');
    expect(mail!.html).toContain('<html lang="en">');
    expect(mail!.text).not.toMatch(/Auftrag|Guten Tag|Kunde/);
  });

  it("the operator decides on its own tenant's orders too", async () => {
    await seedPorting(t.db, operator, { pool: 5 });
    const own = await seedAgent(t.db, operator);
    const { order } = await insertOrder(t.db, operator, own);
    expect((await decide(order.id, 'approve')).status).toBe(200);
  });
});

describe('the agent’s own moves', () => {
  it('submit gets a short receipt, cancel a confirmation; both are announced and audited as the agent', async () => {
    const { order } = await insertOrder(t.db, reseller, agent, { status: 'draft' });
    await t.db.transaction(async (tx) => {
      const [row] = await tx.select().from(portOrders).where(eq(portOrders.id, order.id)).for('update');
      const submitted = await portOrderMachine.transition(tx, row!, 'submitted', { actor: { kind: 'agent', id: agent.id }, now: NOW, context: { ip: '203.0.113.9' } });
      await portOrderMachine.transition(tx, submitted, 'cancelled', { actor: { kind: 'agent', id: agent.id }, now: NOW });
    });
    const mails = await mailsAbout(order.reference);
    // One transaction: both rows have its time, so their order is not theirs to say.
    expect(mails.map((m) => m.subject).sort()).toEqual([`Portierungsauftrag ${order.reference} (Schmiedeisen AG) ist abgebrochen`, `Portierungsauftrag ${order.reference} (Schmiedeisen AG) ist eingereicht`]);
    expect(mails.find((m) => m.subject.endsWith('eingereicht'))!.text).toContain('Wir prüfen ihn jetzt.');
    const entries = await auditOf(order.id);
    expect(entries.map((e) => [e.action, e.actorKind, e.actorId])).toEqual(
      expect.arrayContaining([
        ['port_order.submitted', 'agent', agent.id],
        ['port_order.cancelled', 'agent', agent.id],
      ]),
    );
    expect(entries.find((e) => e.action === 'port_order.submitted')!.ip).toBe('203.0.113.9');
  });
});

describe('refusals', () => {
  it('every illegal move is a 409 naming the current state, and changes nothing', async () => {
    const cases: [string, string, unknown][] = [
      ['approved', 'approve', {}],
      ['submitted', 'schedule', { date: '2026-12-14', time: '10:00' }],
      ['submitted', 'complete', {}],
      ['submitted', 'fail', { reason: 'technical' }],
      ['approved', 'clarify', { comment: 'Frage' }],
      ['clarification_needed', 'clarify', { comment: 'Frage' }],
      ['clarification_needed', 'approve', {}],
      ['scheduled', 'reject', { reason: 'other', comment: 'zu spät' }],
      ['scheduled', 'schedule', { date: '2026-12-14', time: '10:00' }],
      ['approved', 'complete', {}],
      ['ported', 'fail', { reason: 'other' }],
      ['rejected', 'approve', {}],
      ['cancelled', 'approve', {}],
      ['failed', 'complete', {}],
    ];
    for (const [status, action, body] of cases) {
      const { order } = await insertOrder(t.db, reseller, agent, { status: status as never, numbers: ['+41 44 555 66 77'] });
      const res = await decide(order.id, action, body);
      expect(res.status, `${action} from ${status}`).toBe(409);
      expect(res.json).toMatchObject({ code: 'invalid_transition', currentStatus: status, detail: `current status: ${status}` });
      expect((await t.db.select().from(portOrders).where(eq(portOrders.id, order.id)))[0]!.status).toBe(status);
      expect(await historyOf(order.id)).toEqual([]);
      expect(await mailsAbout(order.reference)).toEqual([]);
      expect(await auditOf(order.id)).toEqual([]);
    }
  });

  it('a draft is a 404 for every decision (as for GET): its existence does not leak, nothing changes', async () => {
    for (const [action, body] of [['approve', {}], ['reject', { reason: 'other', comment: 'nein' }], ['clarify', { comment: 'Frage' }], ['schedule', { date: '2026-12-14', time: '10:00' }], ['complete', {}], ['fail', { reason: 'other' }]] as [string, unknown][]) {
      const { order } = await insertOrder(t.db, reseller, agent, { status: 'draft', numbers: ['+41 44 555 66 78'] });
      const res = await decide(order.id, action, body);
      expect(res.status, action).toBe(404);
      expect(res.json.code).toBe('not_found');
      expect(res.json.currentStatus).toBeUndefined();
      const get = await call(t.app, 'GET', `/v1/port-orders/${order.id}`, { key: operator.secretKey });
      expect(get.status).toBe(404);
      expect((await t.db.select().from(portOrders).where(eq(portOrders.id, order.id)))[0]!.status).toBe('draft');
      expect(await historyOf(order.id)).toEqual([]);
    }
  });

  it("an operator-kind tenant with a parent is no operator: 403 operator_only on decisions and views alike", async () => {
    const odd = await seedTenant(t.db, 'po-odd', { parentId: operator.id });
    await t.db.update(tenants).set({ kind: 'operator' }).where(eq(tenants.id, odd.id));
    const { order } = await insertOrder(t.db, reseller, agent);
    const decided = await decide(order.id, 'approve', {}, odd.secretKey);
    expect(decided.status).toBe(403);
    expect(decided.json.code).toBe('operator_only');
    const list = await call(t.app, 'GET', '/v1/port-orders', { key: odd.secretKey });
    expect(list.status).toBe(403);
    expect(list.json.code).toBe('operator_only');
  });

  it("another operator's key: 404; a reseller's key: 403 operator_only; a publishable key: refused", async () => {
    const { order } = await insertOrder(t.db, reseller, agent);
    const other = await decide(order.id, 'approve', {}, stranger.secretKey);
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('not_found');
    const own = await decide(order.id, 'approve', {}, reseller.secretKey);
    expect(own.status).toBe(403);
    expect(own.json).toMatchObject({ code: 'operator_only', title: expect.stringContaining('Operator') });
    const ownBad = await decide(order.id, 'reject', { reason: 'nope' }, reseller.secretKey);
    expect(ownBad.status).toBe(403);
    const publishable = await call(t.app, 'POST', `/v1/port-orders/${order.id}/approve`, { key: operator.publishableKey, origin: operator.origin, body: {} });
    expect([401, 403]).toContain(publishable.status);
    const missing = await decide('00000000-0000-4000-8000-000000000000', 'approve');
    expect(missing.status).toBe(404);
    expect((await t.db.select().from(portOrders).where(eq(portOrders.id, order.id)))[0]!.status).toBe('submitted');
    expect(await historyOf(order.id)).toEqual([]);
  });

  it('schedule: a Saturday, a holiday, a past day, an unknown year, 18:00, a time already past → 422 at the field, nothing changed', async () => {
    const { order } = await insertOrder(t.db, reseller, agent, { status: 'approved' });
    const cases: [unknown, string, string, RegExp][] = [
      [{ date: '2026-12-12', time: '10:00' }, 'date', 'weekend', /Wochenenden/],
      [{ date: '2026-12-25', time: '10:00' }, 'date', 'holiday', /Feiertag/],
      [{ date: '2026-11-20', time: '10:00' }, 'date', 'date_in_past', /Vergangenheit/],
      [{ date: '2031-03-04', time: '10:00' }, 'date', 'calendar_unknown', /Feiertagskalender/],
      [{ date: '2026-12-14', time: '18:00' }, 'time', 'office_hours', /08:00 und 17:00/],
      [{ date: '2026-12-14', time: '07:59' }, 'time', 'office_hours', /Bürozeiten/],
      [{ date: '2026-11-23', time: '09:00' }, 'time', 'time_in_past', /schon vorbei/],
      [{ date: '2026-02-30', time: '10:00' }, 'date', 'invalid_format', /./],
    ];
    for (const [body, path, code, message] of cases) {
      const res = await decide(order.id, 'schedule', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ path, code, message: expect.stringMatching(message) })]);
    }
    const en = await decide(order.id, 'schedule', { date: '2026-12-12', time: '10:00' }, operator.secretKey, { 'accept-language': 'en' });
    expect(en.json.errors[0].message).toMatch(/weekend/i);
    const today = await decide(order.id, 'schedule', { date: '2026-11-23', time: '10:30' });
    expect(today.status).toBe(200); // later today is fine
    expect(today.json.scheduledAt).toBe('2026-11-23T09:30:00.000Z');
    expect((await historyOf(order.id)).map((h) => h.toStatus)).toEqual(['scheduled']);
  });

  it('bad bodies: an unknown reason, a missing comment → 422 naming the field', async () => {
    const { order } = await insertOrder(t.db, reseller, agent);
    const reason = await decide(order.id, 'reject', { reason: 'because', comment: 'x' });
    expect(reason.status).toBe(422);
    expect(reason.json.errors).toEqual([expect.objectContaining({ path: 'reason', code: 'invalid_choice' })]);
    const comment = await decide(order.id, 'clarify', {});
    expect(comment.status).toBe(422);
    expect(comment.json.errors).toEqual([expect.objectContaining({ path: 'comment', code: 'required' })]);
    expect(await historyOf(order.id)).toEqual([]);
  });

  it('the OpenAPI document lists the decisions and every reject reason', async () => {
    const doc = (await call(t.app, 'GET', '/openapi.json')).json;
    for (const action of ['approve', 'reject', 'clarify', 'schedule', 'complete', 'fail']) expect(doc.paths[`/v1/port-orders/{id}/${action}`]?.post, action).toBeDefined();
    const reject = doc.components.schemas.PortOrderReject;
    expect(reject.properties.reason.enum).toEqual([...rejectReasons]);
    expect(doc.paths['/v1/port-orders/{id}/approve'].post.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/PortOrder');
  });
});

describe('the temporary-number release job', () => {
  it('frees the numbers of a ported and a cancelled order, not of a scheduled one; a second run finds nothing', async () => {
    const ported = await insertOrder(t.db, reseller, agent, { status: 'scheduled', scheduledAt: NOW });
    expect((await decide(ported.order.id, 'complete')).status).toBe(200);
    const cancelled = await insertOrder(t.db, reseller, agent, { status: 'cancelled' });
    const scheduled = await insertOrder(t.db, reseller, agent, { status: 'scheduled', scheduledAt: NOW });
    const ctx = { db: t.db, now: NOW, due: NOW, log: t.deps.log, env: t.deps.env as never };
    const first = await releaseTemporaryNumbers.run(ctx);
    expect(first!.released).toBeGreaterThanOrEqual(4);

    const pool = async (lines: { temporaryId: string | null }[]) =>
      t.db.select().from(temporaryNumbers).where(inArray(temporaryNumbers.id, lines.map((l) => l.temporaryId!)));
    for (const freed of [ported, cancelled]) {
      expect((await pool(freed.lines)).map((p) => [p.assignedTo, p.releasedAt])).toEqual(freed.lines.map(() => [null, NOW]));
      const lines = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, freed.order.id));
      expect(lines.map((l) => l.temporaryReleasedAt)).toEqual([NOW, NOW]);
      expect(lines.map((l) => l.temporaryNumber)).toEqual(freed.lines.map((l) => l.temporaryNumber)); // kept for the history
    }
    expect((await pool(scheduled.lines)).map((p) => p.assignedTo)).toEqual(scheduled.lines.map((l) => l.id));
    const kept = await t.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, scheduled.order.id));
    expect(kept.map((l) => l.temporaryReleasedAt)).toEqual([null, null]);

    expect(await releaseTemporaryNumbers.run({ ...ctx, now: new Date(NOW.getTime() + 60_000) })).toEqual({ released: 0 });
    expect((await pool(ported.lines)).map((p) => p.releasedAt)).toEqual([NOW, NOW]);
  });

  it('drops the passwords sealed for provisioning of orders that are over, and keeps those of open orders', async () => {
    const over = await insertOrder(t.db, reseller, agent, { status: 'cancelled' });
    const open = await insertOrder(t.db, reseller, agent, { status: 'scheduled', scheduledAt: NOW });
    for (const { order } of [over, open]) {
      await t.db.insert(portOrderWorkplaces).values({ tenantId: reseller.id, orderId: order.id, position: 0, displayName: 'Empfang', loginName: 'empfang', passwordSealed: 'sealed-workplace', licence: 'apps' });
      await t.db.update(portOrders).set({ supportLoginName: 'support', supportPasswordSealed: 'sealed-support' }).where(eq(portOrders.id, order.id));
    }
    await releaseTemporaryNumbers.run({ db: t.db, now: NOW, due: NOW, log: t.deps.log, env: t.deps.env as never });
    const sealed = async (orderId: string) => [
      (await t.db.select().from(portOrderWorkplaces).where(eq(portOrderWorkplaces.orderId, orderId)))[0]!.passwordSealed,
      (await t.db.select().from(portOrders).where(eq(portOrders.id, orderId)))[0]!.supportPasswordSealed,
    ];
    expect(await sealed(over.order.id)).toEqual([null, null]);
    expect(await sealed(open.order.id)).toEqual(['sealed-workplace', 'sealed-support']);
  });

  it('two workers at once release each line once', async () => {
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await insertOrder(t.db, reseller, agent, { status: 'failed', numbers: ['+41 44 111 22 33'] }));
    const ctx = { db: t.db, now: NOW, due: NOW, log: t.deps.log, env: t.deps.env as never };
    const [a, b] = await Promise.all([releaseTemporaryNumbers.run(ctx), releaseTemporaryNumbers.run(ctx)]);
    expect(a!['released']! + b!['released']!).toBe(3);
    const lines = await t.db.select().from(portOrderNumbers).where(inArray(portOrderNumbers.orderId, orders.map((o) => o.order.id)));
    expect(lines.every((l) => l.temporaryReleasedAt?.getTime() === NOW.getTime())).toBe(true);
  });
});

// Not a secret anywhere: the e-mails carry no token, link or password.
describe('no secrets', () => {
  it('the agent e-mails hold no link token or password', async () => {
    const mails: EmailPayload[] = await emailsOf(t.db, reseller.id);
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(`${m.text}${m.html}`).not.toMatch(/token=|passwor/i);
    const hooks = await t.db.select().from(outbox).where(eq(outbox.channel, 'webhook'));
    for (const h of hooks) expect(Object.keys(((h.payload as WebhookPayload).data ?? {}) as object).sort()).toEqual(['at', 'customerId', 'from', 'orderId', 'reason', 'reference', 'scheduledAt', 'tenantId', 'to']);
  });
});
