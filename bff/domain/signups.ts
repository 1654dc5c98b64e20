import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { mandateText } from '../../contract/legal.js';
import { customerNumber, usernameBase } from '../../contract/rules.js';
import type { Signup } from '../../contract/signup.js';
import type { Executor } from '../db/client.js';
import { accounts, customerNumberCounters, emailLinks, sepaMandates, signups, type SignupEvidence, type Tenant, users } from '../db/schema/index.js';
import { randomToken, seal, sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { confirmationEmail, credentialsEmail } from '../messaging/templates/signup.js';
import { issueLink, lockLink } from './email-links.js';
import { confirmEmailChange } from './portal.js';

export const CONFIRM_HOURS = 24;
export const SET_PASSWORD_HOURS = 48;
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
  const { payment, terms, originPage, ...data } = s;
  const reference = payment.method === 'sepa' ? mandateReference(tenant.customerNumberPrefix, now) : undefined;
  const scheme = s.accountType === 'business' ? 'b2b' : 'core';
  // Word for word what the review step showed; the reference is stored beside it.
  const wording = reference ? mandateText(locale, scheme, tenant.name) : undefined;
  const token = randomToken('', 32);
  const mail = confirmationEmail(brandOf(tenant), locale, { name: holder.displayName, link: `${options.publicUrl}/confirm?token=${token}`, hours: CONFIRM_HOURS });
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
  const id = randomUUID();
  const values = {
    id,
    tenantId: tenant.id,
    accountType: s.accountType,
    tariffId: s.tariffId,
    data,
    displayName: holder.displayName,
    email: holder.email.toLowerCase(),
    mobile: holder.mobile,
    locale,
    paymentMethod: payment.method,
    evidence,
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
    tx.insert(emailLinks).values({ tenantId: tenant.id, purpose: 'signup', subjectId: id, payload: { purpose: 'signup' }, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000) }),
    enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: values.email, ...mail } }),
  ]);
  return { signup: row!, mandateReference: reference };
}

async function sendConfirmation(tx: Executor, tenant: Tenant, row: typeof signups.$inferSelect, now: Date, publicUrl: string) {
  const token = await issueLink(tx, tenant.id, 'signup', row.id, now, CONFIRM_HOURS * 3_600_000);
  const mail = confirmationEmail(brandOf(tenant), row.locale as Locale, {
    name: row.displayName,
    link: `${publicUrl}/confirm?token=${token}`,
    hours: CONFIRM_HOURS,
  });
  await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: row.email, ...mail } });
}

/** Sends a fresh confirmation link for the signup an (even expired) link belongs to; older links stop working. */
export async function resendConfirmation(tx: Executor, tenant: Tenant, token: string, now: Date, publicUrl: string) {
  const link = await lockLink(tx, tenant.id, 'signup', token);
  if (!link) throw new ApiError(404, 'link_invalid');
  const [row] = await tx.select().from(signups).where(and(eq(signups.id, link.subjectId), eq(signups.tenantId, tenant.id))).for('update');
  if (!row) throw new ApiError(404, 'link_invalid');
  if (row.status === 'confirmed') return { status: 'already_confirmed' as const };
  await sendConfirmation(tx, tenant, row, now, publicUrl);
  return { status: 'sent' as const };
}

/** The first suffix after every `base`, `base2`, `base3` … taken so far (1 means `base` itself is free). */
async function freeUsernameSuffix(tx: Executor, tenantId: string, base: string): Promise<number> {
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

async function nextCustomerNumber(tx: Executor, tenant: Tenant): Promise<string> {
  const [counter] = await tx
    .insert(customerNumberCounters)
    .values({ tenantId: tenant.id, next: 2 })
    .onConflictDoUpdate({ target: customerNumberCounters.tenantId, set: { next: sql`${customerNumberCounters.next} + 1` } })
    .returning({ next: customerNumberCounters.next });
  return customerNumber(tenant.customerNumberPrefix, counter!.next - 1);
}

/**
 * Redeems a confirmation link: the account becomes active with a customer number, a username and (for
 * private and professional accounts) a SIP address, and the credentials e-mail goes out with a
 * set-password link. A used link answers "already confirmed" and sends nothing again.
 */
export async function confirmSignup(tx: Executor, tenant: Tenant, token: string, now: Date, publicUrl: string) {
  const link = await lockLink(tx, tenant.id, 'signup', token);
  if (!link) throw new ApiError(404, 'link_invalid');
  if (link.usedAt) return { status: 'already_confirmed' as const };
  if (link.supersededAt) throw new ApiError(410, 'link_superseded');
  if (link.expiresAt < now) throw new ApiError(410, 'link_expired');
  await tx.update(emailLinks).set({ usedAt: now }).where(eq(emailLinks.id, link.id));
  const [row] = await tx
    .update(signups)
    .set({ status: 'confirmed', confirmedAt: now })
    .where(and(eq(signups.id, link.subjectId), eq(signups.tenantId, tenant.id)))
    .returning();
  if (!row) throw new ApiError(404, 'link_invalid');

  const data = row.data as { person?: { firstName: string; lastName: string }; contact?: { firstName: string; lastName: string } };
  const names = data.person ?? data.contact!;
  const base = usernameBase(names.firstName, names.lastName);
  const number = await nextCustomerNumber(tx, tenant);
  let account: typeof accounts.$inferSelect | undefined;
  for (let n = await freeUsernameSuffix(tx, tenant.id, base); !account; n++) {
    const username = n === 1 ? base : `${base}${n}`;
    [account] = await tx
      .insert(accounts)
      .values({
        tenantId: tenant.id,
        signupId: row.id,
        accountType: row.accountType,
        customerNumber: number,
        username,
        sipAddress: row.accountType === 'business' ? null : `${username}@${tenant.sipDomain}`,
        displayName: row.displayName,
        email: row.email,
        mobile: row.mobile,
        tariffId: row.tariffId,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [accounts.tenantId, accounts.username] })
      .returning();
  }
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
  const setPassword = await issueLink(tx, tenant.id, 'set_password', user!.id, now, SET_PASSWORD_HOURS * 3_600_000);
  const mail = credentialsEmail(brandOf(tenant), row.locale as Locale, {
    name: row.displayName,
    username: account.username,
    sipAddress: account.sipAddress,
    customerNumber: account.customerNumber,
    link: `${publicUrl}/set-password?token=${setPassword}&lang=${row.locale}`,
    hours: SET_PASSWORD_HOURS,
  });
  await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: row.email, ...mail } });
  return { status: 'confirmed' as const, account };
}

/** Redeems any e-mail link a page hands in: a signup confirmation or a new e-mail address. */
export async function redeemLink(tx: Executor, tenant: Tenant, token: string, now: Date, publicUrl: string, locale: Locale) {
  const link = await lockLink(tx, tenant.id, undefined, token);
  if (link?.purpose === 'email_change') return { ...(await confirmEmailChange(tx, { tenant, link, now, locale })), kind: 'email_change' as const };
  if (link && link.purpose !== 'signup') throw new ApiError(404, 'link_invalid');
  const result = await confirmSignup(tx, tenant, token, now, publicUrl);
  return { status: result.status, kind: 'signup' as const };
}
