import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, contracts, credentialRotations, outbox, webhookEndpoints } from '../../bff/db/schema/index.js';
import { PPPOE_SEAL } from '../../bff/domain/credentials.js';
import { hmacSha256, seal, unseal } from '../../bff/lib/crypto.js';
import type { SmsPayload } from '../../bff/messaging/outbox.js';
import { webhookTransport } from '../../bff/messaging/transports.js';
import { createWorker, WEBHOOK_SECRET_PURPOSE } from '../../bff/messaging/worker.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { linkAccounts, seedContract, TEST_SECRET } from './helpers/contracts.js';
import { startHttpSink } from './helpers/http-sink.js';
import { browser, seedUser } from './helpers/portal.js';

// New internet access credentials (PRODUCT.md §3.6): the secrets in the outbox are sealed until delivery,
// and the password goes to the operator's provisioning only (503 without it). A development app, so that
// the dev outbox is mounted.

let t: TestApp;
const HOUR = 3_600_000;
const PASSWORD = 'admin-password-long-enough';

beforeAll(async () => {
  t = await createTestApp({ nodeEnv: 'development' });
  t.clock.set(new Date('2026-11-22T13:32:00Z'));
});
afterAll(() => t.close());
beforeEach(() => t.clock.advance(2 * 24 * HOUR));

const admin = async (on: TestTenant) => {
  const user = await seedUser(t.db, on, { password: PASSWORD });
  return { ...user, session: await browser(t, on).login(user) };
};
const rotate = (session: string, on: TestTenant, contractId: string, locale = 'de') =>
  call(t.app, 'POST', `/v1/contracts/${contractId}/internet-credentials`, { key: session, origin: on.origin, body: { consent: true }, headers: { 'accept-language': locale } });
const endpoint = async (on: TestTenant, url: string, eventTypes: string[], secret = `whsec_${on.id}`) =>
  (await t.db.insert(webhookEndpoints).values({ tenantId: on.id, url, eventTypes, secretSealed: seal(TEST_SECRET, WEBHOOK_SECRET_PURPOSE, secret) }).returning())[0]!;
const rawRows = async (tenantIds: string[]) =>
  (await t.db.execute(sql`select id, channel, payload::text as payload from outbox where tenant_id in (${sql.join(tenantIds.map((id) => sql`${id}::uuid`), sql`, `)})`)) as unknown as
    | { rows: { id: string; channel: string; payload: string }[] }
    | { id: string; channel: string; payload: string }[];
const rowsOfResult = <T>(r: { rows: T[] } | T[]) => (Array.isArray(r) ? r : r.rows);

describe('secrets in the outbox', () => {
  it('are sealed until delivery: the rows hold neither the code nor the password; delivery hands the transports the clear text, signed; the dev outbox shows the SMS', async () => {
    const operator = await seedTenant(t.db, 'seal-op');
    const reseller = await seedTenant(t.db, 'seal-res', { parentId: operator.id });
    const receiver = await startHttpSink();
    const hookSecret = 'whsec_operator_provisioning_0123456789';
    await endpoint(operator, receiver.url, ['contract.credentials_rotated'], hookSecret);
    const a = await admin(reseller);
    const c = await seedContract(t.db, reseller, a.accountId);

    const earlier = new Set(rowsOfResult(await rawRows([operator.id, reseller.id])).map((r) => r.id)); // the login's
    const res = await rotate(a.session, reseller, c.id);
    expect(res.status, res.text).toBe(200);
    const password = unseal(TEST_SECRET, PPPOE_SEAL, (await t.db.select().from(contracts).where(eq(contracts.id, c.id)))[0]!.passwordSealed!);

    // Before delivery: the raw rows (as a dump would hold them) have the recipient, not the secrets.
    const raw = rowsOfResult(await rawRows([operator.id, reseller.id])).filter((r) => !earlier.has(r.id));
    expect(raw.map((r) => r.channel).sort()).toEqual(['email', 'sms', 'webhook']);
    const all = raw.map((r) => r.payload).join('\n');
    expect(all).not.toContain(password);
    expect(all).toContain('sealedText');
    expect(all).toContain('sealedData');
    expect(all).toContain(a.mobile); // the budget counts by it

    // The dev outbox opens the SMS for display.
    const dev = await call(t.app, 'GET', '/dev/outbox.json');
    const shown = (dev.json.messages as { channel: string; to: string; text: string | null }[]).find((m) => m.channel === 'sms' && m.to === a.mobile)!;
    expect(shown.text).toMatch(/Code für die PDF-Datei Internet-Zugangsdaten-.*-1\.pdf/);
    const code = /: ([A-Za-z0-9]{16})$/.exec(shown.text!)![1]!;
    expect(all).not.toContain(code);
    expect((await call(t.app, 'GET', '/dev/outbox')).text).toContain(code);

    // Delivery: the SMS gateway gets the code, the webhook the password with a valid signature.
    const sms: SmsPayload[] = [];
    const worker = createWorker({
      db: t.db,
      clock: t.clock,
      log: t.deps.log,
      secret: TEST_SECRET,
      batchSize: 500,
      transports: { email: async () => undefined, sms: async (d) => void sms.push(d.payload), webhook: webhookTransport({ allowPrivate: true }) },
    });
    t.clock.advance(1000);
    while ((await worker.runOnce()) > 0);
    expect(sms.find((p) => p.to === a.mobile && p.text.includes('PDF'))!.text).toContain(code);
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(JSON.parse(req!.body)).toMatchObject({ type: 'contract.credentials_rotated', data: { contractId: c.id, password } });
    const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req!.headers['telkit-signature']))!;
    expect(sig).toBe(hmacSha256(hookSecret, `${ts}.${req!.body}`));
    await receiver.close();
    // Delivered: purged as before.
    const after = rowsOfResult(await rawRows([operator.id, reseller.id])).map((r) => r.payload).join('\n');
    expect(after).not.toContain('sealedText');
    expect(after).not.toContain('sealedData');
  });
});

