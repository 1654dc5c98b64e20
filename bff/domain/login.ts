import { and, eq } from 'drizzle-orm';
import type { PinChallenge } from '../../contract/portal.js';
import type { Db, Executor } from '../db/client.js';
import { type Tenant, users } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { hit, peek, rateLimitError } from '../lib/rate-limit.js';
import { audit, userActor } from './audit.js';
import { verifyPassword } from './passwords.js';
import { type Challenge, type PinContext, sendPin } from './pins.js';
import { createSession, profileOf } from './sessions.js';

/** At most 100 failed logins per account and hour; then even the right password waits. */
export const LOGIN_FAILURES = { name: 'login.failed', limit: 100, windowSeconds: 3600 };

/**
 * Login step 1: username and password, then a PIN to the user's mobile. An unknown user costs the same
 * hash check as a known one and gets the same answer. Failures count per account (and are audited);
 * past the limit the account waits, whatever the password.
 */
export async function startLogin(db: Db, o: PinContext & { tenant: Tenant; username: string; password: string; ip?: string }): Promise<PinChallenge> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, o.tenant.id), eq(users.username, o.username.toLowerCase())));
  if (user) {
    const failures = await peek(db, LOGIN_FAILURES, `user:${user.id}`, o.now);
    if (!failures.allowed) throw new ApiError(429, 'account_locked', { headers: { 'Retry-After': String(failures.retryAfter) } });
  }
  const ok = await verifyPassword(user?.passwordHash, o.password);
  if (!user || !ok) {
    if (user) {
      await audit(db, { tenantId: user.tenantId, actor: userActor(user), account: user.accountId, action: 'login.failed', target: { type: 'user', id: user.id }, ip: o.ip });
      const failures = await hit(db, LOGIN_FAILURES, `user:${user.id}`, o.now);
      if (!failures.allowed) throw rateLimitError(failures);
    }
    throw new ApiError(401, 'invalid_credentials');
  }
  return db.transaction((tx) => sendPin(tx, { ...o, user, payload: { purpose: 'login' } }));
}

/** Login step 2, after the right PIN: a session opens. */
export async function completeLogin(tx: Executor, challenge: Challenge<'login'>, o: PinContext & { ip?: string }) {
  const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  const session = await createSession(tx, { tenantId: user!.tenantId, userId: user!.id, source: 'login', now: o.now });
  await audit(tx, { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, action: 'login.succeeded', target: { type: 'user', id: user!.id }, ip: o.ip });
  return { session, user: await profileOf(tx, user!) };
}
