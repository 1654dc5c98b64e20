import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, like, lt, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { mandateText } from '../../contract/legal.js';
import { customerNumber, usernameBase } from '../../contract/rules.js';
import { type Signup, signupLifecycle, type SignupStatus } from '../../contract/signup.js';
import type { Executor } from '../db/client.js';
import { accounts, customerNumberCounters, emailLinks, sepaMandates, type SignupData, signups, type SignupEvidence, type Tenant, users } from '../db/schema/index.js';
import { randomToken, seal, sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { invalidTransition, SYSTEM, stateMachine } from '../lib/lifecycle.js';
import { DAY, HOUR, type Job } from '../jobs/scheduler.js';
import { enqueue } from '../messaging/outbox.js';
import { type Brand, brandOf } from '../messaging/templates/layout.js';
import { confirmationEmail, credentialsEmail, locationConfirmationEmail, type OrderedBy } from '../messaging/templates/signup.js';
import { audit } from './audit.js';
import { emitEvent } from './webhooks.js';
import { assertRedeemable, issueLink, LINKS, type Link, linkUrl, lockLink, newLink, useLink } from './links.js';
import type { BudgetSettings } from './budget.js';
import { confirmEmailChange } from './profile.js';
import { bindLocationIntent, claimLocationIntent, orderedByOfSignup, settleLocationIntent } from './locations.js';
import { confirmSubUser } from './sub-users.js';

export const IBAN_PURPOSE = 'iban';


/** ≤ 35 characters, unique per tenant: prefix, date, random part. */
export function mandateReference(prefix: string, now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${prefix}-${date}-${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 35);
}

function holderOf(s: Signup) {
  if (s.accountType === 'business') {
    return { displayName: s.company.name, firstName: s.contact.firstName, lastName: s.contact.lastName, email: s.contact.email, mobile: s.contact.mobile };
  }
  return { displayName: `${s.person.firstName} ${s.person.lastName}`, firstName: s.person.firstName, lastName: s.person.lastName, email: s.person.email, mobile: s.person.mobile };
}

/** Stores a signup as `pending_confirmation`, with its evidence and mandate, and sends the confirmation link. */
export async function createSignup(
  tx: Executor,
  options: { tenant: Tenant; signup: Signup; locale: Locale; now: Date; ip: string; userAgent: string; secret: string; publicUrl: string },
) {
  const { tenant, signup: s, locale, now } = options;
  const holder = holderOf(s);
  // A new location's intent is checked and bound here, never stored with the signup's data.
  const { payment, terms, originPage, ...rest } = s;
  const { locationIntent, ...data } = rest as typeof rest & { locationIntent?: string };
  const intent = locationIntent ? await claimLocationIntent(tx, tenant.id, locationIntent, now) : undefined;
  const reference = payment.method === 'sepa' ? mandateReference(tenant.customerNumberPrefix, now) : undefined;
  const scheme = s.accountType === 'business' ? 'b2b' : 'core';
  // Word for word what the review step showed; the reference is stored beside it.
  const wording = reference ? mandateText(locale, scheme, tenant.name) : undefined;
  const id = randomUUID();
  // The creating browser's proof that this signup is its own: for resending and correcting the address.
  const handle = randomToken('tk_sgh_', 24);
  const link = newLink({ tenantId: tenant.id, subjectId: id, payload: { purpose: 'signup' }, now });
  const mail = signupConfirmation(brandOf(tenant), locale, { name: holder.displayName, link: linkUrl(options.publicUrl, 'signup', link.token, locale), hours: LINKS.signup.hours }, intent?.orderedBy ?? null);
  const evidence: SignupEvidence = {
    at: now.toISOString(),
    ip: options.ip,
    userAgent: options.userAgent.slice(0, 500),
    originPage: originPage ?? null,
    termsVersion: terms.version,
    consentTexts: {
      terms: `${tenant.termsUrl} (${terms.version}); ${tenant.privacyUrl}`,
      ...(wording && { mandate: wording }),
    },
    emailTemplateId: mail.templateId,
  };
  // Every id is known up front, so the four inserts go out together: one round trip, not four.
  const values = {
    id,
    tenantId: tenant.id,
    accountType: s.accountType,
    tariffId: s.tariffId,
    data: data as SignupData,
    displayName: holder.displayName,
    email: holder.email.toLowerCase(),
    mobile: holder.mobile ?? null,
    locale,
    paymentMethod: payment.method,
    evidence,
    handleHash: sha256(handle),
    createdAt: now,
  };
  const [[row]] = await Promise.all([
    tx.insert(signups).values(values).returning(),
    payment.method === 'sepa' &&
      tx.insert(sepaMandates).values({
        tenantId: tenant.id,
        signupId: id,
        reference: reference!,
        scheme,
        accountHolder: payment.accountHolder,
        ibanSealed: seal(options.secret, IBAN_PURPOSE, payment.iban),
        ibanLast4: payment.iban.slice(-4),
        bic: payment.bic ?? null,
        mandateText: wording!,
        signedAt: now,
      }),
    tx.insert(emailLinks).values(link.values),
    enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: values.email, ...mail }, budget: { kind: 'link', now } }),
    emitEvent(tx, { tenantId: tenant.id, type: 'signup.created', data: { signupId: id, accountType: s.accountType, status: 'pending_confirmation', locale } }),
  ]);
  if (intent) await bindLocationIntent(tx, intent.id, id, now);
  return { signup: row!, mandateReference: reference, handle };
}

