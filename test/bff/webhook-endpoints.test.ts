import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEventSchema } from '../../contract/webhooks.js';
import { idempotencyKeys, outbox, webhookEndpoints } from '../../bff/db/schema/index.js';
import { emitEvent, MAX_ENDPOINTS } from '../../bff/domain/webhooks.js';
import { seal, unseal } from '../../bff/lib/crypto.js';
import { type Resolver, systemResolver } from '../../bff/lib/ssrf.js';
import type { WebhookPayload } from '../../bff/messaging/outbox.js';
import { webhookTransport } from '../../bff/messaging/transports.js';
import { createWorker, WEBHOOK_SECRET_PURPOSE } from '../../bff/messaging/worker.js';
import { readmeVerify, type Verify } from './helpers/readme-verify.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { startHttpSink } from './helpers/http-sink.js';
import { snapshotTenant } from './helpers/isolation.js';
import { browser, seedUser } from './helpers/portal.js';

let t: TestApp;
let prod: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let verify: Verify;

beforeAll(async () => {
  [t, prod, verify] = await Promise.all([createTestApp(), createTestApp({ nodeEnv: 'production' }), readmeVerify()]);
  tenant = await seedTenant(t.db, 'wh');
  other = await seedTenant(t.db, 'wh-other');
});
afterAll(async () => {
  await t.close();
  await prod.close();
});

const create = (app: TestApp, key: string, body: unknown, headers: Record<string, string> = {}) =>
  call(app.app, 'POST', '/v1/webhook-endpoints', { key, body, headers });

const worker = (app: TestApp, transport: ReturnType<typeof webhookTransport>) =>
  createWorker({ db: app.db, transports: { webhook: transport }, clock: app.clock, log: app.deps.log, secret: app.deps.env.secret });

