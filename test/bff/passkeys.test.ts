import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, tenants, users, webauthnChallenges, webauthnCredentials } from '../../bff/db/schema/index.js';
import { passkeyLoginOptions } from '../../bff/domain/passkeys.js';
import { createSession } from '../../bff/domain/sessions.js';
import { sha256 } from '../../bff/lib/crypto.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { registerPasskey, softAuthenticator, steppedUpSession, usePasskeys } from './helpers/authenticator.js';
import { browser, seedUser } from './helpers/portal.js';

/**
 * Passkeys (issue 18): added in the profile after a step-up, sign-in without password or PIN. The
 * answers come from a software authenticator; the tenants' relying parties are their origins' hosts.
 */
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
const PASSWORD = 'grüne Wiese am Morgen';

beforeAll(async () => {
  t = await createTestApp();
  a = await seedTenant(t.db, 'pk-a');
  b = await seedTenant(t.db, 'pk-b');
  await usePasskeys(t, a);
  await usePasskeys(t, b);
});
afterAll(() => t.close());

/** A user of `tenant` with a passkey registered through the profile. */
async function userWithPasskey(tenant: TestTenant) {
  const user = await seedUser(t.db, tenant, { password: PASSWORD });
  const session = await steppedUpSession(t, tenant, user);
  const { authenticator, added } = await registerPasskey(t, tenant, session);
  expect(added.status).toBe(201);
  return { user, session, authenticator };
}

/** Sign-in options from `tenant`'s login page. */
async function loginOptions(tenant: TestTenant) {
  const res = await browser(t, tenant).post('/v1/sessions/passkey/options', undefined);
  expect(res.status).toBe(200);
  return res.json as { challengeId: string; options: Record<string, any> };
}

const signIn = (tenant: TestTenant, challengeId: string, credential: Record<string, unknown>) => browser(t, tenant).post('/v1/sessions/passkey', { challengeId, credential });
const failures = (tenant: TestTenant) => t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, 'passkey.failed')));