/** The confirmation e-mail: a new location ordered by a main account's admin says who ordered it. */
const signupConfirmation = (brand: Brand, locale: Locale, v: { name: string; link: string; hours: number }, orderedBy: OrderedBy | null) =>
  orderedBy ? locationConfirmationEmail(brand, locale, { ...v, orderedBy }) : confirmationEmail(brand, locale, v);

/** Issues a fresh confirmation link for a pending signup (older ones stop working) and sends it. */
async function sendConfirmation(tx: Executor, tenant: Tenant, row: typeof signups.$inferSelect, now: Date, publicUrl: string) {
  const fresh = await issueLink(tx, { tenantId: tenant.id, subjectId: row.id, payload: { purpose: 'signup' }, now });
  const orderedBy = await orderedByOfSignup(tx, tenant.id, row.id);
  const mail = signupConfirmation(brandOf(tenant), row.locale, { name: row.displayName, link: linkUrl(publicUrl, 'signup', fresh, row.locale), hours: LINKS.signup.hours }, orderedBy);
  await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: row.email, ...mail }, budget: { kind: 'link', now } });
}

/**
 * Sends a fresh confirmation link for the signup an (even expired) link belongs to; older links stop
 * working. Only the newest link can ask: a superseded one (a newer e-mail exists) triggers nothing.
 */
export async function resendConfirmation(tx: Executor, tenant: Tenant, token: string, now: Date, publicUrl: string) {
  const link = await lockLink(tx, token, { tenantId: tenant.id, purposes: ['signup'] });
  if (!link) throw new ApiError(404, 'link_invalid');
  const [row] = await tx.select().from(signups).where(and(eq(signups.id, link.subjectId), eq(signups.tenantId, tenant.id))).for('update');
  if (!row) throw new ApiError(404, 'link_invalid');
  if (row.status === 'confirmed') return { status: 'already_confirmed' as const };
  if (row.status === 'expired') throw new ApiError(410, 'link_expired');
  if (link.supersededAt) throw new ApiError(410, 'link_superseded');
  await sendConfirmation(tx, tenant, row, now, publicUrl);
  return { status: 'sent' as const };
}

/** Seconds between two confirmation e-mails of one signup, from its done screen. */
export const RESEND_COOLDOWN_SECONDS = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signup `id` of the tenant whose handle is `handle`, locked when `lock`; a 404 for a wrong id or
 * handle alike (no oracle for either). Only the handle's hash is stored.
 */
