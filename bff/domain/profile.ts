import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { localeTag, type Params } from '../../contract/i18n.js';
import { maskMobile } from '../../contract/rules.js';
import type { Db, Executor } from '../db/client.js';
import { type Session, sessions, type Tenant, tenants, type User, users } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { portalEmailMessages, portalSmsMessages } from '../lib/i18n.js';
import { enqueue } from '../messaging/outbox.js';
import { type Brand, brandOf, greeting, renderEmail } from '../messaging/templates/layout.js';
import { emailChangedEmail, emailChangeEmail, passwordChangedEmail } from '../messaging/templates/portal.js';
import { audit, userActor } from './audit.js';
import { assertRedeemable, issueLink, LINKS, type Link, linkUrl, useLink } from './links.js';
import type { BudgetSettings } from './budget.js';
import { checkPassword } from './login.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { type Challenge, endSmsSteps, type PinContext, sendPin } from './pins.js';
import { emitEvent } from './webhooks.js';

/** How long a re-entered password lets a session change the e-mail address or mobile number. */
export const STEP_UP_MINUTES = 5;
/** How long after an e-mail change a password reset is also told to the previous address. */
export const PREVIOUS_EMAIL_HOURS = 24;

const fieldError = (path: string, code: string) => new ApiError(422, 'validation_failed', { errors: [{ path, code, message: '' }] });

/** The current password, checked as a login checks it (`checkPassword`): wrong is a field error on `path`. */
async function checkCurrentPassword(db: Db, o: { tenant: Tenant; user: User; password: string; path: string; now: Date; secret: string; ip?: string; action: string }) {
  if (!(await checkPassword(db, { ...o, login: o.user.username }))) throw fieldError(o.path, 'password_wrong');
}

/** Step-up: the current password again; for five minutes the session may change e-mail and mobile. */
export async function stepUp(db: Db, o: { tenant: Tenant; user: User; session: Session; password: string; now: Date; secret: string; ip?: string }) {
  await checkCurrentPassword(db, { ...o, path: 'password', action: 'step_up.failed' });
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ steppedUpAt: o.now }).where(eq(sessions.id, o.session.id));
    await audit(tx, { tenantId: o.user.tenantId, actor: userActor(o.user), account: o.user.accountId, action: 'session.stepped_up', target: { type: 'user', id: o.user.id }, ip: o.ip });
  });
  return { steppedUpUntil: new Date(o.now.getTime() + STEP_UP_MINUTES * 60_000).toISOString() };
}

/** Changing the e-mail address or mobile number needs a step-up of this session within the last five minutes. */
export function requireStepUp(session: Session, now: Date): void {
  const at = session.steppedUpAt?.getTime();
  if (at === undefined || now.getTime() - at > STEP_UP_MINUTES * 60_000 || at > now.getTime()) throw new ApiError(403, 'step_up_required');
}

/**
 * "Change password" in the profile: the current password (counted like a login's), a new one by the
 * rules of setting one; every other session of the user ends and an e-mail tells them.
 */
export async function changePassword(db: Db, o: { tenant: Tenant; user: User; session: Session; currentPassword: string; newPassword: string; now: Date; secret: string; locale: Locale; ip?: string }) {
  const { user, now } = o;
  await checkCurrentPassword(db, { tenant: o.tenant, user, password: o.currentPassword, path: 'currentPassword', now, secret: o.secret, ip: o.ip, action: 'password.change_failed' });
  const problem = passwordProblem(o.newPassword, user);
  if (problem) throw fieldError('newPassword', problem);
  const passwordHash = await hashPassword(o.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, user.id));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, o.session.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .returning({ id: sessions.id });
    const mail = passwordChangedEmail(brandOf(o.tenant), o.locale, { name: user.displayName, username: user.username, at: now });
    const common = { tenantId: user.tenantId, actor: userActor(user), account: user.accountId, target: { type: 'user', id: user.id }, ip: o.ip };
    await Promise.all([
      enqueue(tx, { tenantId: user.tenantId, channel: 'email', payload: { to: user.email, ...mail }, budget: { kind: 'notice', now, userId: user.id } }),
      audit(tx, { ...common, action: 'password.changed', data: { via: 'profile' } }),
      emitEvent(tx, { tenantId: user.tenantId, type: 'password.changed', data: { userId: user.id, username: user.username, accountId: user.accountId } }),
      revoked.length > 0 && audit(tx, { ...common, action: 'sessions.revoked', data: { count: revoked.length, reason: 'password_changed' } }),
    ]);
  });
  return { status: 'password_changed' as const };
}

