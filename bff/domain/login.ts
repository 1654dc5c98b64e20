import { and, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { FactorKind, LoginStep, WebauthnCeremony } from '../../contract/factors.js';
import type { Db, Executor } from '../db/client.js';
import { type Tenant, tenants, type User, users } from '../db/schema/index.js';
import { hmacSha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { type Counted, hit, refund, slidingHits } from '../lib/rate-limit.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { loginThrottledEmail } from '../messaging/templates/portal.js';
import { audit, userActor } from './audit.js';
import { verifyPassword } from './passwords.js';
import { factorsOf, tellRecoveryCodeUsed } from './factors.js';
import { type PasskeyContext, passkeyLoginOptions } from './passkeys.js';
import { type Challenge, lockChallenge, openStep, PIN_MAX_WRONG, type PinContext, RESEND_GRACE_MINUTES } from './pins.js';
import { createSession, profileOf } from './sessions.js';
import { mayLogIn } from './sub-users.js';

/**
 * At most 100 password checks per login name and hour (a sliding hour), counted before the check, so
 * parallel attempts cannot pass more; a right password gives its hit back. Past the limit even the right
 * password waits (`account_locked`), for unknown names as for known ones.
 */
export const LOGIN_ATTEMPTS = { name: 'login.attempts', limit: 100, windowSeconds: 3600 };
/** The owner hears of a throttled account once per hour, not once per attempt. */
const THROTTLE_NOTICE = { name: 'login.throttle-notice', limit: 1, windowSeconds: 3600 };

/**
 * Who a login name means: the user with that username or, when it holds an `@`, the one user with that
 * e-mail address in the tenant. An address several users share names nobody (they log in by username).
 */
export async function findLoginUser(db: Executor, tenantId: string, login: string): Promise<User | undefined> {
  const name = login.toLowerCase();
  const found = name.includes('@')
    ? await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = ${name}`))
        .limit(2)
    : await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.username, name)));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Login step 1: username (or e-mail address) and password, then the second step for the account's
 * strongest factor (a passkey, an authenticator app, an SMS PIN, recovery codes). Known and unknown names
 * take the same path: the attempt is counted first (per user, or per name when it names nobody), then
 * the password is checked (against a decoy hash when there is no user), and the answer is the same.
 * Failures are audited (an unknown name by its hash); the owner of a known account is told by e-mail
 * when it is throttled.
 */
export async function startLogin(
  db: Db,
  o: PinContext & PasskeyContext & { username: string; password: string; ip?: string },
): Promise<LoginStep> {
  const found = await findLoginUser(db, o.tenant.id, o.username);
  // A co-user whose contract is over is nobody: the same path and answer as an unknown name.
  const user = found && (await mayLogIn(db, found)) ? found : undefined;
  if (!(await checkPassword(db, { ...o, user, login: o.username, action: 'login.failed' }))) throw new ApiError(401, 'invalid_credentials');
  const factors = await factorsOf(db, user!);
  if (factors.length === 0) {
    // Should not exist (the last factor cannot be removed, setup needs one): no second step is possible,
    // so the login fails as a wrong password would, and the audit says why.
    await audit(db, { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, action: 'login.failed', target: { type: 'user', id: user!.id }, ip: o.ip, data: { reason: 'no_factor' } });
    throw new ApiError(401, 'invalid_credentials');
  }
  return db.transaction((tx) => openLoginStep(tx, { ...o, user: user!, factors }));
}

/**
 * Opens the login's second step (counted as one of the user's five steps in ten minutes; the previous
 * step ends): for `wanted`, or else the strongest of `factors` that works here: a passkey only where the
 * tenant's relying party allows it on this origin, otherwise the next factor. Only SMS sends anything.
 */
async function openLoginStep(
  tx: Executor,
  o: PinContext & PasskeyContext & { user: User; factors: FactorKind[]; wanted?: FactorKind },
): Promise<LoginStep> {
  const payload = { purpose: 'login' as const };
  for (const factor of o.wanted ? [o.wanted] : o.factors) {
    let passkey: WebauthnCeremony | null = null;
    if (factor === 'passkey') {
      try {
        passkey = await passkeyLoginOptions(tx, o);
      } catch (error) {
        // Chosen explicitly, the caller hears why; as the default, the next factor takes over.
        if (o.wanted || !(error instanceof ApiError && error.code === 'passkeys_unavailable')) throw error;
        continue;
      }
    }
    const step = await openStep(tx, { ...o, payload, factor });
    return { ...step, factor, factors: o.factors, passkey };
  }
  throw new ApiError(422, 'passkeys_unavailable');
}

/**
 * A password check counted as a login's (login, and the profile's step-up and password change): the
 * attempt counts first (per user, or per name when it names nobody) and past the limit even the right
 * password waits (`account_locked`, the owner told); then the password is checked (a decoy hash when
 * there is no user); a right one gives its hit back, a wrong one is audited as `action` (an unknown
 * name by its hash, never as typed): the same work, the same time.
 */
export async function checkPassword(
  db: Db,
  o: { tenant: Tenant; user: User | undefined; login: string; password: string; now: Date; secret: string; ip?: string; action: string },
): Promise<boolean> {
  const { user } = o;
  // Keyed with the server secret: a name typed by mistake (a password, say) cannot be guessed back from the audit log.
  const name = hmacSha256(o.secret, `login-name:${o.tenant.id}:${o.login.toLowerCase()}`);
  const counter: Counted = { rule: LOGIN_ATTEMPTS, key: user ? `user:${user.id}` : `name:${name}` };
  const [attempt] = await slidingHits(db, [counter], o.now);
  if (!attempt!.allowed) {
    // Refused before any check: not counted, so a flood does not stretch the lockout beyond the hour.
    await refund(db, counter, o.now);
    if (user) await noticeThrottled(db, o.tenant, user, o.now, o.ip);
    throw new ApiError(429, 'account_locked', { headers: { 'Retry-After': String(attempt!.retryAfter) } });
  }
  const ok = await verifyPassword(user?.passwordHash, o.password);
  if (user && ok) {
    await refund(db, counter, o.now);
    return true;
  }
  await audit(
    db,
    user
      ? { tenantId: user.tenantId, actor: userActor(user), account: user.accountId, action: o.action, target: { type: 'user', id: user.id }, ip: o.ip }
      : { tenantId: o.tenant.id, actor: { kind: 'system' }, action: o.action, target: { type: 'login_name', id: name }, ip: o.ip },
  );
  return false;
}

/** Once per hour: the account's owner learns that logins are held back, and it is audited. */
async function noticeThrottled(db: Db, tenant: Tenant, user: User, now: Date, ip?: string): Promise<void> {
  const first = await hit(db, THROTTLE_NOTICE, `user:${user.id}`, now);
  if (!first.allowed) return;
  // The owner's language is not stored; the tenant's default (not the caller's) is theirs more likely.
  const mail = loginThrottledEmail(brandOf(tenant), tenant.defaultLocale as Locale, { name: user.displayName, username: user.username });
  await db.transaction(async (tx) => {
    await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: user.email, ...mail }, budget: { kind: 'notice', now, userId: user.id } });
    await audit(tx, { tenantId: tenant.id, actor: { kind: 'system' }, account: user.accountId, action: 'login.throttled', target: { type: 'user', id: user.id }, ip });
  });
}

/** Login step 2, after the right code: a session opens, recording the factor it was opened with. */
export async function completeLogin(tx: Executor, challenge: Challenge<'login'>, o: PinContext & { ip?: string }) {
  const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  // A co-user whose contract ended while the PIN was on its way: the login's generic failure.
  if (!(await mayLogIn(tx, user!))) throw new ApiError(401, 'invalid_credentials');
  const factor = challenge.factor as FactorKind;
  const session = await createSession(tx, { tenantId: user!.tenantId, userId: user!.id, source: 'login', factor, now: o.now });
  await audit(tx, { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, action: 'login.succeeded', target: { type: 'user', id: user!.id }, ip: o.ip, data: { factor } });
  if (factor === 'recovery') {
    // A recovery code used up: the user is told (someone else may have it), and how many are left.
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
    await tellRecoveryCodeUsed(tx, { ...o, tenant: tenant!, user: user! });
  }
  return { session, user: await profileOf(tx, user!) };
}

/**
 * "Use another method": a new login step for `factor` on the same login (the open step proves the
 * password was right: unused, the newest, not locked, and not expired beyond the resend grace); the old
 * step ends. Counts as one of the user's five steps in ten minutes.
 */
export async function switchFactor(db: Db, o: PinContext & PasskeyContext & { challengeId: string; factor: FactorKind; ip?: string }): Promise<LoginStep> {
  return db.transaction(async (tx) => {
    const challenge = await lockChallenge(tx, o.challengeId, { purposes: ['login'], tenantId: o.tenant.id });
    if (challenge.usedAt) throw new ApiError(410, 'pin_used');
    if (challenge.supersededAt) throw new ApiError(410, 'pin_superseded');
    if (challenge.attempts >= PIN_MAX_WRONG) throw new ApiError(410, 'pin_locked');
    if (challenge.expiresAt.getTime() + RESEND_GRACE_MINUTES * 60_000 <= o.now.getTime()) throw new ApiError(410, 'challenge_expired');
    const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
    // A co-user whose contract ended meanwhile: the login's generic failure.
    if (!(await mayLogIn(tx, user!))) throw new ApiError(401, 'invalid_credentials');
    const factors = await factorsOf(tx, user!);
    if (!factors.includes(o.factor)) throw new ApiError(422, 'factor_unavailable');
    return openLoginStep(tx, { ...o, user: user!, factors, wanted: o.factor });
  });
}