export async function signupByHandle(tx: Executor, o: { tenantId: string; id: string; handle: string; lock?: boolean }) {
  if (!UUID.test(o.id)) throw new ApiError(404, 'not_found');
  const query = tx
    .select()
    .from(signups)
    .where(and(eq(signups.id, o.id), eq(signups.tenantId, o.tenantId), eq(signups.handleHash, sha256(o.handle))));
  const [row] = o.lock ? await query.for('update') : await query;
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** Seconds until the signup's next confirmation e-mail may go out (0: now), counted from its newest link. */
export async function resendWait(tx: Executor, signupId: string, now: Date): Promise<number> {
  const [latest] = await tx
    .select({ createdAt: emailLinks.createdAt })
    .from(emailLinks)
    .where(and(eq(emailLinks.subjectId, signupId), eq(emailLinks.purpose, 'signup')))
    .orderBy(desc(emailLinks.createdAt))
    .limit(1);
  if (!latest) return 0;
  return Math.max(0, Math.ceil((latest.createdAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()) / 1000));
}

/** From the done screen: a fresh confirmation e-mail for a pending signup (the caller holds its row lock). */
export async function resendForSignup(tx: Executor, o: { tenant: Tenant; row: typeof signups.$inferSelect; now: Date; publicUrl: string }) {
  if (o.row.status === 'confirmed') return { status: 'already_confirmed' as const, retryAfter: 0 };
  if (o.row.status !== 'pending_confirmation') throw invalidTransition(o.row.status);
  await sendConfirmation(tx, o.tenant, o.row, o.now, o.publicUrl);
  return { status: 'sent' as const, retryAfter: RESEND_COOLDOWN_SECONDS };
}

/**
 * "Wrong address? Change it": a pending signup's e-mail address (column and stored data) is replaced,
 * the old link stops working and a new one goes to the new address. Audited, without the addresses.
 */
export async function changeSignupEmail(tx: Executor, o: { tenant: Tenant; row: typeof signups.$inferSelect; email: string; now: Date; publicUrl: string; ip?: string }) {
  const { row, now } = o;
  if (row.status !== 'pending_confirmation') throw invalidTransition(row.status);
  const email = o.email.toLowerCase();
  const data = row.data.accountType === 'business' ? { ...row.data, contact: { ...row.data.contact, email } } : { ...row.data, person: { ...row.data.person, email } };
  const [changed] = await tx
    .update(signups)
    .set({ email, data: data as typeof row.data })
    .where(and(eq(signups.id, row.id), eq(signups.tenantId, o.tenant.id)))
    .returning();
  await sendConfirmation(tx, o.tenant, changed!, now, o.publicUrl);
  await audit(tx, { tenantId: o.tenant.id, actor: { kind: 'customer', id: row.id }, action: 'signup.email_changed', target: { type: 'signup', id: row.id }, ip: o.ip, at: now });
  return changed!;
}

/** The first suffix after every `base`, `base2`, `base3` … taken so far (1 means `base` itself is free). */
export async function freeUsernameSuffix(tx: Executor, tenantId: string, base: string): Promise<number> {
  // Users hold every login name of the tenant: account admins and partner agents.
  const taken = await tx
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), like(users.username, `${base}%`)));
  let highest = 0;
  for (const { username } of taken) {
    const suffix = username === base ? '1' : username.slice(base.length);
    if (/^\d+$/.test(suffix)) highest = Math.max(highest, Number(suffix));
  }
  return highest + 1;
}

/** The tenant's next customer number, from its counter (locked by the increment). */
export async function nextCustomerNumber(tx: Executor, tenant: Tenant): Promise<string> {
  const [counter] = await tx
    .insert(customerNumberCounters)
    .values({ tenantId: tenant.id, next: 2 })
    .onConflictDoUpdate({ target: customerNumberCounters.tenantId, set: { next: sql`${customerNumberCounters.next} + 1` } })
    .returning({ next: customerNumberCounters.next });
  return customerNumber(tenant.customerNumberPrefix, counter!.next - 1);
}

