import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { accounts, type User, users } from '../db/schema/index.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { linkCodeEmail, linkCodeSms } from '../messaging/templates/locations.js';
import type { PinDelivery } from './pins.js';

/** The portal admin of an account who answers for it: its oldest `account_admin`. */
export async function accountAdminOf(db: Executor, tenantId: string, accountId: string): Promise<User | undefined> {
  const [admin] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.accountId, accountId), eq(users.role, 'account_admin')))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return admin;
}

/**
 * The PIN service's delivery of a location-link code (see `DELIVER` in `domain/pins.ts`): to the admin of
 * the account asked for, by SMS (to `o.to`) and by e-mail, saying who asks (the requesting admin, the main
 * account's name and customer number) and what linking means. Both pass the messaging budget; neither
 * counts on the requesting admin's own counters (its login PINs stay free), the per-target limit of
 * `requestLink` bounds them.
 */
export async function deliverLinkCode(tx: Executor, o: PinDelivery<'location_link'>): Promise<void> {
  const { tenant, payload, now } = o;
  const [[main], [sub], target] = await Promise.all([
    tx.select().from(accounts).where(and(eq(accounts.id, payload.mainAccountId), eq(accounts.tenantId, tenant.id))),
    tx.select().from(accounts).where(and(eq(accounts.id, payload.subAccountId), eq(accounts.tenantId, tenant.id))),
    accountAdminOf(tx, tenant.id, payload.subAccountId),
  ]);
  if (!main || !sub) throw new Error('location link: account missing');
  const hours = o.minutes / 60;
  const ask = { admin: o.user.displayName, main: main.displayName, mainNumber: main.customerNumber, sub: sub.displayName, subNumber: sub.customerNumber, collectiveInvoice: payload.collectiveInvoice };
  await enqueue(tx, {
    tenantId: tenant.id,
    channel: 'sms',
    payload: { to: o.to, text: linkCodeSms(tenant.name, o.locale, { ...ask, pin: o.pin, hours }) },
    budget: { ...o.budget, kind: 'pin', now, ip: o.ip },
  });
  if (target) {
    const mail = linkCodeEmail(brandOf(tenant), o.locale, { ...ask, name: target.displayName, pin: o.pin, hours });
    await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: target.email, ...mail }, budget: { ...o.budget, kind: 'link', now, ip: o.ip } });
  }
}