/** Profile: a link to the new address; the address changes when it is opened. */
export async function startEmailChange(tx: Executor, o: { tenant: Tenant; user: User; email: string; now: Date; publicUrl: string; locale: Locale; ip?: string }) {
  const token = await issueLink(tx, { tenantId: o.tenant.id, subjectId: o.user.id, payload: { purpose: 'email_change', email: o.email }, now: o.now });
  const mail = emailChangeEmail(brandOf(o.tenant), o.locale, { name: o.user.displayName, link: linkUrl(o.publicUrl, 'email_change', token, o.locale), hours: LINKS.email_change.hours });
  await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: o.email, ...mail }, budget: { kind: 'link', now: o.now, userId: o.user.id } });
  await audit(tx, { tenantId: o.tenant.id, actor: userActor(o.user), account: o.user.accountId, action: 'profile.email_change_started', target: { type: 'user', id: o.user.id }, ip: o.ip });
}

/**
 * Redeems an e-mail change link (locked by the caller): the new address holds; the old address (by
 * e-mail) and the mobile number (by SMS) are told, and the old address is kept a day for reset notices.
 */
export async function confirmEmailChange(tx: Executor, o: { tenant: Tenant; link: Link<'email_change'>; now: Date; locale: Locale; ip?: string; budget?: BudgetSettings }) {
  const { link } = o;
  if (link.usedAt) return { status: 'already_confirmed' as const };
  assertRedeemable(link, o.now);
  const { email } = link.payload;
  await useLink(tx, link, o.now);
  const [before] = await tx.select().from(users).where(eq(users.id, link.subjectId));
  if (!before || before.tenantId !== o.tenant.id) throw new ApiError(404, 'link_invalid');
  await tx.update(users).set({ email, previousEmail: before.email, emailChangedAt: o.now }).where(eq(users.id, before.id));
  const brand = brandOf(o.tenant);
  const mail = emailChangedEmail(brand, o.locale, { name: before.displayName, newEmail: email });
  await Promise.all([
    // The e-mail before the SMS, in every flow: budget counters are always locked in one order.
    enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: before.email, ...mail }, budget: { kind: 'notice', now: o.now } }).then(
      () =>
        before.mobile &&
        enqueue(tx, { tenantId: o.tenant.id, channel: 'sms', payload: { to: before.mobile, text: changedSms(brand, o.locale, 'email', before.username) }, budget: { ...o.budget, kind: 'notice', now: o.now } }),
    ),
    audit(tx, { tenantId: o.tenant.id, actor: userActor(before), account: before.accountId, action: 'profile.email_changed', target: { type: 'user', id: before.id }, ip: o.ip }),
    emitEvent(tx, { tenantId: o.tenant.id, type: 'profile.email_changed', data: { userId: before.id, username: before.username, accountId: before.accountId, email } }),
  ]);
  return { status: 'confirmed' as const };
}

/** Profile: a PIN to the new number; the number changes when the PIN comes back. */
export async function startMobileChange(tx: Executor, o: PinContext & { tenant: Tenant; user: User; mobile: string; ip?: string }) {
  const challenge = await sendPin(tx, { ...o, to: o.mobile, payload: { purpose: 'mobile_change', mobile: o.mobile } });
  await audit(tx, { tenantId: o.tenant.id, actor: userActor(o.user), account: o.user.accountId, action: 'profile.mobile_change_started', target: { type: 'user', id: o.user.id }, ip: o.ip });
  return challenge;
}