describe('signing in with a passkey', () => {
  it('opens a session that records the passkey, without password or PIN, and counts the use', async () => {
    const { user, authenticator } = await userWithPasskey(a);
    const ceremony = await loginOptions(a);
    expect(ceremony.options).toMatchObject({ rpId: new URL(a.origin).hostname, userVerification: 'required', allowCredentials: [] });
    const res = await signIn(a, ceremony.challengeId, authenticator.get(ceremony.options, a.origin));
    expect(res.status).toBe(201);
    expect(res.json.user.username).toBe(user.username);
    const [session] = await t.db.select().from(sessions).where(eq(sessions.tokenHash, sha256(res.json.token)));
    expect(session).toMatchObject({ userId: user.id, factor: 'passkey', source: 'login' });
    expect((await browser(t, a).get('/v1/me', res.json.token)).status).toBe(200);
    const [passkey] = await t.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id));
    expect(passkey!.counter).toBe(2); // 1 at registration, 2 now
    expect(passkey!.lastUsedAt).not.toBeNull();
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, 'login.succeeded')));
    expect(entry!.data).toEqual({ factor: 'passkey' });
  });

  it('refuses a replayed answer: the challenge works once', async () => {
    const { user, authenticator } = await userWithPasskey(a);
    const ceremony = await loginOptions(a);
    const answer = authenticator.get(ceremony.options, a.origin);
    expect((await signIn(a, ceremony.challengeId, answer)).status).toBe(201);
    const replay = await signIn(a, ceremony.challengeId, answer);
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('passkey_failed');
    // A fresh answer to the used challenge (the counter grew) is refused as well.
    expect((await signIn(a, ceremony.challengeId, authenticator.get(ceremony.options, a.origin))).status).toBe(401);
    const logins = await t.db.select().from(sessions).where(and(eq(sessions.userId, user.id), eq(sessions.factor, 'passkey')));
    expect(logins).toHaveLength(1);
    expect((await failures(a)).some((e) => e.data && (e.data as any).reason === 'challenge')).toBe(true);
  });

  it('refuses an answer without user verification, and that challenge is spent', async () => {
    const { user, authenticator } = await userWithPasskey(a);
    const ceremony = await loginOptions(a);
    const res = await signIn(a, ceremony.challengeId, authenticator.get(ceremony.options, a.origin, { userVerified: false }));
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('passkey_failed');
    expect(res.text).not.toMatch(/verif|flag/i); // never the library's words
    const [entry] = (await failures(a)).filter((e) => e.targetId === user.id);
    expect(entry!.data).toEqual({ reason: 'verification' });
    expect((await signIn(a, ceremony.challengeId, authenticator.get(ceremony.options, a.origin))).status).toBe(401);
  });

  it('refuses a counter that goes back (a cloned authenticator)', async () => {
    const { authenticator } = await userWithPasskey(a);
    const first = await loginOptions(a);
    expect((await signIn(a, first.challengeId, authenticator.get(first.options, a.origin, { counter: 7 }))).status).toBe(201);
    const second = await loginOptions(a);
    expect((await signIn(a, second.challengeId, authenticator.get(second.options, a.origin, { counter: 5 }))).status).toBe(401);
  });

  it('refuses answers made for another tenant: its relying party, its origin, its credentials', async () => {
    const { authenticator } = await userWithPasskey(a);
    const rpA = new URL(a.origin).hostname;
    const rpB = new URL(b.origin).hostname;

    // Made on A's page for A's relying party, sent to B with B's challenge: B knows no such passkey.
    const atB = await loginOptions(b);
    const forA = await signIn(b, atB.challengeId, authenticator.get(atB.options, a.origin, { rpId: rpA }));
    expect(forA.status).toBe(401);
    expect((await failures(b)).map((e) => e.data)).toContainEqual({ reason: 'unknown_credential' });
    // Even A's challenge sent to B: the challenge is A's, not B's.
    const atA = await loginOptions(a);
    expect((await signIn(b, atA.challengeId, authenticator.get(atA.options, a.origin))).status).toBe(401);

    // At A: an answer signed for B's RP ID, or made on B's page, is refused by the checks themselves.
    const rpIdOfB = await loginOptions(a);
    expect((await signIn(a, rpIdOfB.challengeId, authenticator.get(rpIdOfB.options, a.origin, { rpId: rpB }))).status).toBe(401);
    const originOfB = await loginOptions(a);
    expect((await signIn(a, originOfB.challengeId, authenticator.get(originOfB.options, b.origin))).status).toBe(401);
    // And the passkey still works where it belongs.
    const fine = await loginOptions(a);
    expect((await signIn(a, fine.challengeId, authenticator.get(fine.options, a.origin))).status).toBe(201);
  });

  it('after the password, takes only that user\'s passkey (the step\'s options name them)', async () => {
    const owner = await userWithPasskey(a);
    const intruder = await userWithPasskey(a);
    const [tenantRow] = await t.db.select().from(tenants).where(eq(tenants.id, a.id));
    const [ownerRow] = await t.db.select().from(users).where(eq(users.id, owner.user.id));
    const step = await passkeyLoginOptions(t.db, { tenant: tenantRow!, now: t.clock.now(), publicUrl: 'http://localhost:8787', origin: a.origin, user: ownerRow! });
    expect(step.options.allowCredentials).toMatchObject([{ id: owner.authenticator.credentialId }]);
    const wrong = await signIn(a, step.challengeId, intruder.authenticator.get(step.options, a.origin));
    expect(wrong.status).toBe(401);
    expect((await failures(a)).find((e) => e.targetId === intruder.user.id)!.data).toEqual({ reason: 'wrong_user' });
    const next = await passkeyLoginOptions(t.db, { tenant: tenantRow!, now: t.clock.now(), publicUrl: 'http://localhost:8787', origin: a.origin, user: ownerRow! });
    expect((await signIn(a, next.challengeId, owner.authenticator.get(next.options, a.origin))).status).toBe(201);
  });

  it('refuses an expired challenge', async () => {
    const { authenticator } = await userWithPasskey(a);
    const ceremony = await loginOptions(a);
    t.clock.advance(6 * 60_000);
    try {
      expect((await signIn(a, ceremony.challengeId, authenticator.get(ceremony.options, a.origin))).status).toBe(401);
    } finally {
      t.clock.advance(-6 * 60_000);
    }
  });

  it('is not offered where the page is not on the tenant\'s relying party', async () => {
    const elsewhere = await seedTenant(t.db, 'pk-none'); // no RP ID: the BFF's host (localhost), the page is on https://…example
    const res = await browser(t, elsewhere).post('/v1/sessions/passkey/options', undefined);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('passkeys_unavailable');
  });
});

