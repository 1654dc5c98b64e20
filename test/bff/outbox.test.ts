import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, webhookEndpoints } from '../../bff/db/schema/index.js';
import { hmacSha256, seal } from '../../bff/lib/crypto.js';
import { enqueue } from '../../bff/messaging/outbox.js';
import { TEST_BUDGET } from './helpers/outbox.js';
import { smsGateway, smtpTransport, webhookTransport } from '../../bff/messaging/transports.js';
import { createWorker, WEBHOOK_SECRET_PURPOSE } from '../../bff/messaging/worker.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { startHttpSink } from './helpers/http-sink.js';
import { startSmtp } from './helpers/smtp.js';

let t: TestApp;
let tenant: TestTenant;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'outbox');
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
  await t.close();
});

const worker = (transports: Parameters<typeof createWorker>[0]['transports'], extra: Partial<Parameters<typeof createWorker>[0]> = {}) =>
  createWorker({ db: t.db, transports, clock: t.clock, log: t.deps.log, secret: t.deps.env.secret, ...extra });

/** Enqueues, then moves the clock past the row's due time: the database stamps it with its own clock, in µs. */
async function enqueueDue(...args: Parameters<typeof enqueue>) {
  const id = await enqueue(...args);
  t.clock.advance(1000);
  return id!;
}