describe('/v1/webhook-endpoints', () => {
  it('registers an endpoint and shows its secret once: never in the list, sealed at rest', async () => {
    const res = await create(t, tenant.secretKey, { url: 'https://shop.example.com/hooks', eventTypes: ['signup.created', 'password.changed'], description: ' CRM ' });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      url: 'https://shop.example.com/hooks',
      eventTypes: ['signup.created', 'password.changed'],
      description: 'CRM',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/), // 32 random bytes
    });
    const { secret, id } = res.json;

    const list = await call(t.app, 'GET', '/v1/webhook-endpoints', { key: tenant.secretKey });
    expect(list.status).toBe(200);
    const { secret: _, ...listed } = res.json;
    expect(list.json.endpoints).toContainEqual(listed);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain('secret');

    const [row] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row!.secretSealed).not.toContain(secret);
    expect(unseal(t.deps.env.secret, WEBHOOK_SECRET_PURPOSE, row!.secretSealed)).toBe(secret);
    expect(JSON.stringify(await snapshotTenant(t.db, tenant.id))).not.toContain(secret);
  });

  it('takes no Idempotency-Key: the response with the secret is never stored, a retry registers anew', async () => {
    const body = { url: 'https://retry.example.com/hooks', eventTypes: ['*'] };
    const first = await create(t, tenant.secretKey, body, { 'idempotency-key': 'wh-retry-1' });
    const second = await create(t, tenant.secretKey, body, { 'idempotency-key': 'wh-retry-1' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotency-replayed')).toBeNull();
    expect(second.json.id).not.toBe(first.json.id);
    expect(second.json.secret).not.toBe(first.json.secret);
    expect(await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.tenantId, tenant.id))).toEqual([]);
    for (const { id } of [first.json, second.json]) {
      expect((await call(t.app, 'DELETE', `/v1/webhook-endpoints/${id}`, { key: tenant.secretKey })).status).toBe(204);
    }
  });

  it('`*` stands alone, duplicates are dropped, outside production http and loopback are allowed', async () => {
    const all = await create(t, tenant.secretKey, { url: 'http://127.0.0.1:9/hook', eventTypes: ['signup.created', '*'] });
    expect(all.status).toBe(201);
    expect(all.json).toMatchObject({ url: 'http://127.0.0.1:9/hook', eventTypes: ['*'], description: '' });
    const twice = await create(t, tenant.secretKey, { url: 'http://localhost:9/hook', eventTypes: ['signup.confirmed', 'signup.confirmed'] });
    expect(twice.json.eventTypes).toEqual(['signup.confirmed']);
  });

  it('refuses unknown event types, an empty list, non-http URLs and unknown fields, in the caller\'s language', async () => {
    const cases: [unknown, string, string][] = [
      [{ url: 'https://a.example/h', eventTypes: ['signup.created', 'signup.exploded'] }, 'eventTypes.1', 'invalid_choice'],
      [{ url: 'https://a.example/h', eventTypes: [] }, 'eventTypes', 'too_short'],
      [{ url: 'https://a.example/h' }, 'eventTypes', 'required'],
      [{ url: 'ftp://a.example/h', eventTypes: ['*'] }, 'url', 'invalid_url'],
      [{ url: 'not a url', eventTypes: ['*'] }, 'url', 'invalid_url'],
      [{ url: 'https://a.example/h', eventTypes: ['*'], secret: 'whsec_mine' }, 'secret', 'unknown_field'],
    ];
    for (const [body, path, code] of cases) {
      const res = await call(t.app, 'POST', '/v1/webhook-endpoints', { key: other.secretKey, body, headers: { 'accept-language': 'en' } });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors, JSON.stringify(body)).toContainEqual({ path, code, message: expect.stringMatching(/^[A-Z].+\.$/) });
    }
    expect(await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, other.id))).toEqual([]);
  });

  it('rotates the secret: a new one, shown once, and the old one no longer signs', async () => {
    const created = await create(t, tenant.secretKey, { url: 'https://rotate.example.com/h', eventTypes: ['*'] });
    t.clock.advance(1000);
    const rotated = await call(t.app, 'POST', `/v1/webhook-endpoints/${created.json.id}/rotate-secret`, { key: tenant.secretKey });
    expect(rotated.status).toBe(200);
    expect(rotated.json).toMatchObject({ id: created.json.id, url: created.json.url, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.json.secret).not.toBe(created.json.secret);
    expect(Date.parse(rotated.json.updatedAt)).toBeGreaterThan(Date.parse(created.json.updatedAt));
    const [row] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, created.json.id));
    expect(unseal(t.deps.env.secret, WEBHOOK_SECRET_PURPOSE, row!.secretSealed)).toBe(rotated.json.secret);
  });

  it('deletes an endpoint with its undelivered messages; then it is gone', async () => {
    const created = await create(t, tenant.secretKey, { url: 'https://delete.example.com/h', eventTypes: ['password.changed'] });
    await t.db.transaction((tx) => emitEvent(tx, { tenantId: tenant.id, type: 'password.changed', data: { userId: 'u1' } }));
    expect(await t.db.select().from(outbox).where(eq(outbox.endpointId, created.json.id))).toHaveLength(1);
    const del = await call(t.app, 'DELETE', `/v1/webhook-endpoints/${created.json.id}`, { key: tenant.secretKey });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(await t.db.select().from(outbox).where(eq(outbox.endpointId, created.json.id))).toEqual([]);
    const list = await call(t.app, 'GET', '/v1/webhook-endpoints', { key: tenant.secretKey });
    expect(list.json.endpoints.map((e: { id: string }) => e.id)).not.toContain(created.json.id);
    expect((await call(t.app, 'DELETE', `/v1/webhook-endpoints/${created.json.id}`, { key: tenant.secretKey })).status).toBe(404);
    expect((await call(t.app, 'POST', `/v1/webhook-endpoints/${created.json.id}/rotate-secret`, { key: tenant.secretKey })).status).toBe(404);
  });

  it("another tenant's endpoint is not found: not listed, not rotated, not deleted", async () => {
    const mine = await create(t, other.secretKey, { url: 'https://other.example.com/h', eventTypes: ['*'], description: 'other-only' });
    const before = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, mine.json.id));
    const list = await call(t.app, 'GET', '/v1/webhook-endpoints', { key: tenant.secretKey });
    expect(list.text).not.toContain(mine.json.id);
    expect(list.text).not.toContain('other-only');
    const rotate = await call(t.app, 'POST', `/v1/webhook-endpoints/${mine.json.id}/rotate-secret`, { key: tenant.secretKey });
    const del = await call(t.app, 'DELETE', `/v1/webhook-endpoints/${mine.json.id}`, { key: tenant.secretKey });
    expect([rotate.status, del.status]).toEqual([404, 404]);
    expect(rotate.json.code).toBe('not_found');
    expect(await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, mine.json.id))).toEqual(before);
    expect((await call(t.app, 'DELETE', '/v1/webhook-endpoints/not-a-uuid', { key: tenant.secretKey })).status).toBe(422);
  });

  it('needs the secret key: none → 401, a publishable key or a session → 403, the secret key from a browser → 403', async () => {
    const user = await seedUser(t.db, tenant, { password: 'webhook-test-password' });
    const session = await browser(t, tenant).login(user);
    const [endpoint] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id)).limit(1);
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/webhook-endpoints'],
      ['POST', '/v1/webhook-endpoints', { url: 'https://x.example/h', eventTypes: ['*'] }],
      ['POST', `/v1/webhook-endpoints/${endpoint!.id}/rotate-secret`],
      ['DELETE', `/v1/webhook-endpoints/${endpoint!.id}`],
    ];
    const before = await snapshotTenant(t.db, tenant.id);
    for (const [method, path, body] of routes) {
      expect((await call(t.app, method, path, { body })).status, `${method} ${path}`).toBe(401);
      for (const key of [tenant.publishableKey, session]) {
        const res = await call(t.app, method, path, { key, origin: tenant.origin, body });
        expect([res.status, res.json.code], `${method} ${path}`).toEqual([403, 'forbidden']);
      }
      const browserSecret = await call(t.app, method, path, { key: tenant.secretKey, origin: tenant.origin, body });
      expect([browserSecret.status, browserSecret.json.code]).toEqual([403, 'secret_key_in_browser']);
    }
    const after = await snapshotTenant(t.db, tenant.id);
    expect(after.webhook_endpoints).toEqual(before.webhook_endpoints);
  });

  it(`allows at most ${MAX_ENDPOINTS} endpoints per tenant`, async () => {
    const crowded = await seedTenant(t.db, 'wh-crowded');
    await t.db.insert(webhookEndpoints).values(
      Array.from({ length: MAX_ENDPOINTS }, (_, i) => ({ tenantId: crowded.id, url: `https://h${i}.example/h`, eventTypes: ['*'], secretSealed: 'x' })),
    );
    const res = await create(t, crowded.secretKey, { url: 'https://one-more.example/h', eventTypes: ['*'] });
    expect([res.status, res.json.code]).toEqual([409, 'too_many_webhook_endpoints']);
  });
});

