import { eq } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { Executor } from '../db/client.js';
import { type Tenant, type User, users } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { emailChangedEmail, emailChangeEmail } from '../messaging/templates/portal.js';
import { audit, userActor } from './audit.js';
import { emitEvent } from './webhooks.js';
import { assertRedeemable, issueLink, LINKS, type Link, linkUrl, useLink } from './links.js';
import { type Challenge, type PinContext, sendPin } from './pins.js';

/** Profile: a link to the new address; the address changes when it is opened. */
export async function startEmailChange(tx: Executor, o: { tenant: Tenant; user: User; email: string; now: Date; publicUrl: string; locale: Locale }) {
  const token = await issueLink(tx, { tenantId: o.tenant.id, subjectId: o.user.id, payload: { purpose: 'email_change', email: o.email }, now: o.now });
  const mail = emailChangeEmail(brandOf(o.tenant), o.locale, { name: o.user.displayName, link: linkUrl(o.publicUrl, 'email_change', token, o.locale), hours: LINKS.email_change.hours });
  await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: o.email, ...mail }, budget: { kind: 'link', now: o.now, userId: o.user.id } });
}

/** Redeems an e-mail change link (locked by the caller): the new address holds, the old one is told. */
export async function confirmEmailChange(tx: Executor, o: { tenant: Tenant; link: Link<'email_change'>; now: Date; locale: Locale; ip?: string }) {
  const { link } = o;
  if (link.usedAt) return { status: 'already_confirmed' as const };
  assertRedeemable(link, o.now);
  const { email } = link.payload;
  await useLink(tx, link, o.now);
  const [before] = await tx.select().from(users).where(eq(users.id, link.subjectId));
  if (!before || before.tenantId !== o.tenant.id) throw new ApiError(404, 'link_invalid');
  await tx.update(users).set({ email }).where(eq(users.id, before.id));
  const mail = emailChangedEmail(brandOf(o.tenant), o.locale, { name: before.displayName, newEmail: email });
  await Promise.all([
    enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: before.email, ...mail }, budget: { kind: 'notice', now: o.now } }),
    audit(tx, { tenantId: o.tenant.id, actor: userActor(before), account: before.accountId, action: 'profile.email_changed', target: { type: 'user', id: before.id }, ip: o.ip }),
    emitEvent(tx, { tenantId: o.tenant.id, type: 'profile.email_changed', data: { userId: before.id, username: before.username, accountId: before.accountId, email } }),
  ]);
  return { status: 'confirmed' as const };
}

/** Profile: a PIN to the new number; the number changes when the PIN comes back. */
export function startMobileChange(tx: Executor, o: PinContext & { tenant: Tenant; user: User; mobile: string }) {
  return sendPin(tx, { ...o, to: o.mobile, payload: { purpose: 'mobile_change', mobile: o.mobile } });
}

/** After the right PIN from the new number: it holds. */
export async function completeMobileChange(tx: Executor, challenge: Challenge<'mobile_change'>, o: { ip?: string }) {
  const [user] = await tx.update(users).set({ mobile: challenge.payload.mobile }).where(eq(users.id, challenge.userId)).returning();
  await Promise.all([
    audit(tx, { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, action: 'profile.mobile_changed', target: { type: 'user', id: user!.id }, ip: o.ip }),
    emitEvent(tx, { tenantId: user!.tenantId, type: 'profile.mobile_changed', data: { userId: user!.id, username: user!.username, accountId: user!.accountId } }),
  ]);
  return user!;
}