async function status(id: string) {
  const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

describe('outbox', () => {
  it('a message enqueued in a rolled-back transaction is never sent', async () => {
    const before = smtp.received.length;
    await expect(
      t.db.transaction(async (tx) => {
        await enqueue(tx, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'rollback@x.example', subject: 'never', text: 'never' } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await worker({ email: smtpTransport(smtp.url, 'telkit <no-reply@x.example>') }).runOnce()).toBe(0);
    expect(smtp.received.length).toBe(before);
    expect(await t.db.select().from(outbox).where(eq(outbox.tenantId, tenant.id))).toHaveLength(0);
  });

  it('delivers e-mail with an attachment to a real SMTP server', async () => {
    const pdf = Buffer.from('%PDF-1.4 demo attachment');
    const id = await t.db.transaction((tx) =>
      enqueue(tx, {
        tenantId: tenant.id,
        channel: 'email', budget: TEST_BUDGET,
        payload: {
          to: 'kunde@x.example',
          from: 'Demo Telecom <no-reply@demo.example>',
          subject: 'Ihre Zugangsdaten',
          text: 'Hallo, anbei Ihre Unterlagen.',
          html: '<p>Hallo, anbei Ihre Unterlagen.</p>',
          attachments: [{ filename: 'zugang.pdf', contentType: 'application/pdf', content: pdf.toString('base64') }],
        },
      }),
    );
    t.clock.advance(1000);
    expect(await worker({ email: smtpTransport(smtp.url, 'telkit <no-reply@x.example>') }).runOnce()).toBe(1);
    const mail = smtp.received.find((m) => m.raw.includes(`<${id}@telkit>`))!;
    expect(mail.to).toEqual(['kunde@x.example']);
    expect(mail.from).toBe('no-reply@demo.example');
    expect(mail.raw).toMatch(/Subject: Ihre Zugangsdaten/);
    expect(mail.raw).toMatch(/Content-Disposition: attachment; filename=zugang\.pdf/);
    expect(mail.raw.replace(/\r?\n/g, '')).toContain(pdf.toString('base64'));
    expect((await status(id)).status).toBe('sent');
  });

  it('with the SMTP server down the message is retried with backoff and delivered once it is back', async () => {
    const down = await startSmtp();
    const url = down.url;
    await down.stop();
    const w = worker({ email: smtpTransport(url, 'telkit <no-reply@x.example>') });
    const id = await enqueueDue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'retry@x.example', subject: 'retry me', text: 'hi' } });

    await w.runOnce();
    let row = await status(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toBeTruthy();
    const due = () => row.nextAttemptAt.getTime() - t.clock.now().getTime();
    expect(due()).toBeGreaterThan(9_000);
    expect(due()).toBeLessThanOrEqual(10_000);

    expect(await w.runOnce()).toBe(0); // not due yet
    t.clock.advance(10_000);
    await w.runOnce();
    row = await status(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(due()).toBeGreaterThan(19_000); // exponential
    expect(due()).toBeLessThanOrEqual(20_000);

    await down.start(); // same port
    t.clock.advance(20_000);
    await w.runOnce();
    expect((await status(id)).status).toBe('sent');
    expect(down.received.filter((m) => m.raw.includes('retry me'))).toHaveLength(1);
    await w.runOnce();
    expect(down.received.filter((m) => m.raw.includes('retry me'))).toHaveLength(1);
    await down.stop();
  });

  it('gives up after the last attempt: dead, never sent again', async () => {
    const gateway = await startHttpSink();
    gateway.state.status = 500;
    const w = worker({ sms: smsGateway(gateway.url, 'k'.repeat(32)) }, { maxAttempts: 3, backoffMs: () => 1000 });
    const id = await enqueueDue(t.db, { tenantId: tenant.id, channel: 'sms', budget: TEST_BUDGET, payload: { to: '+491701234567', text: 'PIN 123456' } });
    for (let i = 0; i < 5; i++) {
      await w.runOnce();
      t.clock.advance(1000);
    }
    expect(await status(id)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(gateway.requests).toHaveLength(3);
    await gateway.close();
  });

  it('SMS go to the gateway as JSON signed with HMAC-SHA256', async () => {
    const gateway = await startHttpSink();
    const secret = 'gateway-secret-gateway-secret-0000';
    const id = await enqueueDue(t.db, { tenantId: tenant.id, channel: 'sms', budget: TEST_BUDGET, payload: { to: '+491701234567', text: 'Ihr Code: 123456' } });
    await worker({ sms: smsGateway(gateway.url, secret) }).runOnce();
    const [req] = gateway.requests;
    expect(JSON.parse(req!.body)).toEqual({ id, tenantId: tenant.id, to: '+491701234567', text: 'Ihr Code: 123456' });
    const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req!.headers['telkit-signature']))!;
    expect(sig).toBe(hmacSha256(secret, `${ts}.${req!.body}`));
    expect((await status(id)).status).toBe('sent');
    await gateway.close();
  });

  it("webhooks go to the tenant's URL, signed with the tenant's secret", async () => {
    const receiver = await startHttpSink();
    const webhookSecret = 'whsec_tenant_secret_value_1234567890';
    const [endpoint] = await t.db
      .insert(webhookEndpoints)
      .values({ tenantId: tenant.id, url: receiver.url, eventTypes: ['*'], secretSealed: seal(t.deps.env.secret, WEBHOOK_SECRET_PURPOSE, webhookSecret) })
      .returning();
    const id = await enqueueDue(t.db, { tenantId: tenant.id, channel: 'webhook', endpointId: endpoint!.id, payload: { event: 'port_order.approved', data: { id: 'po_1' } } });
    await worker({ webhook: webhookTransport({ allowPrivate: true }) }).runOnce();
    const [req] = receiver.requests;
    const body = JSON.parse(req!.body);
    // `created` is when the message was written (the event's time), the same on every retry.
    expect(body).toEqual({ id, type: 'port_order.approved', created: (await status(id)).createdAt.toISOString(), data: { id: 'po_1' } });
    expect(req!.headers['telkit-message-id']).toBe(id);
    const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req!.headers['telkit-signature']))!;
    expect(sig).toBe(hmacSha256(webhookSecret, `${ts}.${req!.body}`));
    await receiver.close();
  });

  it('without a transport (development) a message is held for the dev outbox', async () => {
    const id = await enqueueDue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'dev@x.example', subject: 'dev', text: 'dev' } });
    await worker({}).runOnce();
    expect(await status(id)).toMatchObject({ status: 'held', attempts: 1 });
  });
});