/**
 * A new account with the tenant's next customer number and a free username from `firstName lastName`
 * (`anna.muster`, `anna.muster2`, …; a concurrent taker of the same name just moves it on). `sipAddress`
 * turns the username into the account's SIP address, when it has one.
 */
export async function insertAccount(
  tx: Executor,
  tenant: Tenant,
  o: { firstName: string; lastName: string; sipAddress?: (username: string) => string | null; values: Omit<typeof accounts.$inferInsert, 'tenantId' | 'customerNumber' | 'username' | 'sipAddress'> },
): Promise<typeof accounts.$inferSelect> {
  const base = usernameBase(o.firstName, o.lastName);
  const number = await nextCustomerNumber(tx, tenant);
  let account: typeof accounts.$inferSelect | undefined;
  for (let n = await freeUsernameSuffix(tx, tenant.id, base); !account; n++) {
    const username = n === 1 ? base : `${base}${n}`;
    [account] = await tx
      .insert(accounts)
      .values({ ...o.values, tenantId: tenant.id, customerNumber: number, username, sipAddress: o.sipAddress?.(username) ?? null })
      .onConflictDoNothing({ target: [accounts.tenantId, accounts.username] })
      .returning();
  }
  return account;
}

/** Unconfirmed for this long, a signup expires: its bank details are deleted and its link no longer works. */
export const OPT_IN_DAYS = 7;

/** The signup lifecycle bound to its table, with what entering each state does. */
export const signupMachine = stateMachine<SignupStatus, typeof signups, { ip?: string }>(signupLifecycle, signups, {
  confirmed: async (tx, row, move) => {
    await audit(tx, { tenantId: row.tenantId, actor: move.actor, action: 'signup.confirmed', target: { type: 'signup', id: row.id }, ip: move.context?.ip });
  },
  expired: async (tx, row) => {
    await tx.delete(sepaMandates).where(eq(sepaMandates.signupId, row.id));
  },
});

/** Scheduled: signups unconfirmed after {@link OPT_IN_DAYS} expire, one transaction each. */
export const expireOptIns: Job = {
  name: 'signups.expire-opt-ins',
  every: HOUR,
  async run({ db, now }) {
    const due = await db
      .select({ id: signups.id, tenantId: signups.tenantId, status: signups.status })
      .from(signups)
      .where(and(eq(signups.status, 'pending_confirmation'), lt(signups.createdAt, new Date(now.getTime() - OPT_IN_DAYS * DAY))))
      .limit(500);
    for (const row of due) {
      await db.transaction((tx) => signupMachine.transition(tx, row, 'expired', { actor: SYSTEM, reason: 'opt_in_expired', now }));
    }
    return { expired: due.length };
  },
};

/**
 * Redeems a confirmation link (locked by the caller): the signup moves to `confirmed`, the account
 * becomes active with a customer number, a username and (for private and professional accounts) a SIP
 * address, and the credentials e-mail goes out with a set-password link (its token is returned too, for
 * the confirm page to lead on with; it is not stored in clear). A used link answers "already confirmed"
 * and sends nothing again.
 */