/** After the right PIN from the new number: it holds; the old number (by SMS) and the e-mail address are told. */
export async function completeMobileChange(tx: Executor, challenge: Challenge<'mobile_change'>, o: { ip?: string; now: Date; locale: Locale; budget?: BudgetSettings }) {
  const [before] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  // A first number (the user signs in with a passkey or an app) does not sign in by itself: SMS sign-in
  // stays off until the user turns it on. A PIN still on its way to the old number ends its step.
  const set = before!.mobile ? { mobile: challenge.payload.mobile } : { mobile: challenge.payload.mobile, smsLogin: false };
  const [user] = await tx.update(users).set(set).where(eq(users.id, challenge.userId)).returning();
  await endSmsSteps(tx, user!.id, o.now);
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  const brand = brandOf(tenant!);
  const mail = mobileChangedEmail(brand, o.locale, { name: user!.displayName, username: user!.username, mobile: maskMobile(user!.mobile!), at: o.now });
  await Promise.all([
    // The e-mail before the SMS, in every flow: budget counters are always locked in one order.
    enqueue(tx, { tenantId: user!.tenantId, channel: 'email', payload: { to: user!.email, ...mail }, budget: { kind: 'notice', now: o.now } }).then(() =>
      before!.mobile &&
      enqueue(tx, { tenantId: user!.tenantId, channel: 'sms', payload: { to: before!.mobile, text: changedSms(brand, o.locale, 'mobile', user!.username) }, budget: { ...o.budget, kind: 'notice', now: o.now } }),
    ),
    audit(tx, { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, action: 'profile.mobile_changed', target: { type: 'user', id: user!.id }, ip: o.ip }),
    emitEvent(tx, { tenantId: user!.tenantId, type: 'profile.mobile_changed', data: { userId: user!.id, username: user!.username, accountId: user!.accountId } }),
  ]);
  return user!;
}

/**
 * A password reset for a user whose e-mail address changed within the last day: the previous address is
 * told too (without the link), so that a takeover through the profile does not go unnoticed.
 */
export async function tellPreviousEmailOfReset(tx: Executor, o: { tenant: Tenant; user: User; now: Date; locale: Locale }) {
  const { user } = o;
  const changedAt = user.emailChangedAt?.getTime();
  if (!user.previousEmail || changedAt === undefined || o.now.getTime() - changedAt > PREVIOUS_EMAIL_HOURS * 3_600_000) return;
  if (user.previousEmail.toLowerCase() === user.email.toLowerCase()) return;
  const brand = brandOf(o.tenant);
  const t = texts(brand, o.locale);
  const mail = renderEmail(brand, o.locale, `reset-after-email-change/${o.locale}/1`, t('resetAfterEmailChange.subject'), [
    greeting(o.locale, user.displayName),
    { p: t('resetAfterEmailChange.body', { username: user.username, when: when(o.locale, o.now) }) },
    { p: t('notYou') },
  ]);
  await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: user.previousEmail, ...mail }, budget: { kind: 'notice', now: o.now, userId: user.id } });
  await audit(tx, { tenantId: o.tenant.id, actor: { kind: 'system' }, account: user.accountId, action: 'password.reset_told_previous_email', target: { type: 'user', id: user.id } });
}

// The notices of this file (the portal's other e-mails are in `messaging/templates/portal.ts`).

type EmailKey = Parameters<typeof portalEmailMessages.t>[1];
const texts = (brand: Brand, locale: Locale) => (key: EmailKey, params?: Params) =>
  portalEmailMessages.t(locale, key, { brand: brand.name, supportEmail: brand.supportEmail, ...params });
const when = (locale: Locale, at: Date) => new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(at);

function mobileChangedEmail(brand: Brand, locale: Locale, v: { name: string; username: string; mobile: string; at: Date }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `mobile-changed/${locale}/1`, t('mobileChanged.subject'), [
    greeting(locale, v.name),
    { p: t('mobileChanged.body', { username: v.username, mobile: v.mobile, when: when(locale, v.at) }) },
    { p: t('notYou') },
  ]);
}

/** The SMS to the number on file when the e-mail address or the number itself changed. */
const changedSms = (brand: Brand, locale: Locale, what: 'email' | 'mobile', username: string) =>
  portalSmsMessages.t(locale, `changed.${what}`, { brand: brand.name, supportEmail: brand.supportEmail, username });
