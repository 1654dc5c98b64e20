import { and, eq, or, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PinChallenge } from '../../contract/portal.js';
import type { Executor } from '../db/client.js';
import { emailLinks, type Tenant, tenants, users } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { passwordChangedEmail, passwordResetEmail } from '../messaging/templates/portal.js';
import { audit, userActor } from './audit.js';
import { emitEvent } from './webhooks.js';
import { assertRedeemable, issueLink, linkState, linkUrl, lockLink, RESET_LINK_HOURS, useLink } from './links.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { tellPreviousEmailOfReset } from './profile.js';
import { type Challenge, type PinContext, sendPin } from './pins.js';
import { revokeSessions } from './sessions.js';

/**
 * Step 1 of setting a password (activation or reset): checks the link and the password, then sends a
 * PIN to the account's mobile. Nothing changes until the PIN is confirmed.
 */
export async function startPasswordSetup(tx: Executor, o: PinContext & { token: string; password: string; tenantId?: string }): Promise<PinChallenge> {
  const link = await lockLink(tx, o.token, { tenantId: o.tenantId, purposes: ['set_password'] });
  if (!link) throw new ApiError(404, 'link_invalid');
  assertRedeemable(link, o.now);
  const [user] = await tx.select().from(users).where(and(eq(users.id, link.subjectId), eq(users.tenantId, link.tenantId)));
  if (!user) throw new ApiError(404, 'link_invalid');
  const problem = passwordProblem(o.password, user);
  if (problem) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'password', code: problem, message: '' }] });
  const passwordHash = await hashPassword(o.password);
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user.tenantId));
  return sendPin(tx, { ...o, tenant: tenant!, user, payload: { purpose: 'password_setup', passwordHash, linkId: link.id } });
}

/**
 * Step 2, after the right PIN: sets the password, uses up the link, ends every session of the user and
 * tells them by e-mail.
 */
export async function completePasswordSetup(tx: Executor, challenge: Challenge<'password_setup'>, o: PinContext & { ip?: string }) {
  const [link] = await tx.select().from(emailLinks).where(eq(emailLinks.id, challenge.payload.linkId)).for('update');
  // The link may pass its expiry during the PIN step; used or replaced meanwhile, it no longer counts.
  if (!link || ['used', 'superseded'].includes(linkState(link, o.now))) throw new ApiError(410, 'link_invalid');
  await useLink(tx, link, o.now);
  const [user] = await tx
    .update(users)
    .set({ passwordHash: challenge.payload.passwordHash, passwordChangedAt: o.now })
    .where(eq(users.id, challenge.userId))
    .returning();
  const revoked = await revokeSessions(tx, user!.id, o.now);
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  const mail = passwordChangedEmail(brandOf(tenant!), o.locale, { name: user!.displayName, username: user!.username, at: o.now });
  const common = { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, target: { type: 'user', id: user!.id }, ip: o.ip };
  await Promise.all([
    enqueue(tx, { tenantId: tenant!.id, channel: 'email', payload: { to: user!.email, ...mail }, budget: { kind: 'notice', now: o.now } }),
    audit(tx, { ...common, action: 'password.changed' }),
    emitEvent(tx, { tenantId: user!.tenantId, type: 'password.changed', data: { userId: user!.id, username: user!.username, accountId: user!.accountId } }),
    revoked > 0 && audit(tx, { ...common, action: 'sessions.revoked', data: { count: revoked, reason: 'password_changed' } }),
  ]);
  return { status: 'password_set' as const, username: user!.username };
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
    const token = await issueLink(tx, { tenantId: o.tenant.id, subjectId: user.id, payload: { purpose: 'set_password' }, now: o.now, hours: RESET_LINK_HOURS });
    const mail = passwordResetEmail(brandOf(o.tenant), o.locale, {
      name: user.displayName,
      username: user.username,
      link: linkUrl(o.publicUrl, 'set_password', token, o.locale),
      minutes: RESET_LINK_HOURS * 60,
    });
    // Over budget, dropped: the answer must not tell whether the account exists. Not on the account's
    // budget: anyone may ask for a reset, and that must not use up the owner's login PINs.
    await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: user.email, ...mail }, budget: { kind: 'link', now: o.now, exhausted: 'drop' } });
    await tellPreviousEmailOfReset(tx, { ...o, user });
  }
}