export async function confirmSignup(tx: Executor, o: { tenant: Tenant; link: Link<'signup'>; now: Date; publicUrl: string; ip?: string }) {
  const { tenant, link, now } = o;
  if (link.usedAt) return { status: 'already_confirmed' as const };
  assertRedeemable(link, now);
  const [pending] = await tx.select().from(signups).where(and(eq(signups.id, link.subjectId), eq(signups.tenantId, tenant.id))).for('update');
  if (!pending) throw new ApiError(404, 'link_invalid');
  if (pending.status === 'expired') throw new ApiError(410, 'link_expired');
  await useLink(tx, link, now);
  const row = await signupMachine.transition(tx, pending, 'confirmed', {
    actor: { kind: 'customer', id: pending.id },
    reason: 'link_redeemed',
    now,
    set: { confirmedAt: now },
    context: { ip: o.ip },
  });

  const names = row.data.accountType === 'business' ? row.data.contact : row.data.person;
  const account = await insertAccount(tx, tenant, {
    firstName: names.firstName,
    lastName: names.lastName,
    sipAddress: row.accountType === 'business' ? undefined : (username) => `${username}@${tenant.sipDomain}`,
    values: {
      signupId: row.id,
      accountType: row.accountType,
      displayName: row.displayName,
      email: row.email,
      mobile: row.mobile,
      tariffId: row.tariffId,
      createdAt: now,
    },
  });
  // The account's portal admin ("Administrator Kundenportal"): same name, no password until they set one.
  const [user] = await tx
    .insert(users)
    .values({
      tenantId: tenant.id,
      role: 'account_admin',
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      email: account.email,
      mobile: account.mobile,
      createdAt: now,
    })
    .returning();
  const setPassword = await issueLink(tx, { tenantId: tenant.id, subjectId: user!.id, payload: { purpose: 'set_password' }, now });
  const mail = credentialsEmail(brandOf(tenant), row.locale, {
    name: row.displayName,
    username: account.username,
    sipAddress: account.sipAddress,
    customerNumber: account.customerNumber,
    link: linkUrl(o.publicUrl, 'set_password', setPassword, row.locale),
    hours: LINKS.set_password.hours,
  });
  await Promise.all([
    // Counted, never refused: it answers a click on a link that came to this address, once per signup.
    enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: row.email, ...mail }, budget: { kind: 'link', now, userId: user!.id, exhausted: 'count' } }),
    emitEvent(tx, {
      tenantId: tenant.id,
      type: 'signup.confirmed',
      data: { signupId: row.id, accountId: account.id, accountType: account.accountType, customerNumber: account.customerNumber, username: account.username },
    }),
  ]);
  // "Neuen Standort bestellen": the new account becomes a location of the main account that ordered it.
  if (row.accountType === 'business') await settleLocationIntent(tx, { tenant, signupId: row.id, account, locale: row.locale, now, ip: o.ip });
  // The same single-use token goes to the e-mail and, once, to the page that confirmed: it leads straight on.
  return { status: 'confirmed' as const, account, setPasswordToken: setPassword };
}

/** Redeems any e-mail link a page hands in: a signup confirmation, a co-user's confirmation or a new e-mail address. */
export async function redeemLink(tx: Executor, o: { tenant: Tenant; token: string; now: Date; publicUrl: string; locale: Locale; ip?: string; budget?: BudgetSettings }) {
  const link = await lockLink(tx, o.token, { tenantId: o.tenant.id, purposes: ['signup', 'email_change', 'sub_user'] });
  if (!link) throw new ApiError(404, 'link_invalid');
  if (link.purpose === 'email_change') {
    return { ...(await confirmEmailChange(tx, { ...o, link: link as Link<'email_change'> })), kind: 'email_change' as const };
  }
  if (link.purpose === 'sub_user') {
    // The co-user's own account and login; the confirm page leads on to the password as for a signup.
    const result = await confirmSubUser(tx, { ...o, link: link as Link<'sub_user'> });
    if (result.status === 'already_confirmed') return { status: result.status, kind: 'sub_user' as const };
    return { status: result.status, kind: 'sub_user' as const, username: result.account.username, setPasswordToken: result.setPasswordToken };
  }
  const result = await confirmSignup(tx, { ...o, link: link as Link<'signup'> });
  if (result.status === 'already_confirmed') return { status: result.status, kind: 'signup' as const };
  return { status: result.status, kind: 'signup' as const, username: result.account.username, setPasswordToken: result.setPasswordToken };
}
