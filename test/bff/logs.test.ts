import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../bff/lib/logger.js';
import { eq } from 'drizzle-orm';
import { outbox } from '../../bff/db/schema/index.js';
import { openPayload, type SmsPayload, type WebhookPayload } from '../../bff/messaging/outbox.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedContract } from './helpers/contracts.js';
import { browser, seedUser } from './helpers/portal.js';

let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'logs');
});
afterAll(() => t.close());

describe('logs', () => {
  it('are JSON lines with a request id and never contain keys, tokens or query strings', async () => {
    const created = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'secret' } });
    await call(t.app, 'GET', '/v1/tenant?token=abcdef-secret-link-token', { key: tenant.publishableKey, origin: tenant.origin });
    await call(t.app, 'GET', '/v1/tenant', { key: 'tk_pub_wrong_guess_123' });
    const lines = t.logLines.map((l) => JSON.parse(l));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const l of requests) expect(l.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const all = t.logLines.join('\n');
    for (const secret of [tenant.secretKey, tenant.publishableKey, created.json.key, 'tk_pub_wrong_guess_123', 'abcdef-secret-link-token']) {
      expect(all).not.toContain(secret);
    }
  });

  it('redaction removes keys, IBANs and sensitive fields wherever they appear', () => {
    const out = JSON.stringify(
      redact({
        message: 'failed for tk_sec_abcdef123 with DE89 3704 0044 0532 0130 00 and DE89370400440532013000',
        password: 'hunter2hunter2',
        nested: { iban: 'AT611904300234573201', headers: { authorization: 'Bearer tk_ses_xyz' } },
      }),
    );
    for (const s of ['tk_sec_abcdef123', 'DE89 3704', 'DE8937040044', 'hunter2', 'AT6119', 'tk_ses_xyz']) expect(out).not.toContain(s);
  });

  it('never hold the code or the password of new internet access credentials: request, rotation, failed and good deliveries', async () => {
    const admin = await seedUser(t.db, tenant, { password: 'admin-password-long-enough' });
    await call(t.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'https://provisioning.logs.example/hook', eventTypes: ['contract.credentials_rotated'] } });
    const contract = await seedContract(t.db, tenant, admin.accountId);
    const session = await browser(t, tenant).login(admin);
    const start = t.logLines.length;
    const res = await call(t.app, 'POST', `/v1/contracts/${contract.id}/internet-credentials`, { key: session, origin: tenant.origin, body: { consent: true }, headers: { 'idempotency-key': 'logs-1' } });
    expect(res.status, res.text).toBe(200);
    const rows = await t.db.select().from(outbox).where(eq(outbox.tenantId, tenant.id));
    // Sealed in the rows until delivery: opened as the worker opens them.
    const clear = rows.map((r) => openPayload(t.deps.env.secret, r.payload) as Partial<SmsPayload & WebhookPayload>);
    const sms = clear.find((p) => p.to === admin.mobile && p.text?.includes(contract.contractNumber))!;
    const code = /: ([A-Za-z0-9]{16})$/.exec(sms.text!)![1]!;
    const password = clear.map((p) => p.data as { password?: string } | undefined).find((d) => d?.password)!.password!;
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('gateway down');
    };
    const worker = createWorker({ db: t.db, transports: { email: flaky, sms: flaky, webhook: flaky }, clock: t.clock, log: t.deps.log, secret: t.deps.env.secret, batchSize: 100, backoffMs: () => 0 });
    t.clock.advance(1000);
    await worker.runOnce();
    fail = false;
    t.clock.advance(1000);
    while ((await worker.runOnce()) > 0);
    const logged = t.logLines.slice(start).join('\n');
    expect(logged).toContain('gateway down');
    expect(logged).not.toContain(code);
    expect(logged).not.toContain(password);
  });
});
