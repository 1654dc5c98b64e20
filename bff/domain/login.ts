import { and, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PinChallenge } from '../../contract/portal.js';
import type { Db, Executor } from '../db/client.js';
import { type Tenant, type User, users } from '../db/schema/index.js';
import { hmacSha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { type Counted, hit, refund, slidingHits } from '../lib/rate-limit.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { loginThrottledEmail } from '../messaging/templates/portal.js';
import { audit, userActor } from './audit.js';
import { verifyPassword } from './passwords.js';
import { type Challenge, type PinContext, sendPin } from './pins.js';
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
 * Login step 1: username (or e-mail address) and password, then a PIN to the user's mobile. Known and
 * unknown names take the same path: the attempt is counted first (per user, or per name when it names
 * nobody), then the password is checked (against a decoy hash when there is no user), and the answer is
 * the same. Failures are audited (an unknown name by its hash); the owner of a known account is told by
 * e-mail when it is throttled.
 */
export async function startLogin(db: Db, o: PinContext & { tenant: Tenant; username: string; password: string; ip?: string }): Promise<PinChallenge> {
  const found = await findLoginUser(db, o.tenant.id, o.username);
  // A co-user whose contract is over is nobody: the same path and answer as an unknown name.
  const user = found && (await mayLogIn(db, found)) ? found : undefined;
  if (!(await checkPassword(db, { ...o, user, login: o.username, action: 'login.failed' }))) throw new ApiError(401, 'invalid_credentials');
  return db.transaction((tx) => sendPin(tx, { ...o, user: user!, payload: { purpose: 'login' } }));
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

/** Login step 2, after the right PIN: a session opens. */
export async function completeLogin(tx: Executor, challenge: Challenge<'login'>, o: PinContext & { ip?: string }) {
  const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  // A co-user whose contract ended while the PIN was on its way: the login's generic failure.
  if (!(await mayLogIn(tx, user!))) throw new ApiError(401, 'invalid_credentials');
  const session = await createSession(tx, { tenantId: user!.tenantId, userId: user!.id, source: 'login', now: o.now });
  await audit(tx, { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, action: 'login.succeeded', target: { type: 'user', id: user!.id }, ip: o.ip });
  return { session, user: await profileOf(tx, user!) };
}
