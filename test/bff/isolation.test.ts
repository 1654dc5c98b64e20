import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, tariffs } from '../../bff/db/schema/index.js';
import { createSession } from '../../bff/domain/sessions.js';
import { emitEvent } from '../../bff/domain/webhooks.js';
import { enqueue } from '../../bff/messaging/outbox.js';
import { emailsOf, lastPin, TEST_BUDGET, tokenIn } from './helpers/outbox.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedContract } from './helpers/contracts.js';
import { markersOf, snapshotTenant, UUID } from './helpers/isolation.js';
import { browser, coUserBody, seedUser, setPasswordToken } from './helpers/portal.js';
import { seedAgent, seedPorting, seedPortingScenario } from './helpers/porting.js';
import { privateSignup } from '../contract/fixtures.js';

/**
 * Tenant isolation for every route the app registers under /v1, found from `app.routes`: a new route is
 * probed without touching this file. Tenant A calls each route with each of its credentials, with path
 * parameters set to every id of tenant B; no response may contain B's data and B's rows must not change.
 */
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let aSessions: string[];
/** Mints a fresh session of A's admin acting on A's location: `/return` ends the one it is called with. */
let freshActing: () => Promise<string>;
let bEndpointId: string;
const B_PASSWORD = 'b-password-long-enough';
/** A's browser calls come from an address no call of B's is a prefix of (B's are markers). */
const A_IP = '198.18.7.7';
let bHandle: string;
let bCoTariff: string;
const bSubUserIds: string[] = [];
let bCustomerNumbers: string[];
/** B's porting: its PBX product, a customer and its orders (ids are markers and path parameters). */
let bPorting: { productId: string; customerId: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.db, 'iso-a');
  b = await seedTenant(t.db, 'iso-b');
  await enqueue(t.db, { tenantId: b.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'b@iso-b.example', subject: 'B secret', text: 'for B' } });
  // B has an idempotent record too.
  await call(t.app, 'POST', '/v1/api-keys', { key: b.secretKey, body: { kind: 'publishable', label: 'b-label' }, headers: { 'idempotency-key': 'b-key-1' } });
  // B has a webhook endpoint with a message queued for it.
  const endpoint = await call(t.app, 'POST', '/v1/webhook-endpoints', {
    key: b.secretKey,
    body: { url: 'https://hooks.iso-b.example/telkit', eventTypes: ['*'], description: 'b-webhook-description' },
  });
  bEndpointId = endpoint.json.id;
  await t.db.transaction((tx) => emitEvent(tx, { tenantId: b.id, type: 'signup.created', data: { signupId: 'b-signup-webhook' } }));
  // B has a pending signup; A gets to try its handle on the signup routes (resend, change the address).
  const signup: Record<string, any> = privateSignup();
  signup.tariffId = (await t.db.select().from(tariffs).where(eq(tariffs.tenantId, b.id)))[0]!.id;
  signup.terms.version = `v-${b.name.replace('Tenant ', '')}`;
  bHandle = (await call(t.app, 'POST', '/v1/signups', { key: b.publishableKey, origin: b.origin, body: signup })).json.handle;
  // B's portal: a user with a session, an open PIN challenge, a set-password link and an embed secret.
  const bUser = await seedUser(t.db, b, { password: B_PASSWORD });
  const bSession = await browser(t, b).login(bUser);
  // B's business account has co-users: one pending, one active, one with its cancellation scheduled.
  const bTariffs = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, b.id));
  bCoTariff = bTariffs.find((r) => r.forSubUsers)!.id;
  for (let i = 0; i < 3; i++) {
    const added = await browser(t, b).post('/v1/sub-users', coUserBody(bCoTariff, { invoiceNote: `b-note-${i}` }), bSession);
    bSubUserIds.push(added.json.id);
    if (i === 0) continue;
    const mail = (await emailsOf(t.db, b.id)).filter((m) => m.to === added.json.email).at(-1)!;
    await call(t.app, 'POST', '/v1/confirmations', { key: b.publishableKey, origin: b.origin, body: { token: tokenIn(mail, '/confirm') } });
    if (i === 2) await browser(t, b).post(`/v1/sub-users/${added.json.id}/cancel`, {}, bSession);
  }
  // B's account is a main account: a linked location (by its admin's code) and an order of a new one.
  const bSub = await seedUser(t.db, b, { password: B_PASSWORD });
  const asked = await browser(t, b).post('/v1/locations/link-requests', { customerNumber: bSub.customerNumber, collectiveInvoice: true }, bSession);
  await browser(t, b).post(`/v1/locations/link-requests/${asked.json.challengeId}/confirm`, { pin: await lastPin(t.db, b.id, bSub.mobile) }, bSession);
  await browser(t, b).post('/v1/locations/intents', { collectiveInvoice: false }, bSession);
  bCustomerNumbers = [bUser.customerNumber, bSub.customerNumber];
  // B's contracts, on its main account and its location: their ids are path parameters of A's rotation.
  await seedContract(t.db, b, bUser.accountId, { siteName: 'b-site-main' });
  await seedContract(t.db, b, bSub.accountId, { product: 'cloud_pbx', name: 'Cloud PBX Filialvertrag', siteName: 'b-site-location' });
  // B's partner agent: a customer, a draft and a submitted port order (temporary numbers given), and the
  // signed power of attorney uploaded to it.
  const porting = await seedPortingScenario(t, b, { pool: 3 });
  bPorting = { productId: porting.productId, customerId: porting.customerId };
  const pdf = '%PDF-1.4\n% b-signed-power-of-attorney\n%%EOF\n';
  const uploaded = await call(t.app, 'POST', `/v1/port-orders/${porting.submittedId}/documents?fileName=b-vollmacht.pdf`, {
    key: porting.session,
    origin: b.origin,
    rawBody: pdf,
    headers: { 'content-type': 'application/pdf' },
  });
  expect(uploaded.status, uploaded.text).toBe(201);
  await browser(t, b).post('/v1/sessions', { username: bUser.username, password: bUser.password });
  await setPasswordToken(t.db, b, bUser);
  await call(t.app, 'POST', '/v1/embed-sessions', { key: b.secretKey, body: { username: bUser.username, components: ['tk-profile'] } });
  // A calls with its keys and with sessions of its own user: from a login and from an embed session.
  const aUser = await seedUser(t.db, a, { password: 'a-password-long-enough' });
  const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: a.secretKey, body: { username: aUser.username, components: ['tk-profile', 'tk-sub-users'] } });
  const embed = await browser(t, a, A_IP).post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret });
  // A is a main account too, and one of its sessions acts on its location.
  const aSub = await seedUser(t.db, a, { password: 'a-password-long-enough' });
  const aMain = await browser(t, a, A_IP).login(aUser);
  const aAsked = await browser(t, a, A_IP).post('/v1/locations/link-requests', { customerNumber: aSub.customerNumber, collectiveInvoice: false }, aMain);
  await browser(t, a, A_IP).post(`/v1/locations/link-requests/${aAsked.json.challengeId}/confirm`, { pin: await lastPin(t.db, a.id, aSub.mobile) }, aMain);
  await seedContract(t.db, a, aUser.accountId, { siteName: 'a-site-main' });
  await seedContract(t.db, a, aSub.accountId, { siteName: 'a-site-location' });
  const acting = await browser(t, a, A_IP).post(`/v1/locations/${aSub.accountId}/switch`, {}, aMain);
  expect(acting.status, acting.text).toBe(201);
  const [actingRow] = await t.db.select().from(sessions).where(eq(sessions.actingAccountId, aSub.accountId));
  freshActing = async () =>
    (await createSession(t.db, { tenantId: a.id, userId: aUser.id, source: 'login', now: t.clock.now(), acting: { accountId: aSub.accountId, parentSessionId: actingRow!.parentSessionId! } })).token;
  // A has a partner agent too, with porting set up: it calls the porting routes with B's ids.
  await seedPorting(t.db, a);
  const aAgent = await seedAgent(t.db, a);
  aSessions = [await browser(t, a, A_IP).login(aUser), embed.json.token, await browser(t, a, A_IP).login(aAgent)];
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it('no /v1 route lets tenant A read or change tenant B', async () => {
    const before = await snapshotTenant(t.db, b.id);
    // A calendar day (a co-user's start or end date) and the shared vocabulary (statuses, actor kinds,
    // actions, reasons: `cancellation_scheduled`, `sub_user.created`) identify nobody: every tenant has them.
    // Only the vocabulary columns' values are dropped: a username (`erika.musterc`) still counts as B's.
    const vocabulary = new Set(
      Object.values(before)
        .flat()
        .flatMap((row) => Object.entries(row as Record<string, unknown>))
        .filter(([column, value]) => typeof value === 'string' && /^(status|toStatus|fromStatus|action|reason|entity|actorKind|purpose|channel|role|kind|targetType|source|numberType|licence|signing|timing|scope|country|currentProvider|contentType|currency)$/.test(column))
        .map(([, value]) => value as string),
    );
    const markers = markersOf(before, await snapshotTenant(t.db, a.id)).filter((m) => !/^\d{4}-\d\d-\d\d$/.test(m) && !vocabulary.has(m));
    const bIds = [...new Set(markers.filter((m) => UUID.test(m)))];
    expect(bIds.length).toBeGreaterThan(5);
    expect(bIds).toContain(bEndpointId);
    expect(bIds).toEqual(expect.arrayContaining(bSubUserIds));
    // B's co-users' usernames are markers too: a leak of one would be caught.
    expect(markers.some((m) => /^[a-z]+\.[a-z]+\d*$/.test(m))).toBe(true);

    const routes = t.app.routes.filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL');
    // DELETEs last: logging out A's sessions first would leave the other session routes unprobed; so are
    // the routes that end the session they are called with (a return from a location, a switch).
    const ending = (r: { method: string; path: string }) => Number(r.method === 'DELETE') * 2 + Number(/\/locations\/(return|:accountId\/switch)$/.test(r.path));
    const unique = [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()].sort((x, y) => ending(x) - ending(y));
    expect(unique.length).toBeGreaterThanOrEqual(6);
    expect(unique.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /v1/me/step-up', 'POST /v1/me/password', 'PATCH /v1/me']));

    // The acting session: a fresh one for every call, so that every location route really meets it live.
    const ACTING = 'acting';
    const credentials = [{ key: a.publishableKey, origin: a.origin }, { key: a.secretKey }, ...aSessions.map((key) => ({ key, origin: a.origin })), { key: ACTING, origin: a.origin }];
    let answered = 0;
    const actingAnswers = new Map<string, number[]>();
    for (const route of unique) {
      const paths = route.path.includes(':') ? bIds.map((id) => route.path.replace(/:[^/]+/g, id)) : [route.path];
      for (const [index, path] of paths.entries()) {
        for (const cred of credentials) {
          const bodies =
            route.method === 'GET' || route.method === 'DELETE'
              ? [undefined]
              : [
                  {},
                  // B's id, tenant and signup handle in the body: with the first of B's ids in the path (B's ids
                  // in the path are tried with the other bodies; every id with these too would double the probe).
                  ...(index === 0 ? [{ id: bIds[0], tenantId: b.id }, { handle: bHandle, email: 'taken-over@iso-a.example' }] : []),
                  // A co-user with B's tariff, and changes naming it: B's tariff is unknown to A.
                  ...(route.path.startsWith('/v1/sub-users') ? [coUserBody(bCoTariff), { tariffId: bCoTariff }, { invoiceNote: 'a-note' }, { endDate: '2099-01-01' }] : []),
                  // B's ids as challenge ids; a route with a path parameter has them in its path already.
                  ...(route.path.includes(':') ? [] : bIds.map((challengeId) => ({ challengeId, pin: '000000' }))),
                  // B's customer numbers to link, and changes of B's locations.
                  ...(route.path.startsWith('/v1/locations') ? [{ collectiveInvoice: false }] : []),
                  // New credentials for B's contracts (in the path), with consent.
                  ...(route.path.startsWith('/v1/contracts') ? [{ consent: true }] : []),
                  ...(route.path.startsWith('/v1/locations') && !route.path.includes(':') ? bCustomerNumbers.map((customerNumber) => ({ customerNumber, collectiveInvoice: true })) : []),
                  // B's customer, product and orders named in A's porting bodies.
                  // (Routes with a path parameter have B's ids there already.)
                  ...(/^\/v1\/(port-orders|numbers)/.test(route.path) && !route.path.includes(':')
                    ? [
                        { customerId: bPorting.customerId, subscription: { tariffId: bPorting.productId } },
                        ...bIds.map((orderId) => ({ country: 'CH', lines: ['044 000 00 00'], orderId })),
                      ]
                    : []),
                  // B's password: a step-up or password change of A's user must not take it.
                  ...(route.path.startsWith('/v1/me') ? [{ password: B_PASSWORD }, { currentPassword: B_PASSWORD, newPassword: 'a-new-password-long-enough' }] : []),
                ];
          for (const body of bodies) {
            // Each call from its own client address: per-IP limits must not be what answers.
            const ip = `10.${(answered >> 16) & 255}.${(answered >> 8) & 255}.${answered & 255}`;
            // Limits start afresh for every call: a probe answered by a limit (429) would probe nothing.
            await t.db.execute(sql`delete from rate_limits`);
            const key = cred.key === ACTING ? await freshActing() : cred.key;
            const res = await call(t.app, route.method, path, { ...cred, key, body, headers: { 'x-forwarded-for': ip } });
            answered++;
            expect(res.status, `${route.method} ${path}`).toBeLessThan(500);
            expect(res.status, `${route.method} ${path} was rate limited`).not.toBe(429);
            if (cred.key === ACTING) {
              expect(res.json?.code, `${route.method} ${path}: the acting session must be live`).not.toBe('session_expired');
              actingAnswers.set(`${route.method} ${route.path}`, [...(actingAnswers.get(`${route.method} ${route.path}`) ?? []), res.status]);
            }
            for (const marker of markers) {
              expect(res.text, `${route.method} ${path} leaked ${marker}`).not.toContain(marker);
            }
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(unique.length);
    // Every location route met the acting session, and the read and return routes answered it in full.
    for (const r of unique.filter((x) => x.path.startsWith('/v1/locations'))) expect(actingAnswers.has(`${r.method} ${r.path}`), r.path).toBe(true);
    expect(actingAnswers.get('GET /v1/locations')).toContain(200);
    expect(actingAnswers.get('POST /v1/locations/return')).toContain(201);
    expect(actingAnswers.get('GET /v1/contracts')).toContain(200);
    expect(actingAnswers.get('POST /v1/contracts/:id/internet-credentials')).toEqual(expect.arrayContaining([404]));
    expect(await snapshotTenant(t.db, b.id)).toEqual(before);
  }, 900_000); // thousands of calls: every route, every id of B, every credential (about 8 minutes on PGlite on a busy machine)

  it('the probe can see data: A reading its own config finds A\'s markers', async () => {
    const own = markersOf(await snapshotTenant(t.db, a.id), await snapshotTenant(t.db, b.id));
    const res = await call(t.app, 'GET', '/v1/tenant', { key: a.secretKey });
    expect(own.some((m) => res.text.includes(m))).toBe(true);
  });
});