describe('adding a passkey in the profile', () => {
  it('needs a step-up', async () => {
    const user = await seedUser(t.db, a, { password: PASSWORD });
    const { token } = await createSession(t.db, { tenantId: a.id, userId: user.id, source: 'login', factor: 'sms', now: t.clock.now() });
    const res = await browser(t, a).post('/v1/me/factors/passkeys/options', undefined, token);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('step_up_required');
  });

  it('is refused while acting for a location', async () => {
    const user = await seedUser(t.db, a, { password: PASSWORD });
    const own = await createSession(t.db, { tenantId: a.id, userId: user.id, source: 'login', factor: 'sms', now: t.clock.now() });
    const [parent] = await t.db.select().from(sessions).where(eq(sessions.tokenHash, sha256(own.token)));
    const acting = await createSession(t.db, { tenantId: a.id, userId: user.id, source: 'login', now: t.clock.now(), acting: { accountId: user.accountId, parentSessionId: parent!.id } });
    const res = await browser(t, a).post('/v1/me/factors/passkeys/options', undefined, acting.token);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('acting_session');
  });

  it('gives 10 recovery codes with the first passkey, none with the second; the same authenticator twice is refused', async () => {
    const user = await seedUser(t.db, a, { password: PASSWORD });
    const session = await steppedUpSession(t, a, user);
    const first = await registerPasskey(t, a, session, softAuthenticator(), 'Laptop');
    expect(first.added.status).toBe(201);
    expect(first.added.json.recoveryCodes).toHaveLength(10);
    expect(first.added.json.recoveryCodes[0]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(first.added.json.factors.passkeys).toMatchObject([{ label: 'Laptop', synced: false, lastUsedAt: null }]);
    const second = await registerPasskey(t, a, session);
    expect(second.added.status).toBe(201);
    expect(second.added.json.recoveryCodes).toBeNull();
    expect(second.added.json.factors.passkeys[1].label).toMatch(/^Passkey vom \d/);
    // The options name the passkeys it has, so a browser would not make one twice; an API caller that does is refused.
    const options = await browser(t, a).post('/v1/me/factors/passkeys/options', undefined, session);
    expect(options.json.options.excludeCredentials).toHaveLength(2);
    const again = await browser(t, a).post('/v1/me/factors/passkeys', { challengeId: options.json.challengeId, credential: first.authenticator.create(options.json.options, a.origin) }, session);
    expect(again.status).toBe(422);
    expect(again.json.errors).toMatchObject([{ path: 'credential', code: 'passkey_invalid' }]);
  });

  it('refuses an answer without user verification, from another origin, or to a used or someone else\'s challenge', async () => {
    const user = await seedUser(t.db, a, { password: PASSWORD });
    const session = await steppedUpSession(t, a, user);
    const ba = browser(t, a);
    const ask = async () => (await ba.post('/v1/me/factors/passkeys/options', undefined, session)).json;

    let c = await ask();
    const noUv = await ba.post('/v1/me/factors/passkeys', { challengeId: c.challengeId, credential: softAuthenticator().create(c.options, a.origin, { userVerified: false }) }, session);
    expect(noUv.status).toBe(422);
    expect(noUv.json.errors[0].message).not.toMatch(/verif/i);
    // The refused answer spent its challenge.
    expect((await ba.post('/v1/me/factors/passkeys', { challengeId: c.challengeId, credential: softAuthenticator().create(c.options, a.origin) }, session)).status).toBe(410);

    c = await ask();
    expect((await ba.post('/v1/me/factors/passkeys', { challengeId: c.challengeId, credential: softAuthenticator().create(c.options, b.origin) }, session)).status).toBe(422);

    // Another user's challenge: nobody's for this one.
    const other = await seedUser(t.db, a, { password: PASSWORD });
    const otherSession = await steppedUpSession(t, a, other);
    c = await ask();
    const stolen = await ba.post('/v1/me/factors/passkeys', { challengeId: c.challengeId, credential: softAuthenticator().create(c.options, a.origin) }, otherSession);
    expect(stolen.status).toBe(404);
    expect(await t.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id))).toHaveLength(0);
  });

  it('refuses options where passkeys cannot work', async () => {
    const elsewhere = await seedTenant(t.db, 'pk-none2');
    const user = await seedUser(t.db, elsewhere, { password: PASSWORD });
    const session = await steppedUpSession(t, elsewhere, user);
    const res = await browser(t, elsewhere).post('/v1/me/factors/passkeys/options', undefined, session);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('passkeys_unavailable');
    const factors = await browser(t, elsewhere).get('/v1/me/factors', session);
    expect(factors.json.passkeysAvailable).toBe(false);
  });
});

describe('WebAuthn challenges', () => {
  it('are pruned after their five minutes', async () => {
    const { pruneWebauthnChallenges } = await import('../../bff/domain/passkeys.js');
    const ceremony = await loginOptions(a);
    await pruneWebauthnChallenges(t.db, t.clock.now());
    expect(await t.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.id, ceremony.challengeId))).toHaveLength(1);
    await pruneWebauthnChallenges(t.db, new Date(t.clock.now().getTime() + 6 * 60_000));
    expect(await t.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.id, ceremony.challengeId))).toHaveLength(0);
  });
});
