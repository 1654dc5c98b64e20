import { and, eq, or, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PinChallenge } from '../../contract/portal.js';
import type { Db, Executor } from '../db/client.js';
import { emailLinks, type Tenant, tenants, type User, users } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { hit, peek, rateLimitError } from '../lib/rate-limit.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { emailChangedEmail, emailChangeEmail, passwordChangedEmail, passwordResetEmail } from '../messaging/templates/portal.js';
import { issueLink, lockLink } from './email-links.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { checkPin, lockChallenge, type PinFailure, sendPin } from './pins.js';
import { createSession, profileOf, revokeSessions } from './sessions.js';

export const RESET_MINUTES = 60;
/** At most 100 failed logins per account and hour; then even the right password waits. */
export const LOGIN_FAILURES = { name: 'login.failed', limit: 100, windowSeconds: 3600 };

interface Ctx {
  now: Date;
  secret: string;
  locale: Locale;
}

const tenantById = async (tx: Executor, id: string) => (await tx.select().from(tenants).where(eq(tenants.id, id)))[0]!;
const userById = async (tx: Executor, id: string) => (await tx.select().from(users).where(eq(users.id, id)))[0];

/** The set-password link a token stands for, locked, and still usable. */
async function usableLink(tx: Executor, token: string, tenantId: string | undefined, now: Date) {
  const link = await lockLink(tx, tenantId, 'set_password', token);
  if (!link) throw new ApiError(404, 'link_invalid');
  if (link.usedAt) throw new ApiError(410, 'link_invalid');
  if (link.supersededAt) throw new ApiError(410, 'link_superseded');
  if (link.expiresAt <= now) throw new ApiError(410, 'link_expired');
  return link;
}

/**
 * Step 1 of setting a password (activation or reset): checks the link and the password, then sends a
 * PIN to the account's mobile. Nothing changes until the PIN is confirmed.
 */
export async function startPasswordSetup(tx: Executor, o: Ctx & { token: string; password: string; tenantId?: string }): Promise<PinChallenge> {
  const link = await usableLink(tx, o.token, o.tenantId, o.now);
  const user = await userById(tx, link.subjectId);
  if (!user || user.tenantId !== link.tenantId) throw new ApiError(404, 'link_invalid');
  const problem = passwordProblem(o.password, user);
  if (problem) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'password', code: problem, message: '' }] });
  const passwordHash = await hashPassword(o.password);
  return sendPin(tx, { ...o, tenant: await tenantById(tx, user.tenantId), user, purpose: 'password_setup', payload: { purpose: 'password_setup', passwordHash, linkId: link.id } });
}

/**
 * Step 2: a correct PIN sets the password, uses up the link, ends every session of the user and tells
 * them by e-mail. A wrong PIN is returned (not thrown) so that its count is committed.
 */
export async function completePasswordSetup(
  tx: Executor,
  o: Ctx & { challengeId: string; pin: string; tenantId?: string },
): Promise<{ ok: true; username: string } | PinFailure> {
  const challenge = await lockChallenge(tx, o.challengeId, ['password_setup'], o.tenantId);
  const check = await checkPin(tx, challenge, o.pin, o.now, o.secret);
  if (!check.ok) return check;
  if (challenge.payload.purpose !== 'password_setup') throw new ApiError(404, 'challenge_invalid');
  const [link] = await tx.select().from(emailLinks).where(eq(emailLinks.id, challenge.payload.linkId)).for('update');
  if (!link || link.usedAt || link.supersededAt) throw new ApiError(410, 'link_invalid');
  await tx.update(emailLinks).set({ usedAt: o.now }).where(eq(emailLinks.id, link.id));
  const [user] = await tx
    .update(users)
    .set({ passwordHash: challenge.payload.passwordHash, passwordChangedAt: o.now })
    .where(eq(users.id, challenge.userId))
    .returning();
  await revokeSessions(tx, user!.id, o.now);
  const tenant = await tenantById(tx, user!.tenantId);
  const mail = passwordChangedEmail(brandOf(tenant), o.locale, { name: user!.displayName, username: user!.username, at: o.now });
  await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: user!.email, ...mail } });
  return { ok: true, username: user!.username };
}

/**
 * "Forgot password": a set-password link to every user the username or e-mail address names. The
 * caller answers the same whether or not there was one.
 */
export async function requestPasswordReset(tx: Executor, o: { tenant: Tenant; login: string; now: Date; publicUrl: string; locale: Locale }) {
  const login = o.login.toLowerCase();
  const found = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, o.tenant.id), or(eq(users.username, login), eq(sql`lower(${users.email})`, login))));
  for (const user of found) {
    const token = await issueLink(tx, o.tenant.id, 'set_password', user.id, o.now, RESET_MINUTES * 60_000);
    const mail = passwordResetEmail(brandOf(o.tenant), o.locale, {
      name: user.displayName,
      username: user.username,
      link: `${o.publicUrl}/set-password?token=${token}&lang=${o.locale}`,
      minutes: RESET_MINUTES,
    });
    await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: user.email, ...mail } });
  }
}