describe('the provisioning webhook', () => {
  it("goes to the operator only, by name: never to the reseller's endpoints", async () => {
    const operator = await seedTenant(t.db, 'only-op');
    const reseller = await seedTenant(t.db, 'only-res', { parentId: operator.id });
    await endpoint(operator, 'https://op.example/hook', ['contract.credentials_rotated']);
    await endpoint(operator, 'https://op-all.example/hook', ['*']);
    await endpoint(reseller, 'https://res.example/hook', ['contract.credentials_rotated']);
    await endpoint(reseller, 'https://res-all.example/hook', ['*']);
    const a = await admin(reseller);
    const c = await seedContract(t.db, reseller, a.accountId);
    expect((await rotate(a.session, reseller, c.id)).status).toBe(200);
    const hooks = await t.db.select().from(outbox).where(and(eq(outbox.channel, 'webhook'), sql`${outbox.tenantId} in (${operator.id}::uuid, ${reseller.id}::uuid)`));
    expect(hooks.map((h) => h.tenantId)).toEqual([operator.id]);
  });

  it('an operator tenant rotating for its own customers: to its own endpoint', async () => {
    const operator = await seedTenant(t.db, 'self-op');
    await endpoint(operator, 'https://self-op.example/hook', ['contract.credentials_rotated']);
    const a = await admin(operator);
    const c = await seedContract(t.db, operator, a.accountId);
    expect((await rotate(a.session, operator, c.id)).status).toBe(200);
    const hooks = await t.db.select().from(outbox).where(and(eq(outbox.channel, 'webhook'), eq(outbox.tenantId, operator.id)));
    expect(hooks).toHaveLength(1);
  });

  it('with no endpoint of the operator subscribed by name: 503 provisioning_unavailable in words, nothing changes, an error is logged (no secret)', async () => {
    const operator = await seedTenant(t.db, 'none-op');
    const reseller = await seedTenant(t.db, 'none-res', { parentId: operator.id });
    await endpoint(operator, 'https://none-op-all.example/hook', ['*']); // not by name
    await endpoint(reseller, 'https://none-res.example/hook', ['contract.credentials_rotated']); // not the operator
    const a = await admin(reseller);
    const c = await seedContract(t.db, reseller, a.accountId);
    const logStart = t.logLines.length;
    const before = await t.db.select().from(outbox).where(sql`${outbox.tenantId} in (${operator.id}::uuid, ${reseller.id}::uuid)`);
    const res = await rotate(a.session, reseller, c.id);
    expect(res.status, res.text).toBe(503);
    expect(res.json.code).toBe('provisioning_unavailable');
    expect(res.json.detail).toMatch(/gerade nicht einrichten/);
    expect(res.json.detail).toMatch(/Es wurde nichts geändert/);
    expect(res.json.detail).toMatch(/bisherigen Zugangsdaten gelten weiter/);
    expect(res.json.detail).toMatch(/später erneut oder wenden Sie sich an den Kundenservice/);
    expect((await rotate(a.session, reseller, c.id, 'en')).json.detail).toMatch(/cannot be set up right now.*Nothing was changed.*keep working/);
    expect((await t.db.select().from(contracts).where(eq(contracts.id, c.id)))[0]!.passwordSealed).toBe(c.passwordSealed);
    expect(await t.db.select().from(credentialRotations).where(eq(credentialRotations.contractId, c.id))).toHaveLength(0);
    expect(await t.db.select().from(outbox).where(sql`${outbox.tenantId} in (${operator.id}::uuid, ${reseller.id}::uuid)`)).toHaveLength(before.length);
    const logged = t.logLines.slice(logStart).filter((l) => l.includes('no provisioning endpoint'));
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 'error' });
  });
});

describe('an acting session', () => {
  it("a main admin switched into the sub-account rotates its contract: 200, audited with the acting admin and the sub-account", async () => {
    const operator = await seedTenant(t.db, 'act-op');
    const reseller = await seedTenant(t.db, 'act-res', { parentId: operator.id });
    await endpoint(operator, 'https://act-op.example/hook', ['contract.credentials_rotated']);
    const main = await admin(reseller);
    const sub = await admin(reseller);
    await linkAccounts(t.db, reseller, main.accountId, sub.accountId);
    const c = await seedContract(t.db, reseller, sub.accountId);
    const switched = await call(t.app, 'POST', `/v1/locations/${sub.accountId}/switch`, { key: main.session, origin: reseller.origin });
    expect(switched.status, switched.text).toBe(201);
    const res = await rotate(switched.json.token, reseller, c.id);
    expect(res.status, res.text).toBe(200);
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contract.credentials_rotated'), eq(auditEvents.targetId, c.id)));
    expect(entry).toMatchObject({ actorId: main.id, accountId: sub.accountId, actingForAccountId: main.accountId });
  });
});
