import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, idempotencyKeys, signups, tariffs, users } from '../../bff/db/schema/index.js';
import { sha256 } from '../../bff/lib/crypto.js';
import { businessSignup, privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';

/** Issue 11.1: the done screen's "resend" and "wrong address? change it", and the confirm page leading on. */
let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let tariffOf: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'activation');
  other = await seedTenant(t.db, 'activation-other');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  tariffOf = Object.fromEntries(rows.map((r) => [r.accountTypes[0]!, r.id]));
});
afterAll(() => t.close());

let ip = 0;
beforeEach(() => {
  ip++;
});

const post = (path: string, body: unknown, o: { as?: TestTenant; lang?: string } = {}) =>
  call(t.app, 'POST', path, {
    key: (o.as ?? tenant).publishableKey,
    origin: (o.as ?? tenant).origin,
    body,
    headers: { 'x-forwarded-for': `198.51.100.${ip}`, ...(o.lang && { 'accept-language': o.lang }) },
  });

async function signup(make: () => Record<string, any> = privateSignup, email = 'wrong@typo.example') {
  const s = make();
  s.tariffId = tariffOf[s.accountType];
  s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  if (s.accountType === 'business') s.contact.email = email;
  else s.person.email = email;
  const res = await post('/v1/signups', s);
  expect(res.status).toBe(201);
  return res.json as { id: string; handle: string; email: string };
}

const mailsTo = async (to: string) => (await emailsOf(t.db, tenant.id)).filter((m) => m.to === to);
const minute = () => t.clock.advance(61_000);
const form = (path: string, token: string) =>
  t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });

describe('the signup handle', () => {
  it('comes back once with the signup; only its hash is stored', async () => {
    const created = await signup();
    expect(created.handle).toMatch(/^tk_sgh_[A-Za-z0-9_-]{32}$/);
    const [row] = await t.db.select().from(signups).where(eq(signups.id, created.id));
    expect(row!.handleHash).toBe(sha256(created.handle));
    expect(JSON.stringify(row)).not.toContain(created.handle);
  });

  it('is not kept in the idempotency store: a replay answers the same signup without it', async () => {
    const s: Record<string, any> = privateSignup();
    s.tariffId = tariffOf.private;
    s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    s.person.email = 'replay@typo.example';
    const send = () => call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body: s, headers: { 'idempotency-key': 'handle-replay-1' } });
    const first = await send();
    expect(first.json.handle).toMatch(/^tk_sgh_/);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ ...first.json, handle: null });
    const stored = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'handle-replay-1'));
    expect(JSON.stringify(stored)).not.toContain(first.json.handle);
  });
});

describe('POST /v1/signups/:id/resend', () => {
  it('waits a minute after the last e-mail (429 with Retry-After), then sends a fresh link and supersedes the old one', async () => {
    const created = await signup(privateSignup, 'resend@activation.example');
    const early = await post(`/v1/signups/${created.id}/resend`, { handle: created.handle });
    expect(early.status).toBe(429);
    const wait = Number(early.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await mailsTo('resend@activation.example')).toHaveLength(1);

    const old = tokenIn((await mailsTo('resend@activation.example'))[0]!, '/confirm');
    minute();
    const res = await post(`/v1/signups/${created.id}/resend`, { handle: created.handle });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ status: 'sent', retryAfter: 60 });
    expect(res.headers.get('retry-after')).toBe('60');
    const mails = await mailsTo('resend@activation.example');
    expect(mails).toHaveLength(2);
    const fresh = tokenIn(mails[1]!, '/confirm');
    expect(fresh).not.toBe(old);
    expect((await post('/v1/confirmations', { token: old })).json.code).toBe('link_superseded');

    // The countdown the widget shows is the server's: right after a send, the next one waits again.
    const again = await post(`/v1/signups/${created.id}/resend`, { handle: created.handle });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(55);
  });

  it('two parallel resends send one e-mail: the one-a-minute wait holds under concurrency', async () => {
    const created = await signup(privateSignup, 'parallel@activation.example');
    minute();
    const answers = await Promise.all([0, 1, 2].map(() => post(`/v1/signups/${created.id}/resend`, { handle: created.handle })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 429, 429]);
    expect(await mailsTo('parallel@activation.example')).toHaveLength(2);
  });

  it('sends at most three an hour per signup', async () => {
    const created = await signup(privateSignup, 'three@activation.example');
    for (let i = 0; i < 3; i++) {
      minute();
      ip++; // not the per-IP limit
      expect((await post(`/v1/signups/${created.id}/resend`, { handle: created.handle })).status).toBe(202);
    }
    minute();
    ip++;
    const fourth = await post(`/v1/signups/${created.id}/resend`, { handle: created.handle });
    expect(fourth.status).toBe(429);
    expect(fourth.json.code).toBe('rate_limited');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await mailsTo('three@activation.example')).toHaveLength(4);
  });

  it('a wrong handle, a wrong id or another tenant\'s key is a 404, and nothing is sent', async () => {
    const created = await signup(privateSignup, 'guess@activation.example');
    minute();
    const wrongHandle = await post(`/v1/signups/${created.id}/resend`, { handle: `tk_sgh_${'x'.repeat(32)}` });
    const wrongId = await post(`/v1/signups/00000000-0000-4000-8000-000000000000/resend`, { handle: created.handle });
    const notAnId = await post(`/v1/signups/not-an-id/resend`, { handle: created.handle });
    const foreign = await post(`/v1/signups/${created.id}/resend`, { handle: created.handle }, { as: other });
    for (const res of [wrongHandle, wrongId, notAnId, foreign]) {
      expect(res.status).toBe(404);
      expect(res.json.code).toBe('not_found');
    }
    const { requestId: _a, ...one } = wrongHandle.json;
    const { requestId: _b, ...two } = wrongId.json;
    expect(one).toEqual(two);
    expect(await mailsTo('guess@activation.example')).toHaveLength(1);
  });
});