/**
 * Login step 1: username and password, then a PIN to the user's mobile. An unknown user costs the same
 * hash check as a known one and gets the same answer. Failures count per account; past the limit the
 * account waits, whatever the password.
 */
export async function startLogin(db: Db, o: Ctx & { tenant: Tenant; username: string; password: string }): Promise<PinChallenge> {
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
      const failures = await hit(db, LOGIN_FAILURES, `user:${user.id}`, o.now);
      if (!failures.allowed) throw rateLimitError(failures);
    }
    throw new ApiError(401, 'invalid_credentials');
  }
  return db.transaction((tx) => sendPin(tx, { ...o, user, purpose: 'login' }));
}

/** Login step 2: a correct PIN opens a session. */
export async function completeLogin(tx: Executor, o: Ctx & { tenantId: string; challengeId: string; pin: string }) {
  const challenge = await lockChallenge(tx, o.challengeId, ['login'], o.tenantId);
  const check = await checkPin(tx, challenge, o.pin, o.now, o.secret);
  if (!check.ok) return check;
  const user = (await userById(tx, challenge.userId)) as User;
  const session = await createSession(tx, { tenantId: user.tenantId, userId: user.id, source: 'login', now: o.now });
  return { ok: true as const, session, user: await profileOf(tx, user) };
}

/** A new PIN for an open challenge (the old one stops working), to the same number, for the same step. */
export async function resendPin(
  tx: Executor,
  o: Ctx & { challengeId: string; purposes: ('login' | 'password_setup' | 'mobile_change')[]; tenantId?: string; userId?: string },
): Promise<PinChallenge> {
  const challenge = await lockChallenge(tx, o.challengeId, o.purposes, o.tenantId);
  if (o.userId && challenge.userId !== o.userId) throw new ApiError(404, 'challenge_invalid');
  if (challenge.usedAt) throw new ApiError(410, 'pin_used');
  const user = (await userById(tx, challenge.userId)) as User;
  return sendPin(tx, { ...o, tenant: await tenantById(tx, user.tenantId), user, purpose: challenge.purpose, to: challenge.mobile, payload: challenge.payload });
}

export const EMAIL_CHANGE_HOURS = 24;

/** Profile: a link to the new address; the address changes when it is opened. */
export async function startEmailChange(tx: Executor, o: { tenant: Tenant; user: User; email: string; now: Date; publicUrl: string; locale: Locale }) {
  const token = await issueLink(tx, o.tenant.id, 'email_change', o.user.id, o.now, EMAIL_CHANGE_HOURS * 3_600_000, { payload: { purpose: 'email_change', email: o.email } });
  const mail = emailChangeEmail(brandOf(o.tenant), o.locale, { name: o.user.displayName, link: `${o.publicUrl}/confirm?token=${token}`, hours: EMAIL_CHANGE_HOURS });
  await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: o.email, ...mail } });
}

/** Redeems an e-mail change link (locked by the caller): the new address holds, the old one is told. */
export async function confirmEmailChange(tx: Executor, o: { tenant: Tenant; link: typeof emailLinks.$inferSelect; now: Date; locale: Locale }) {
  const { link } = o;
  if (link.usedAt) return { status: 'already_confirmed' as const };
  if (link.supersededAt) throw new ApiError(410, 'link_superseded');
  if (link.expiresAt <= o.now) throw new ApiError(410, 'link_expired');
  if (link.payload?.purpose !== 'email_change') throw new ApiError(404, 'link_invalid');
  const { email } = link.payload;
  await tx.update(emailLinks).set({ usedAt: o.now }).where(eq(emailLinks.id, link.id));
  const before = await userById(tx, link.subjectId);
  if (!before || before.tenantId !== o.tenant.id) throw new ApiError(404, 'link_invalid');
  await tx.update(users).set({ email }).where(eq(users.id, before.id));
  const mail = emailChangedEmail(brandOf(o.tenant), o.locale, { name: before.displayName, newEmail: email });
  await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: before.email, ...mail } });
  return { status: 'confirmed' as const };
}

/** Profile: a PIN to the new number; the number changes when the PIN comes back. */
export function startMobileChange(tx: Executor, o: Ctx & { tenant: Tenant; user: User; mobile: string }) {
  return sendPin(tx, { ...o, purpose: 'mobile_change', to: o.mobile, payload: { purpose: 'mobile_change', mobile: o.mobile } });
}

export async function completeMobileChange(tx: Executor, o: Ctx & { user: User; challengeId: string; pin: string }) {
  const challenge = await lockChallenge(tx, o.challengeId, ['mobile_change'], o.user.tenantId);
  if (challenge.userId !== o.user.id) throw new ApiError(404, 'challenge_invalid');
  const check = await checkPin(tx, challenge, o.pin, o.now, o.secret);
  if (!check.ok) return check;
  if (challenge.payload.purpose !== 'mobile_change') throw new ApiError(404, 'challenge_invalid');
  const [user] = await tx.update(users).set({ mobile: challenge.payload.mobile }).where(eq(users.id, o.user.id)).returning();
  return { ok: true as const, user: user! };
}
