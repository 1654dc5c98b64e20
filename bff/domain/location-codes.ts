import { and, asc, eq } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { isLocale } from '../../contract/i18n.js';
import type { Executor } from '../db/client.js';
import { accounts, signups, type Tenant, type User, users } from '../db/schema/index.js';
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
 * The language of messages to an account's admin who did not cause them (the other side of a link): the
 * locale of the account's signup, else the tenant's default. Never the language of whoever caused them.
 */
export async function localeOfAccount(db: Executor, tenant: Tenant, accountId: string): Promise<Locale> {
  const [row] = await db
    .select({ locale: signups.locale })
    .from(accounts)
    .innerJoin(signups, eq(signups.id, accounts.signupId))
    .where(and(eq(accounts.id, accountId), eq(accounts.tenantId, tenant.id)));
  const fallback = (isLocale(tenant.defaultLocale) ? tenant.defaultLocale : 'de') as Locale;
  return row && isLocale(row.locale) && tenant.locales.includes(row.locale) ? row.locale : fallback;
}

/**
 * The PIN service's delivery of a location-link code (see `DELIVER` in `domain/pins.ts`): to the admin of
 * the account asked for, by SMS (to `o.to`) and by e-mail, saying who asks (the requesting admin, the main
 * account's name and customer number) and what linking means, in that admin's language. Both pass the
 * messaging budget as `code`: counters of their own (neither the requester's nor the recipient's login
 * PINs and links are used up) and the tenant's SMS budget; the limits of `requestLink` bound them.
 */
export async function deliverLinkCode(tx: Executor, o: PinDelivery<'location_link'>): Promise<void> {
  const { tenant, payload, now } = o;
  const [[main], [sub], target, locale] = await Promise.all([
    tx.select().from(accounts).where(and(eq(accounts.id, payload.mainAccountId), eq(accounts.tenantId, tenant.id))),
    tx.select().from(accounts).where(and(eq(accounts.id, payload.subAccountId), eq(accounts.tenantId, tenant.id))),
    accountAdminOf(tx, tenant.id, payload.subAccountId),
    localeOfAccount(tx, tenant, payload.subAccountId),
  ]);
  if (!main || !sub) throw new Error('location link: account missing');
  const hours = o.minutes / 60;
  const ask = { admin: o.user.displayName, main: main.displayName, mainNumber: main.customerNumber, sub: sub.displayName, subNumber: sub.customerNumber, collectiveInvoice: payload.collectiveInvoice };
  // The admin asked may have no mobile number (a passkey or an app instead): then the e-mail carries the code alone.
  if (o.to) {
    await enqueue(tx, {
      tenantId: tenant.id,
      channel: 'sms',
      payload: { to: o.to, text: linkCodeSms(tenant.name, locale, { ...ask, pin: o.pin, hours, replaces: o.replaces }) },
      budget: { ...o.budget, kind: 'code', now, ip: o.ip },
    });
  }
  if (target) {
    const mail = linkCodeEmail(brandOf(tenant), locale, { ...ask, name: target.displayName, pin: o.pin, hours, replaces: o.replaces });
    await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: target.email, ...mail }, budget: { ...o.budget, kind: 'code', now, ip: o.ip } });
  }
}