describe('POST /v1/signups/:id/email', () => {
  it('corrects the address (column and stored data), supersedes the old link, sends a new one there, audits', async () => {
    const created = await signup(privateSignup, 'wrong2@typo.example');
    const old = tokenIn((await mailsTo('wrong2@typo.example'))[0]!, '/confirm');
    const res = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'Right@Activation.example' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: created.id, email: 'right@activation.example', status: 'pending_confirmation', retryAfter: 60 });
    const [row] = await t.db.select().from(signups).where(eq(signups.id, created.id));
    expect(row!.email).toBe('right@activation.example');
    expect((row!.data as any).person.email).toBe('right@activation.example');
    const superseded = await post('/v1/confirmations', { token: old });
    expect(superseded.json.code, superseded.text).toBe('link_superseded');
    const [mail] = await mailsTo('right@activation.example');
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, 'signup.email_changed')));
    expect(audits.map((a) => a.targetId)).toContain(created.id);
    expect(JSON.stringify(audits)).not.toContain(created.handle);

    // The new link confirms, and the account gets the new address.
    expect((await post('/v1/confirmations', { token: tokenIn(mail!, '/confirm') })).json.status).toBe('confirmed');
    const [user] = await t.db.select().from(users).where(eq(users.email, 'right@activation.example'));
    expect(user).toBeDefined();

    // Confirmed: the address no longer changes here.
    const late = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'later@activation.example' });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('invalid_transition');
  });

  it('changes a business contact\'s address', async () => {
    const created = await signup(businessSignup, 'boss@typo.example');
    const res = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'boss@activation.example' });
    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(signups).where(eq(signups.id, created.id));
    expect((row!.data as any).contact.email).toBe('boss@activation.example');
    expect(await mailsTo('boss@activation.example')).toHaveLength(1);
  });

  it('a bad address is a field error on email, in the caller\'s language', async () => {
    const created = await signup(privateSignup, 'field@activation.example');
    const de = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'not-an-address' });
    expect(de.status).toBe(422);
    expect(de.json.errors).toEqual([expect.objectContaining({ path: 'email', message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' })]);
    const en = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'not-an-address' }, { lang: 'en' });
    expect(en.json.errors[0].message).toBe('Please enter a valid e-mail address.');
  });

  it('a wrong handle or another tenant\'s key is a 404 and changes nothing', async () => {
    const created = await signup(privateSignup, 'keep@activation.example');
    const wrong = await post(`/v1/signups/${created.id}/email`, { handle: `tk_sgh_${'y'.repeat(32)}`, email: 'evil@attacker.example' });
    const foreign = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'evil@attacker.example' }, { as: other });
    expect([wrong.status, foreign.status]).toEqual([404, 404]);
    const [row] = await t.db.select().from(signups).where(eq(signups.id, created.id));
    expect(row!.email).toBe('keep@activation.example');
  });

  it('allows three changes an hour per signup', async () => {
    const created = await signup(privateSignup, 'many0@activation.example');
    for (let i = 1; i <= 3; i++) {
      ip++;
      expect((await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: `many${i}@activation.example` })).status).toBe(200);
    }
    ip++;
    const fourth = await post(`/v1/signups/${created.id}/email`, { handle: created.handle, email: 'many4@activation.example' });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the confirm page leads on to setting the password', () => {
  it('with the credentials e-mail\'s own set-password token, the username and the e-mail\'s language', async () => {
    const s = privateSignup();
    s.tariffId = tariffOf.private!;
    s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
    s.person.email = 'leads-on@activation.example';
    expect((await call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, body: s, headers: { 'accept-language': 'en', 'x-forwarded-for': '203.0.113.9' } })).status).toBe(201);
    const token = tokenIn((await mailsTo('leads-on@activation.example'))[0]!, '/confirm');
    const res = await form('/confirm', token);
    const page = await res.text();
    expect(res.status).toBe(200);
    const credentials = (await mailsTo('leads-on@activation.example'))[1]!;
    const setPassword = tokenIn(credentials, '/set-password');
    // One link row, two carriers: the page's link is the e-mail's.
    expect(page).toContain(`href="/set-password?token=${setPassword}&amp;lang=en"`);
    const [user] = await t.db.select().from(users).where(eq(users.email, 'leads-on@activation.example'));
    expect(page).toContain(user!.username);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Set password</a>');

    // The set-password page shows whose password it is.
    const next = await (await t.app.request(`/set-password?token=${setPassword}&lang=en`)).text();
    expect(next).toContain(`username="${user!.username}"`);

    // A second press does not reveal the token again.
    const again = await (await form('/confirm', token)).text();
    expect(again).not.toContain('/set-password?token=');
  });
});