describe('in production (SSRF)', () => {
  let p: TestTenant;
  beforeAll(async () => {
    p = await seedTenant(prod.db, 'wh-prod');
  });

  it('registers only https URLs whose host has public addresses; otherwise 422 on `url`', async () => {
    const refused: [string, string][] = [
      ['http://93.184.216.34/hook', 'url_not_https'],
      ['https://127.0.0.1/hook', 'url_not_public'],
      ['https://localhost:8443/hook', 'url_not_public'],
      ['https://10.1.2.3/hook', 'url_not_public'],
      ['https://169.254.169.254/latest/meta-data', 'url_not_public'],
      ['https://100.64.0.1/hook', 'url_not_public'],
      ['https://[::1]/hook', 'url_not_public'],
      ['https://[fd00::5]/hook', 'url_not_public'],
      ['https://[fe80::1]/hook', 'url_not_public'],
      ['https://[::ffff:192.168.0.1]/hook', 'url_not_public'],
      ['https://0.0.0.0/hook', 'url_not_public'],
    ];
    for (const [url, code] of refused) {
      const res = await create(prod, p.secretKey, { url, eventTypes: ['*'] });
      expect(res.status, url).toBe(422);
      expect(res.json.errors, url).toEqual([{ path: 'url', code, message: expect.any(String) }]);
    }
    expect(await prod.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, p.id))).toEqual([]);
    const ok = await create(prod, p.secretKey, { url: 'https://93.184.216.34/hook', eventTypes: ['*'] });
    expect(ok.status).toBe(201);
    const v6 = await create(prod, p.secretKey, { url: 'https://[2606:4700:4700::1111]/hook', eventTypes: ['*'] });
    expect(v6.status).toBe(201);
  });

  it('checks again at delivery: a URL that is not https or now resolves to a private address is refused, nothing is sent', async () => {
    const sink = await startHttpSink();
    const port = new URL(sink.url).port;
    const q = await seedTenant(prod.db, 'wh-prod-deliver');
    // Rows as if registered while their hosts were public (or before production rules applied).
    // The system's DNS, except for one name that pointed elsewhere at registration and now points inside.
    const dns: Resolver = async (host) => (host === 'rebound.example.com' ? [{ address: '10.0.0.7', family: 4 }] : systemResolver(host));
    const cases: [string, RegExp][] = [
      [sink.url, /^webhook URL refused: http: URLs are not allowed, only https:$/],
      [`https://127.0.0.1:${port}/hook`, /^webhook URL refused: 127\.0\.0\.1 is not a public address$/],
      [`https://localhost:${port}/hook`, /^webhook URL refused: localhost resolves to .+, which is not a public address$/],
      ['https://rebound.example.com/hook', /^webhook URL refused: rebound\.example\.com resolves to 10\.0\.0\.7, which is not a public address$/],
    ];
    const ids: string[] = [];
    for (const [url] of cases) {
      const [endpoint] = await prod.db
        .insert(webhookEndpoints)
        .values({ tenantId: q.id, url, eventTypes: ['signup.created'], secretSealed: seal(prod.deps.env.secret, WEBHOOK_SECRET_PURPOSE, 'whsec_x') })
        .returning();
      ids.push(endpoint!.id);
    }
    await prod.db.transaction((tx) => emitEvent(tx, { tenantId: q.id, type: 'signup.created', data: { signupId: 's1' } }));
    prod.clock.advance(1000);
    expect(await worker(prod, webhookTransport({ resolve: dns })).runOnce()).toBe(cases.length);

    const rows = await prod.db.select().from(outbox).where(eq(outbox.tenantId, q.id));
    for (const [i, [url, error]] of cases.entries()) {
      const row = rows.find((r) => r.endpointId === ids[i])!;
      expect(row, url).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.lastError, url).toMatch(error);
    }
    expect(sink.requests).toEqual([]);
    await sink.close();
  });
  it('connects only to the addresses it checked: a name that turns private between check and connect is refused (DNS rebinding)', async () => {
    const sink = await startHttpSink();
    const r = await seedTenant(prod.db, 'wh-prod-rebind');
    const answers = ['93.184.216.34', '127.0.0.1']; // the check sees a public address, the connection would get loopback
    const dns: Resolver = async () => [{ address: answers.shift() ?? '127.0.0.1', family: 4 }];
    await prod.db.insert(webhookEndpoints).values({
      tenantId: r.id,
      url: `https://rebind.example.com:${new URL(sink.url).port}/hook`,
      eventTypes: ['*'],
      secretSealed: seal(prod.deps.env.secret, WEBHOOK_SECRET_PURPOSE, 'whsec_x'),
    });
    await prod.db.transaction((tx) => emitEvent(tx, { tenantId: r.id, type: 'password.changed', data: {} }));
    prod.clock.advance(1000);
    await worker(prod, webhookTransport({ resolve: dns })).runOnce();
    const [row] = await prod.db.select().from(outbox).where(eq(outbox.tenantId, r.id));
    expect(row).toMatchObject({ status: 'pending', lastError: 'webhook URL refused: rebind.example.com resolves to 127.0.0.1, which is not a public address' });
    expect(answers).toEqual([]);
    expect(sink.requests).toEqual([]);
    await sink.close();
  });
});

