import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, outbox } from '../../bff/db/schema/index.js';
import { smsGateway, smtpTransport } from '../../bff/messaging/transports.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { startHttpSink } from './helpers/http-sink.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { browser, seedUser } from './helpers/portal.js';
import { startSmtp } from './helpers/smtp.js';

// Secrets at rest: PINs and link tokens leave the outbox once delivered; minted secrets are never
// stored for an idempotent replay.

let t: TestApp;
let tenant: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'secrets');
});
afterAll(() => t.close());

/** Every outbox row as text: what a copy of the table would show. */
const outboxText = async () => JSON.stringify(await t.db.select().from(outbox));

describe('the outbox after delivery', () => {
  it("a delivered set-password link's token and a delivered PIN can no longer be read from the database", async () => {
    const smtp = await startSmtp();
    const gateway = await startHttpSink();
    try {
      const user = await seedUser(t.db, tenant, { password: PASSWORD });
      const b = browser(t, tenant);
      expect((await b.post('/v1/password-resets', { login: user.username })).status).toBe(202);
      const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === user.email).at(-1)!;
      const token = tokenIn(mail, '/set-password');
      expect((await b.post('/v1/sessions', { username: user.username, password: PASSWORD })).status).toBe(202);
      const pin = await lastPin(t.db, tenant.id, user.mobile);
      expect(await outboxText()).toContain(token); // held until it is delivered

      t.clock.advance(1000);
      const worker = createWorker({
        db: t.db,
        transports: { email: smtpTransport(smtp.url, 'x <x@x.example>', 'bff.example'), sms: smsGateway(gateway.url, t.deps.env.secret) },
        clock: t.clock,
        log: t.deps.log,
        secret: t.deps.env.secret,
      });
      while ((await worker.runOnce()) > 0);

      // Delivered whole…
      expect(smtp.received.some((m) => m.raw.replace(/=\r?\n/g, '').includes(token))).toBe(true);
      expect(gateway.requests.some((r) => r.body.includes(pin))).toBe(true);
      // …and gone from the table: only the recipient, the template and the times remain.
      const text = await outboxText();
      expect(text).not.toContain(token);
      expect(text).not.toMatch(new RegExp(`\\b${pin}\\b`));
      const [row] = await t.db.select().from(outbox).where(eq(outbox.id, mail.id));
      expect(row).toMatchObject({ status: 'sent', sensitive: true, payload: { to: user.email, templateId: mail.templateId } });
      expect(row!.purgedAt).toEqual(row!.sentAt);
      // The link in the mailbox still works.
      expect((await b.post('/v1/password-setup', { token, password: 'ein ganz neues Passwort' })).status).toBe(202);
    } finally {
      await smtp.stop();
      await gateway.close();
    }
  });
});

describe('idempotent replays of minted secrets', () => {
  it('a replayed key creation does not return the secret, and no stored row holds it', async () => {
    const create = () => call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'secret', label: 'rotation' }, headers: { 'idempotency-key': 'mint-once' } });
    const first = await create();
    expect(first.status).toBe(201);
    expect(first.json.key).toMatch(/^tk_sec_/);

    const stored = JSON.stringify(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'mint-once')));
    expect(stored).toContain(first.json.id);
    expect(stored).not.toContain(first.json.key);
    const anywhere = await t.db.execute(sql`select count(*)::int as n from idempotency_keys where response_body like ${`%${first.json.key}%`}`);
    expect(JSON.stringify(anywhere)).toContain('"n":0');

    const replay = await create();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.json).toEqual({ ...first.json, key: null });
    expect(replay.text).not.toContain(first.json.key);
    // The key itself works: it was shown once, to the first response.
    expect((await call(t.app, 'GET', '/v1/api-keys', { key: first.json.key })).status).toBe(200);
  });

  it('the API description says so', async () => {
    const doc = (await call(t.app, 'GET', '/openapi.json')).json;
    expect(doc.paths['/v1/api-keys'].post.summary).toMatch(/`key: null`/);
    expect(doc.paths['/v1/embed-sessions'].post.summary).toMatch(/never stored/);
    expect(doc.paths['/v1/webhook-endpoints'].post.summary).toMatch(/never stored/);
  });
});
