import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, portOrders, statusHistory } from '../../bff/db/schema/index.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf } from './helpers/outbox.js';
import { insertOrder } from './helpers/port-order-rows.js';
import { seedAgent, seedPorting } from './helpers/porting.js';
import type { TestUser } from './helpers/portal.js';

let dev: TestApp;
let prod: TestApp;
let operator: TestTenant;
let reseller: TestTenant;
let agent: TestUser;
const OWN = 'http://localhost:8787';

beforeAll(async () => {
  [dev, prod] = await Promise.all([createTestApp({ nodeEnv: 'development' }), createTestApp({ nodeEnv: 'production' })]);
  operator = await seedTenant(dev.db, 'console-op');
  reseller = await seedTenant(dev.db, 'console-res', { parentId: operator.id });
  await seedPorting(dev.db, reseller);
  agent = await seedAgent(dev.db, reseller);
  dev.clock.set(new Date('2026-11-23T09:00:00Z'));
});
afterAll(async () => {
  await dev.close();
  await prod.close();
});

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { origin: OWN }) =>
  dev.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
const statusOf = async (id: string) => (await dev.db.select().from(portOrders).where(eq(portOrders.id, id)))[0]!.status;

describe('/dev/operator', () => {
  it('lists the submitted orders of the resellers with reference, reseller, customer, numbers, status in words, history and the allowed actions', async () => {
    const { order } = await insertOrder(dev.db, reseller, agent, { company: 'Gärtnerei <Blum>' });
    const draft = await insertOrder(dev.db, reseller, agent, { status: 'draft' });
    const res = await call(dev.app, 'GET', '/dev/operator');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('<h1>Operator console</h1>');
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toContain(order.reference);
    expect(res.text).not.toContain(draft.order.reference);
    expect(res.text).toContain(reseller.name);
    expect(res.text).toContain('Gärtnerei &lt;Blum&gt;');
    expect(res.text).toContain('+41 44 123 45 67');
    expect(res.text).toContain('<span class="status">Submitted</span>');
    for (const action of ['approve', 'reject', 'clarify']) expect(res.text).toContain(`action="/dev/operator/${order.id}/${action}"`);
    expect(res.text).not.toContain(`action="/dev/operator/${order.id}/schedule"`);
    expect(res.text).toContain(`<label for="reject-reason-${order.id}">`);
    expect(res.text).toContain('Signed power of attorney missing');
  });

  it('an action moves the order through the same domain function (history, e-mail, audit) and redirects with a confirmation', async () => {
    const { order } = await insertOrder(dev.db, reseller, agent);
    const res = await post(`/dev/operator/${order.id}/clarify`, { comment: 'Welche Nummer ist die Hauptnummer?' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/dev/operator\\?done=.*#order-${order.id}$`));
    expect(await statusOf(order.id)).toBe('clarification_needed');
    const [history] = await dev.db.select().from(statusHistory).where(eq(statusHistory.entityId, order.id));
    expect(history).toMatchObject({ toStatus: 'clarification_needed', actorKind: 'operator', actorId: 'dev-console', comment: 'Welche Nummer ist die Hauptnummer?' });
    expect((await emailsOf(dev.db, reseller.id)).find((m) => m.subject.includes(order.reference))!.text).toContain('Welche Nummer ist die Hauptnummer?');
    expect((await dev.db.select().from(auditEvents).where(eq(auditEvents.targetId, order.id)))[0]!.action).toBe('port_order.clarification_needed');
    const after = await call(dev.app, 'GET', location);
    expect(after.text).toMatch(new RegExp(`<p class="done" role="status">${order.reference}: sent back with your question. Status now: Clarification needed.</p>`));
    expect(after.text).toContain('“Welche Nummer ist die Hauptnummer?”');
  });

  it('approve, then schedule: a Saturday is refused in words next to the form; a working day schedules', async () => {
    const { order } = await insertOrder(dev.db, reseller, agent);
    expect((await post(`/dev/operator/${order.id}/approve`, { comment: '' })).status).toBe(303);
    expect(await statusOf(order.id)).toBe('approved');
    const saturday = await post(`/dev/operator/${order.id}/schedule`, { date: '2026-12-12', time: '10:00' });
    expect(saturday.status).toBe(422);
    const text = await saturday.text();
    expect(text).toContain(`<span class="error" id="schedule-date-${order.id}-error">`);
    expect(text).toMatch(/weekend/i);
    expect(text).toContain('value="2026-12-12"');
    expect(await statusOf(order.id)).toBe('approved');
    const late = await post(`/dev/operator/${order.id}/schedule`, { date: '2026-12-14', time: '18:00' });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain(`id="schedule-time-${order.id}-error"`);
    const ok = await post(`/dev/operator/${order.id}/schedule`, { date: '2026-12-14', time: '10:00' });
    expect(ok.status).toBe(303);
    const [row] = await dev.db.select().from(portOrders).where(eq(portOrders.id, order.id));
    expect(row!.status).toBe('scheduled');
    expect(row!.scheduledAt!.toISOString()).toBe('2026-12-14T09:00:00.000Z');
    const twice = await post(`/dev/operator/${order.id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('the order is now “Scheduled”');
    expect((await post(`/dev/operator/${order.id}/fail`, { reason: 'technical', comment: '' })).status).toBe(303);
    const history = await dev.db.select().from(statusHistory).where(eq(statusHistory.entityId, order.id)).orderBy(asc(statusHistory.at));
    expect(history.map((h) => h.toStatus)).toEqual(['approved', 'scheduled', 'failed']);
  });

  it('refuses a form posted from another site (Origin, or Referer without one) and changes nothing', async () => {
    const { order } = await insertOrder(dev.db, reseller, agent);
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, {}, { referer: 'https://evil.example/page' }, { origin: 'null' }];
    for (const headers of foreign) {
      const res = await post(`/dev/operator/${order.id}/approve`, {}, headers);
      expect(res.status).toBe(403);
    }
    expect((await post(`/dev/operator/${order.id}/approve`, {}, { referer: `${OWN}/dev/operator` })).status).toBe(303);
    expect(await statusOf(order.id)).toBe('approved');
  });

  it('DNS rebinding: a page of another name resolving to this server (Host = Origin = that name) is refused', async () => {
    const { order } = await insertOrder(dev.db, reseller, agent);
    for (const headers of [{ origin: 'http://rebound.example:8787' }, { referer: 'http://rebound.example:8787/dev/operator' }] as Record<string, string>[]) {
      const res = await dev.app.request(`http://rebound.example:8787/dev/operator/${order.id}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({}),
      });
      expect(res.status).toBe(403);
    }
    expect(await statusOf(order.id)).toBe('submitted');
  });

  it('an unknown order or action is a 404', async () => {
    expect((await post('/dev/operator/00000000-0000-4000-8000-000000000000/approve', {})).status).toBe(404);
    const { order } = await insertOrder(dev.db, reseller, agent);
    expect((await post(`/dev/operator/${order.id}/explode`, {})).status).toBe(404);
  });

  it('is not there in production', async () => {
    expect((await call(prod.app, 'GET', '/dev/operator')).status).toBe(404);
    expect((await prod.app.request('/dev/operator/00000000-0000-4000-8000-000000000000/approve', { method: 'POST', headers: { origin: OWN } })).status).toBe(404);
    expect((await call(prod.app, 'GET', '/dev/operator.css')).status).toBe(404);
  });
});