describe('emitEvent', () => {
  it('writes one message per endpoint subscribed to the type or to *, of this tenant only, in the caller\'s transaction', async () => {
    const fan = await seedTenant(t.db, 'wh-fan');
    const ids = {} as Record<'created' | 'all' | 'password' | 'both', string>;
    for (const [name, eventTypes] of [
      ['created', ['signup.created']],
      ['all', ['*']],
      ['password', ['password.changed']],
      ['both', ['signup.confirmed', 'signup.created']],
    ] as const) {
      ids[name] = (await create(t, fan.secretKey, { url: `https://${name}.example/h`, eventTypes })).json.id;
    }
    await create(t, other.secretKey, { url: 'https://other-tenant.example/h', eventTypes: ['*'] });
    const otherBefore = await t.db.select().from(outbox).where(eq(outbox.tenantId, other.id));

    await t.db.transaction((tx) => emitEvent(tx, { tenantId: fan.id, type: 'signup.created', data: { signupId: 'sg_1' } }));
    const rows = await t.db.select().from(outbox).where(eq(outbox.tenantId, fan.id));
    expect(rows.map((r) => r.endpointId).sort()).toEqual([ids.created, ids.all, ids.both].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ channel: 'webhook', status: 'pending' });
      expect(row.payload).toEqual({ event: 'signup.created', data: { signupId: 'sg_1' } } satisfies WebhookPayload);
    }
    expect(await t.db.select().from(outbox).where(eq(outbox.tenantId, other.id))).toEqual(otherBefore);

    await t.db.transaction((tx) => emitEvent(tx, { tenantId: fan.id, type: 'profile.mobile_changed', data: {} }));
    const mobile = await t.db.select().from(outbox).where(and(eq(outbox.tenantId, fan.id), eq(outbox.endpointId, ids.all)));
    expect(mobile).toHaveLength(2); // only `*` wants it

    await expect(
      t.db.transaction(async (tx) => {
        await emitEvent(tx, { tenantId: fan.id, type: 'password.changed', data: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.select().from(outbox).where(eq(outbox.endpointId, ids.password))).toEqual([]);
  });

  it('writes nothing for a tenant without endpoints', async () => {
    const quiet = await seedTenant(t.db, 'wh-quiet');
    await t.db.transaction((tx) => emitEvent(tx, { tenantId: quiet.id, type: 'signup.confirmed', data: { signupId: 'x' } }));
    expect(await t.db.select().from(outbox).where(eq(outbox.tenantId, quiet.id))).toEqual([]);
  });
});

describe('delivery, verified with the README snippet', () => {
  it('a delivered webhook verifies; a tampered body, an old timestamp or the wrong secret fail', async () => {
    const sink = await startHttpSink();
    const receiver = await seedTenant(t.db, 'wh-deliver');
    const created = await create(t, receiver.secretKey, { url: sink.url, eventTypes: ['signup.confirmed'] });
    expect(created.status).toBe(201);
    const deliver = worker(t, webhookTransport({ allowPrivate: true }));

    await t.db.transaction((tx) => emitEvent(tx, { tenantId: receiver.id, type: 'signup.confirmed', data: { signupId: 'sg_42' } }));
    t.clock.advance(1000);
    await deliver.runOnce();
    expect(sink.requests).toHaveLength(1);
    const { headers, body } = sink.requests[0]!;
    const header = String(headers['telkit-signature']);

    const [row] = await t.db.select().from(outbox).where(eq(outbox.tenantId, receiver.id));
    expect(row!.status).toBe('sent');
    const event = webhookEventSchema.parse(JSON.parse(body));
    expect(event).toEqual({ id: row!.id, type: 'signup.confirmed', created: row!.createdAt.toISOString(), data: { signupId: 'sg_42' } });
    expect(headers['telkit-message-id']).toBe(row!.id);

    const t0 = Number(/t=(\d+)/.exec(header)![1]);
    expect(Math.abs(t0 - Math.floor(t.clock.now().getTime() / 1000))).toBeLessThanOrEqual(1);
    const secret: string = created.json.secret;
    expect(verify(secret, header, body, t0)).toBe(true);
    expect(verify(secret, header, Buffer.from(body), t0 + 300)).toBe(true);
    expect(verify(secret, header, body.replace('sg_42', 'sg_43'), t0)).toBe(false);
    expect(verify(secret, header, `${body} `, t0)).toBe(false);
    expect(verify(secret, header, body, t0 + 301)).toBe(false);
    expect(verify(secret, header, body, t0 - 301)).toBe(false);
    expect(verify(secret, header.replace(/t=\d+/, `t=${t0 + 1}`), body, t0)).toBe(false);
    expect(verify(`${secret}x`, header, body, t0)).toBe(false);
    expect(verify(secret, undefined, body, t0)).toBe(false);
    expect(verify(secret, 'garbage', body, t0)).toBe(false);

    // After a rotation, the next delivery verifies with the new secret only.
    const rotated = await call(t.app, 'POST', `/v1/webhook-endpoints/${created.json.id}/rotate-secret`, { key: receiver.secretKey });
    await t.db.transaction((tx) => emitEvent(tx, { tenantId: receiver.id, type: 'signup.confirmed', data: { signupId: 'sg_43' } }));
    t.clock.advance(1000);
    await deliver.runOnce();
    expect(sink.requests).toHaveLength(2);
    const second = sink.requests[1]!;
    const t1 = Number(/t=(\d+)/.exec(String(second.headers['telkit-signature']))![1]);
    expect(verify(rotated.json.secret, String(second.headers['telkit-signature']), second.body, t1)).toBe(true);
    expect(verify(secret, String(second.headers['telkit-signature']), second.body, t1)).toBe(false);
    await sink.close();
  });
});
