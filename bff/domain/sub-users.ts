// Co-users of a business account ("Mitbenutzer", PRODUCT.md §3.3): added by the account's admin, confirmed
// by the co-user (double opt-in, 7 days), then an account and a login of their own; managed and cancelled
// by the admin; ended by the jobs at the bottom. Every change goes through the lifecycle's state machine,
// writes an audit entry and fires a webhook in the same transaction; every e-mail passes the budget.
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { maskMobile } from '../../contract/rules.js';
import {
  MAX_END_YEARS,
  SUB_USER_LINK_DAYS,
  type SubUser,
  type SubUserCancellation,
  type SubUserCreate,
  subUserLifecycle,
  type SubUserStatus,
} from '../../contract/sub-users.js';
import { addMonths, berlinDate, earliestEndDate, firstOfNextMonth, maxDate, termEnd } from '../../contract/terms.js';
import type { Db, Executor } from '../db/client.js';
import { accounts, embedSecrets, emailLinks, sessions, statusHistory, type Session, type SubUserRow, subUsers, type Tariff, tariffs, type Tenant, type User, users } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { type Actor, invalidTransition, SYSTEM, stateMachine } from '../lib/lifecycle.js';
import { rateLimitError, type RateRule, slidingHits } from '../lib/rate-limit.js';
import { DAY, HOUR, type Job } from '../jobs/scheduler.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import {
  accessContinuesEmail,
  accessEndsEmail,
  cancellationEmail,
  confirmedNoticeEmail,
  invitationEmail,
  resendRefusal,
  subUserCredentialsEmail,
  withdrawnEmail,
} from '../messaging/templates/sub-users.js';
import { audit, userActor } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { assertRedeemable, issueLink, LINKS, type Link, linkUrl, newLink, useLink } from './links.js';
import { insertAccount } from './signups.js';
import { emitEvent } from './webhooks.js';

/** What every co-user flow gets from the route. */
export interface SubUserFlow {
  tenant: Tenant;
  /** The admin acting, and the business account it acts on. */
  admin: User & { accountId: string };
  /**
   * The account whose co-users these are: the admin's own, or the sub-account an acting session works on
   * (`actingScope`). Every query is scoped by it and the tenant.
   */
  accountId: string;
  /** Acting on a sub-account: the main account the admin acts from (audit entries name it). */
  actingFor?: string | null;
  now: Date;
  ip: string;
  locale: Locale;
  publicUrl: string;
  budget: BudgetSettings;
}

/**
 * The caller must be the `account_admin` of a business account; anything else (a co-user, a partner agent,
 * the admin of a private or professional account) is 403 `forbidden`.
 */
export async function requireAdminOfBusiness(db: Executor, user: User | undefined, _session: Session | undefined): Promise<User & { accountId: string }> {
  if (!user || user.role !== 'account_admin' || !user.accountId) throw new ApiError(403, 'forbidden');
  const [account] = await db
    .select({ accountType: accounts.accountType, status: accounts.status })
    .from(accounts)
    .where(and(eq(accounts.id, user.accountId), eq(accounts.tenantId, user.tenantId)));
  if (account?.accountType !== 'business' || account.status === 'cancelled') throw new ApiError(403, 'forbidden');
  return user as User & { accountId: string };
}

/** Seconds between two confirmation e-mails of one co-user (like a signup's done screen). */
export const RESEND_COOLDOWN_SECONDS = 60;
/** At most 3 resends per co-user and hour (PRODUCT.md §3.3). */
export const RESEND_LIMIT: RateRule = { name: 'sub-users.resend', limit: 3, windowSeconds: 3600 };

/** The co-user lifecycle bound to its table; the flows below do what entering a state means. */
export const subUserMachine = stateMachine<SubUserStatus, typeof subUsers>(subUserLifecycle, subUsers);

const fieldError = (path: string, code: string) => new ApiError(422, 'validation_failed', { errors: [{ path, code, message: '' }] });
const notFound = () => new ApiError(404, 'not_found');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const adminActor = (f: SubUserFlow): Actor => userActor(f.admin);
const nameOf = (row: Pick<SubUserRow, 'firstName' | 'lastName'>) => `${row.firstName} ${row.lastName}`;
const expiresAt = (sentAt: Date) => new Date(sentAt.getTime() + SUB_USER_LINK_DAYS * DAY);

// Reading

type Joined = { row: SubUserRow; co: typeof accounts.$inferSelect | null };

async function tariffsOf(db: Executor, tenantId: string): Promise<Map<string, Tariff>> {
  const rows = await db.select().from(tariffs).where(eq(tariffs.tenantId, tenantId));
  return new Map(rows.map((t) => [t.id, t]));
}

/** The earliest end date of an active co-user's contract if cancelled on `now`'s day. */
function earliestOf(row: SubUserRow, tariff: Tariff | undefined, now: Date): string | null {
  if (!row.startsOn || !tariff) return null;
  return earliestEndDate({
    start: row.startsOn,
    minimumTermMonths: tariff.minimumTermMonths,
    noticePeriodMonths: tariff.noticePeriodMonths,
    committedUntil: row.committedUntil,
    received: berlinDate(now),
  });
}

function present({ row, co }: Joined, tariffById: Map<string, Tariff>, now: Date): SubUser {
  const tariff = tariffById.get(row.tariffId);
  const next = row.nextTariffId ? tariffById.get(row.nextTariffId) : undefined;
  const waiting = row.status === 'pending_confirmation' || row.status === 'expired';
  return {
    id: row.id,
    status: row.status,
    salutation: row.salutation as SubUser['salutation'],
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    mobile: maskMobile(row.mobile),
    username: co?.username ?? null,
    sipAddress: co?.sipAddress ?? null,
    customerNumber: co?.customerNumber ?? null,
    tariff: { id: row.tariffId, name: tariff?.name ?? '' },
    nextTariff: next && row.nextTariffFrom ? { id: next.id, name: next.name, from: row.nextTariffFrom } : null,
    invoiceNote: row.invoiceNote,
    invoiceNoteFrom: row.invoiceNoteFrom,
    createdAt: row.createdAt.toISOString(),
    confirmationSentAt: row.confirmationSentAt.toISOString(),
    confirmationExpiresAt: expiresAt(row.confirmationSentAt).toISOString(),
    resendAfter: waiting ? Math.max(0, Math.ceil((row.confirmationSentAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()) / 1000)) : 0,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    startsOn: row.startsOn,
    earliestEndDate: row.status === 'active' ? earliestOf(row, tariff, now) : null,
    cancellation: row.cancellationReceivedAt && row.endsOn ? { receivedAt: row.cancellationReceivedAt.toISOString(), endsOn: row.endsOn } : null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  };
}

async function coAccountOf(db: Executor, row: SubUserRow) {
  if (!row.coAccountId) return null;
  const [co] = await db.select().from(accounts).where(eq(accounts.id, row.coAccountId));
  return co ?? null;
}

async function presentOne(db: Executor, row: SubUserRow, now: Date): Promise<SubUser> {
  return present({ row, co: await coAccountOf(db, row) }, await tariffsOf(db, row.tenantId), now);
}

/** Every co-user of the account, sorted by last name, then first name. */
export async function listSubUsers(db: Executor, f: SubUserFlow): Promise<SubUser[]> {
  const [rows, tariffById] = await Promise.all([
    db
      .select({ row: subUsers, co: accounts })
      .from(subUsers)
      .leftJoin(accounts, eq(accounts.id, subUsers.coAccountId))
      .where(and(eq(subUsers.tenantId, f.tenant.id), eq(subUsers.accountId, f.accountId)))
      .orderBy(asc(subUsers.lastName), asc(subUsers.firstName), asc(subUsers.createdAt)),
    tariffsOf(db, f.tenant.id),
  ]);
  const collator = new Intl.Collator('de', { sensitivity: 'base' });
  return rows
    .sort((a, b) => collator.compare(a.row.lastName, b.row.lastName) || collator.compare(a.row.firstName, b.row.firstName))
    .map((r) => present(r, tariffById, f.now));
}

/** The co-user `id` of the flow's account, locked for this transaction; another account's or tenant's is a 404 like a missing one. */
async function lockOwn(tx: Executor, f: SubUserFlow, id: string): Promise<SubUserRow> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await tx
    .select()
    .from(subUsers)
    .where(and(eq(subUsers.id, id), eq(subUsers.tenantId, f.tenant.id), eq(subUsers.accountId, f.accountId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/**
 * `lockOwn` for a change that touches the co-user's links (resend, new address, withdrawing a registration):
 * the open links are locked first, then the row — the order a confirmation takes (link, then row), so the two
 * wait for each other instead of deadlocking.
 */
async function lockOwnWithLinks(tx: Executor, f: SubUserFlow, id: string): Promise<SubUserRow> {
  if (!UUID.test(id)) throw notFound();
  await tx
    .select({ id: emailLinks.id })
    .from(emailLinks)
    .where(and(eq(emailLinks.subjectId, id), eq(emailLinks.tenantId, f.tenant.id), eq(emailLinks.purpose, 'sub_user'), isNull(emailLinks.usedAt), isNull(emailLinks.supersededAt)))
    .orderBy(asc(emailLinks.id))
    .for('update');
  return lockOwn(tx, f, id);
}

/** A tariff the admin may choose for a co-user: the tenant's, active, for co-users. */
async function subUserTariff(db: Executor, tenantId: string, tariffId: string, path: string): Promise<Tariff> {
  const [tariff] = await db
    .select()
    .from(tariffs)
    .where(and(eq(tariffs.id, tariffId), eq(tariffs.tenantId, tenantId)));
  if (!tariff) throw fieldError(path, 'tariff_unknown');
  if (!tariff.forSubUsers || !tariff.active) throw fieldError(path, 'tariff_not_for_sub_users');
  return tariff;
}

async function businessAccount(db: Executor, tenantId: string, accountId: string) {
  const [account] = await db.select().from(accounts).where(and(eq(accounts.id, accountId), eq(accounts.tenantId, tenantId)));
  if (!account) throw notFound();
  return account;
}

/** Who hears of a co-user's confirmation: the admin who added them, else the account's (first) admin. */
async function adminOf(db: Executor, row: SubUserRow): Promise<User | undefined> {
  if (row.createdBy) {
    const [creator] = await db.select().from(users).where(eq(users.id, row.createdBy));
    if (creator && creator.accountId === row.accountId) return creator;
  }
  const [first] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, row.accountId), eq(users.role, 'account_admin')))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return first;
}

const common = (f: SubUserFlow, row: { id: string }) => ({
  tenantId: f.tenant.id,
  actor: adminActor(f),
  account: f.accountId,
  actingFor: f.actingFor ?? null,
  target: { type: 'sub_user', id: row.id },
  ip: f.ip,
  at: f.now,
});

/** Opt-in e-mails of one business account (adds, resends, address changes): generous for setting up a team, bounded for abuse. */
export const INVITATION_LIMITS: RateRule[] = [
  { name: 'sub-users.invitations.h', limit: 30, windowSeconds: 3600 },
  { name: 'sub-users.invitations.d', limit: 100, windowSeconds: 86_400 },
];

/** Counts one opt-in e-mail of the flow's account; over the limit a 429 with `Retry-After` (and nothing stored). */
async function countInvitation(tx: Executor, f: SubUserFlow) {
  const results = await slidingHits(tx, INVITATION_LIMITS.map((rule) => ({ rule, key: `account:${f.accountId}` })), f.now);
  const over = results.filter((r) => !r.allowed);
  if (over.length > 0) throw rateLimitError(over.reduce((a, b) => (a.retryAfter > b.retryAfter ? a : b)));
}

/** The opt-in e-mail with a link (the link's row written by the caller) to the co-user, in the admin's language. */
async function sendInvitation(tx: Executor, f: SubUserFlow, row: SubUserRow, token: string) {
  const company = (await businessAccount(tx, f.tenant.id, row.accountId)).displayName;
  const mail = invitationEmail(brandOf(f.tenant), row.locale, {
    name: nameOf(row),
    company,
    admin: f.admin.displayName,
    link: linkUrl(f.publicUrl, 'sub_user', token, row.locale),
    days: SUB_USER_LINK_DAYS,
  });
  // Not on the admin's own budget (the admin's login PINs count there): the account's invitations have a limit of their own.
  await countInvitation(tx, f);
  await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: row.email, ...mail }, budget: { ...f.budget, kind: 'link', now: f.now, ip: f.ip } });
}

// Changing

/** "Zahlungspflichtigen Vertrag schließen": stored as `pending_confirmation`; the co-user gets the opt-in link. */
export async function createSubUser(tx: Executor, f: SubUserFlow & { input: SubUserCreate }): Promise<SubUser> {
  const { input, now } = f;
  const tariff = await subUserTariff(tx, f.tenant.id, input.tariffId, 'tariffId');
  const id = randomUUID();
  const today = berlinDate(now);
  const [row] = await tx
    .insert(subUsers)
    .values({
      id,
      tenantId: f.tenant.id,
      accountId: f.accountId,
      salutation: input.salutation,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      mobile: input.mobile,
      locale: f.locale,
      tariffId: tariff.id,
      invoiceNote: input.invoiceNote,
      invoiceNoteFrom: input.invoiceNote ? firstOfNextMonth(today) : null,
      createdBy: f.admin.id,
      confirmationSentAt: now,
      createdAt: now,
    })
    .returning();
  const link = newLink({ tenantId: f.tenant.id, subjectId: id, payload: { purpose: 'sub_user' }, now });
  await tx.insert(emailLinks).values(link.values);
  await sendInvitation(tx, f, row!, link.token);
  await Promise.all([
    // The first entry of the co-user's history: created, by the admin.
    tx.insert(statusHistory).values({
      tenantId: f.tenant.id,
      entity: subUserLifecycle.name,
      entityId: id,
      fromStatus: null,
      toStatus: 'pending_confirmation',
      actorKind: 'admin',
      actorId: f.admin.id,
      reason: 'created',
      at: now,
    }),
    audit(tx, { ...common(f, row!), action: 'sub_user.created', data: { tariff: tariff.code, invoiceNote: Boolean(input.invoiceNote) } }),
    emitEvent(tx, { tenantId: f.tenant.id, type: 'sub_user.created', data: { subUserId: id, accountId: f.accountId, status: 'pending_confirmation', tariff: tariff.code } }),
  ]);
  return present({ row: row!, co: null }, new Map([[tariff.id, tariff]]), now);
}

/**
 * Redeems a co-user's confirmation link (locked by the caller): the co-user becomes `active` with an
 * account of their own under the business account (customer number, username, SIP address) and a login
 * (`co_user`, no password yet); the credentials e-mail with a set-password link goes to the co-user and a
 * notice to the admin. A used link answers "already confirmed" and sends nothing again.
 */
export async function confirmSubUser(tx: Executor, o: { tenant: Tenant; link: Link<'sub_user'>; now: Date; publicUrl: string; ip?: string }) {
  const { tenant, link, now } = o;
  if (link.usedAt) return { status: 'already_confirmed' as const };
  assertRedeemable(link, now);
  const [pending] = await tx
    .select()
    .from(subUsers)
    .where(and(eq(subUsers.id, link.subjectId), eq(subUsers.tenantId, tenant.id)))
    .for('update');
  if (!pending) throw new ApiError(404, 'link_invalid');
  if (pending.status === 'expired') throw new ApiError(410, 'link_expired');
  if (pending.status === 'cancelled') throw new ApiError(410, 'link_superseded');
  if (pending.status !== 'pending_confirmation') return { status: 'already_confirmed' as const };
  await useLink(tx, link, now);
  const startsOn = berlinDate(now);
  const business = await businessAccount(tx, tenant.id, pending.accountId);
  const tariffById = await tariffsOf(tx, tenant.id);

  const co = await insertAccount(tx, tenant, {
    firstName: pending.firstName,
    lastName: pending.lastName,
    sipAddress: (username) => `${username}@${tenant.sipDomain}`,
    values: {
      // A person's own relay line, billed to the business through `parentAccountId`; not a business of
      // its own (it has no co-users or locations and its login is never an admin).
      accountType: 'private',
      parentAccountId: business.id,
      displayName: nameOf(pending),
      email: pending.email,
      mobile: pending.mobile,
      tariffId: pending.tariffId,
      createdAt: now,
    },
  });
  const [user] = await tx
    .insert(users)
    .values({
      tenantId: tenant.id,
      role: 'co_user',
      accountId: co.id,
      username: co.username,
      displayName: co.displayName,
      email: co.email,
      mobile: co.mobile,
      createdAt: now,
    })
    .returning();
  const row = await subUserMachine.transition(tx, pending, 'active', {
    actor: { kind: 'customer', id: pending.id },
    reason: 'link_redeemed',
    now,
    set: { confirmedAt: now, startsOn, coAccountId: co.id, userId: user!.id },
  });
  const setPassword = await issueLink(tx, { tenantId: tenant.id, subjectId: user!.id, payload: { purpose: 'set_password' }, now });
  const brand = brandOf(tenant);
  const credentials = subUserCredentialsEmail(brand, row.locale, {
    name: co.displayName,
    company: business.displayName,
    username: co.username,
    sipAddress: co.sipAddress!,
    customerNumber: co.customerNumber,
    link: linkUrl(o.publicUrl, 'set_password', setPassword, row.locale),
    hours: LINKS.set_password.hours,
    emailShared: (await tx.select({ n: count() }).from(users).where(and(eq(users.tenantId, tenant.id), sql`lower(${users.email}) = ${co.email.toLowerCase()}`)))[0]!.n > 1,
  });
  const admin = await adminOf(tx, row);
  // Counted, never refused: it answers a click on a link that came to this address, once per co-user.
  await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: row.email, ...credentials }, budget: { kind: 'link', now, userId: user!.id, exhausted: 'count' } });
  if (admin) {
    const notice = confirmedNoticeEmail(brand, row.locale, { admin: admin.displayName, name: co.displayName, username: co.username, customerNumber: co.customerNumber, startsOn });
    await enqueue(tx, { tenantId: tenant.id, channel: 'email', payload: { to: admin.email, ...notice }, budget: { kind: 'receipt', now } });
  }
  await Promise.all([
    audit(tx, {
      tenantId: tenant.id,
      actor: { kind: 'customer', id: row.id },
      account: row.accountId,
      action: 'sub_user.confirmed',
      target: { type: 'sub_user', id: row.id },
      ip: o.ip,
      at: now,
      data: { subAccountId: co.id, customerNumber: co.customerNumber },
    }),
    emitEvent(tx, {
      tenantId: tenant.id,
      type: 'sub_user.confirmed',
      data: { subUserId: row.id, accountId: row.accountId, subAccountId: co.id, customerNumber: co.customerNumber, status: 'active', tariff: tariffById.get(row.tariffId)?.code ?? null },
    }),
  ]);
  return { status: 'confirmed' as const, account: co, setPasswordToken: setPassword };
}

/**
 * Change a co-user: the invoice note (from the next invoice, the 1st of next month), the tariff (from the
 * 1st of next month; the current tariff again cancels a pending change), or, before confirmation, the
 * e-mail address (a new link there, the old one stops; an expired co-user is pending again).
 */
export async function updateSubUser(
  tx: Executor,
  f: SubUserFlow & { id: string; change: { invoiceNote?: string | null; tariffId?: string; email?: string } },
): Promise<{ subUser: SubUser; effective: { invoiceNote: string | null; tariff: string | null; email: boolean } }> {
  const { change, now } = f;
  let row = change.email !== undefined ? await lockOwnWithLinks(tx, f, f.id) : await lockOwn(tx, f, f.id);
  if (row.status === 'cancelled') throw invalidTransition(row.status);
  const waiting = row.status === 'pending_confirmation' || row.status === 'expired';
  if (change.email !== undefined && !waiting) throw fieldError('email', 'email_pending_only');
  if (change.email !== undefined && change.email === row.email) throw fieldError('email', 'nothing_to_change');
  // A new address sends a new link: it counts against the co-user's resends (no cooldown: a typo is fixed at once).
  if (change.email !== undefined) await countResend(tx, f, row.id);
  const tariff = change.tariffId !== undefined ? await subUserTariff(tx, f.tenant.id, change.tariffId, 'tariffId') : undefined;
  if (tariff && tariff.id === row.tariffId && !row.nextTariffId) throw fieldError('tariffId', 'tariff_unchanged');

  const nextMonth = firstOfNextMonth(berlinDate(now));
  const set: Partial<typeof subUsers.$inferInsert> = {};
  const effective = { invoiceNote: null as string | null, tariff: null as string | null, email: false };
  const fields: string[] = [];
  if (change.invoiceNote !== undefined) {
    set.invoiceNote = change.invoiceNote;
    set.invoiceNoteFrom = nextMonth;
    effective.invoiceNote = nextMonth;
    fields.push('invoiceNote');
  }
  if (tariff) {
    // The current tariff again withdraws a change still waiting for its date.
    const cancelsPending = tariff.id === row.tariffId;
    set.nextTariffId = cancelsPending ? null : tariff.id;
    set.nextTariffFrom = cancelsPending ? null : nextMonth;
    effective.tariff = cancelsPending ? null : nextMonth;
    fields.push('tariff');
  }
  if (change.email !== undefined) {
    set.email = change.email;
    set.confirmationSentAt = now;
    effective.email = true;
    fields.push('email');
  }
  if (change.email !== undefined && row.status === 'expired') {
    row = await subUserMachine.transition(tx, row, 'pending_confirmation', { actor: adminActor(f), reason: 'email_changed', now, set });
  } else {
    [row] = (await tx.update(subUsers).set(set).where(eq(subUsers.id, row.id)).returning()) as [SubUserRow];
  }
  if (change.email !== undefined) {
    const token = await issueLink(tx, { tenantId: f.tenant.id, subjectId: row.id, payload: { purpose: 'sub_user' }, now });
    await sendInvitation(tx, f, row, token);
  }
  const tariffById = await tariffsOf(tx, f.tenant.id);
  await Promise.all([
    audit(tx, {
      ...common(f, row),
      action: 'sub_user.updated',
      data: { fields, ...(tariff && { tariff: tariff.code, tariffFrom: effective.tariff }), ...(effective.invoiceNote && { invoiceNoteFrom: effective.invoiceNote }) },
    }),
    emitEvent(tx, {
      tenantId: f.tenant.id,
      type: 'sub_user.updated',
      data: { subUserId: row.id, accountId: row.accountId, status: row.status, fields, ...(tariff && { nextTariff: set.nextTariffId ? tariff.code : null, nextTariffFrom: effective.tariff }) },
    }),
  ]);
  return { subUser: present({ row, co: await coAccountOf(tx, row) }, tariffById, now), effective };
}

/**
 * The confirmation e-mail again, for a pending or expired co-user (an expired one is pending again): a
 * fresh link, older ones stop working. One a minute, at most 3 an hour per co-user (429 with `Retry-After`
 * and a `detail` saying from when).
 */
export async function resendSubUser(tx: Executor, f: SubUserFlow & { id: string }): Promise<{ subUser: SubUser; retryAfter: number }> {
  const { now } = f;
  let row = await lockOwnWithLinks(tx, f, f.id);
  if (row.status !== 'pending_confirmation' && row.status !== 'expired') throw invalidTransition(row.status);
  const wait = Math.ceil((row.confirmationSentAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()) / 1000);
  if (wait > 0) {
    throw new ApiError(429, 'rate_limited', { headers: { 'Retry-After': String(wait) }, detail: resendRefusal(f.locale, 'cooldown', new Date(now.getTime() + wait * 1000)) });
  }
  await countResend(tx, f, row.id);
  row =
    row.status === 'expired'
      ? await subUserMachine.transition(tx, row, 'pending_confirmation', { actor: adminActor(f), reason: 'resent', now, set: { confirmationSentAt: now } })
      : ((await tx.update(subUsers).set({ confirmationSentAt: now }).where(eq(subUsers.id, row.id)).returning())[0] as SubUserRow);
  const token = await issueLink(tx, { tenantId: f.tenant.id, subjectId: row.id, payload: { purpose: 'sub_user' }, now });
  await sendInvitation(tx, f, row, token);
  await audit(tx, { ...common(f, row), action: 'sub_user.confirmation_resent' });
  return { subUser: await presentOne(tx, row, now), retryAfter: RESEND_COOLDOWN_SECONDS };
}

/** Counts a new link for co-user `id` against {@link RESEND_LIMIT}; over it a 429 saying from when. */
async function countResend(tx: Executor, f: SubUserFlow, id: string) {
  const [counted] = await slidingHits(tx, [{ rule: RESEND_LIMIT, key: `sub_user:${id}` }], f.now);
  if (counted!.allowed) return;
  const refused = rateLimitError(counted!);
  throw new ApiError(429, 'rate_limited', {
    headers: refused.options.headers,
    detail: resendRefusal(f.locale, 'limited', new Date(f.now.getTime() + counted!.retryAfter * 1000)),
  });
}

/** A short reference for a cancellation receipt: 8 characters, upper-case. */
const receiptReference = () => randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase();

/**
 * "Jetzt kündigen": an active co-user's contract ends on `endDate` (default: the earliest end date, the
 * earliest allowed, at most {@link MAX_END_YEARS} years ahead) → `cancellation_scheduled`; a co-user who
 * never confirmed is cancelled at once and their links stop working. The admin gets the receipt by e-mail
 * (date and time of receipt, end date, reference); the co-user is told when their access ends.
 */
export async function cancelSubUser(tx: Executor, f: SubUserFlow & { id: string; endDate?: string }): Promise<SubUserCancellation> {
  const { now } = f;
  const before = await lockOwnWithLinks(tx, f, f.id);
  const tariffById = await tariffsOf(tx, f.tenant.id);
  const tariff = tariffById.get(before.tariffId);
  const reference = receiptReference();
  const brand = brandOf(f.tenant);
  const co = await coAccountOf(tx, before);

  if (before.status === 'pending_confirmation' || before.status === 'expired') {
    const row = await subUserMachine.transition(tx, before, 'cancelled', {
      actor: adminActor(f),
      reason: 'cancelled_before_confirmation',
      now,
      set: { cancellationReceivedAt: now, cancelledAt: now, endsOn: null },
    });
    await tx
      .update(emailLinks)
      .set({ supersededAt: now })
      .where(and(eq(emailLinks.subjectId, row.id), eq(emailLinks.purpose, 'sub_user'), isNull(emailLinks.usedAt), isNull(emailLinks.supersededAt)));
    const mail = cancellationEmail(brand, f.locale, { admin: f.admin.displayName, name: nameOf(row), customerNumber: null, tariff: tariff?.name ?? '', receivedAt: now, endsOn: null, reference });
    // The receipt is what the admin keeps: counted on its own counters, never dropped.
    await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: f.admin.email, ...mail }, budget: { ...f.budget, kind: 'receipt', now } });
    await Promise.all([
      audit(tx, { ...common(f, row), action: 'sub_user.cancelled', data: { reference, before: 'confirmation' } }),
      emitEvent(tx, { tenantId: f.tenant.id, type: 'sub_user.cancelled', data: { subUserId: row.id, accountId: row.accountId, status: 'cancelled', endsOn: null, reference } }),
    ]);
    return { subUser: present({ row, co }, tariffById, now), receivedAt: now.toISOString(), endsOn: null, earliestEndDate: null, reference };
  }
  if (before.status !== 'active') throw invalidTransition(before.status);

  const today = berlinDate(now);
  const earliest = earliestOf(before, tariff, now) ?? today;
  const endsOn = f.endDate ?? earliest;
  if (endsOn < earliest) throw fieldError('endDate', 'end_date_too_early');
  if (endsOn > addMonths(today, MAX_END_YEARS * 12)) throw fieldError('endDate', 'end_date_too_late');
  const row = await subUserMachine.transition(tx, before, 'cancellation_scheduled', {
    actor: adminActor(f),
    reason: 'cancelled_by_admin',
    now,
    set: { cancellationReceivedAt: now, endsOn },
  });
  const receipt = cancellationEmail(brand, f.locale, {
    admin: f.admin.displayName,
    name: nameOf(row),
    customerNumber: co?.customerNumber ?? null,
    tariff: tariff?.name ?? '',
    receivedAt: now,
    endsOn,
    reference,
  });
  const company = (await businessAccount(tx, f.tenant.id, row.accountId)).displayName;
  const told = accessEndsEmail(brand, row.locale, { name: nameOf(row), company, endsOn });
  // The receipt is what the admin keeps: counted on its own counters, never dropped; the co-user's notice may be dropped.
  await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: f.admin.email, ...receipt }, budget: { ...f.budget, kind: 'receipt', now } });
  // The co-user's address now: the one in its profile, which it may have changed since it was added.
  const [login] = row.userId ? await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId)) : [];
  await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: login?.email ?? row.email, ...told }, budget: { ...f.budget, kind: 'notice', now } });
  await Promise.all([
    audit(tx, { ...common(f, row), action: 'sub_user.cancellation_scheduled', data: { endsOn, earliestEndDate: earliest, reference } }),
    emitEvent(tx, {
      tenantId: f.tenant.id,
      type: 'sub_user.cancellation_scheduled',
      data: { subUserId: row.id, accountId: row.accountId, status: row.status, endsOn, receivedAt: now.toISOString(), reference },
    }),
  ]);
  return { subUser: present({ row, co }, tariffById, now), receivedAt: now.toISOString(), endsOn, earliestEndDate: earliest, reference };
}

/** "Kündigung zurücknehmen": up to and including the end date, the co-user is active again; the admin is told. */
export async function withdrawCancellation(tx: Executor, f: SubUserFlow & { id: string }): Promise<SubUser> {
  const { now } = f;
  const before = await lockOwn(tx, f, f.id);
  if (before.status !== 'cancellation_scheduled' || !before.endsOn || berlinDate(now) > before.endsOn) throw invalidTransition(before.status);
  const row = await subUserMachine.transition(tx, before, 'active', {
    actor: adminActor(f),
    reason: 'cancellation_withdrawn',
    now,
    set: { cancellationReceivedAt: null, endsOn: null },
  });
  const co = await coAccountOf(tx, row);
  const mail = withdrawnEmail(brandOf(f.tenant), f.locale, { admin: f.admin.displayName, name: nameOf(row), customerNumber: co?.customerNumber ?? '' });
  await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: f.admin.email, ...mail }, budget: { ...f.budget, kind: 'receipt', now } });
  // The co-user was told its access ends: now that it does not, it hears so too (at its address now).
  const company = (await businessAccount(tx, f.tenant.id, row.accountId)).displayName;
  const [login] = row.userId ? await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId)) : [];
  const told = accessContinuesEmail(brandOf(f.tenant), row.locale, { name: nameOf(row), company });
  await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: login?.email ?? row.email, ...told }, budget: { ...f.budget, kind: 'notice', now } });
  await Promise.all([
    audit(tx, { ...common(f, row), action: 'sub_user.cancellation_withdrawn', data: { endsOn: before.endsOn } }),
    emitEvent(tx, { tenantId: f.tenant.id, type: 'sub_user.cancellation_withdrawn', data: { subUserId: row.id, accountId: row.accountId, status: row.status } }),
  ]);
  return present({ row, co }, await tariffsOf(tx, f.tenant.id), now);
}

// Jobs: selected by state and date, one transaction per co-user, the row re-read under `FOR UPDATE SKIP
// LOCKED` with its state: of two workers at once, each co-user is moved by exactly one.

const BATCH = 500;

/** Runs `work` for each due row in a transaction of its own; counts the rows it moved (false: another worker had it). */
async function eachDue(db: Db, due: readonly { id: string }[], work: (tx: Executor, id: string) => Promise<boolean>): Promise<number> {
  let moved = 0;
  for (const { id } of due) if (await db.transaction((tx) => work(tx, id))) moved++;
  return moved;
}

/** The row `id` if it is still in `status`, locked; undefined when another worker holds it or moved it. */
async function claim(tx: Executor, id: string, status: SubUserStatus) {
  const [row] = await tx
    .select()
    .from(subUsers)
    .where(and(eq(subUsers.id, id), eq(subUsers.status, status)))
    .for('update', { skipLocked: true });
  return row;
}

/**
 * Co-users whose last day is over (`endsOn` before today in Germany: a contract ends at the end of its
 * last day) → `cancelled`: the co-user's sessions end, the account is cancelled and its SIP address stops.
 */
export const cancelDueSubUsers: Job = {
  name: 'sub-users.cancel-due',
  every: HOUR,
  async run({ db, now }) {
    const today = berlinDate(now);
    const due = await db
      .select({ id: subUsers.id })
      .from(subUsers)
      .where(and(eq(subUsers.status, 'cancellation_scheduled'), lt(subUsers.endsOn, today)))
      .limit(BATCH);
    const cancelled = await eachDue(db, due, async (tx, id) => {
      const before = await claim(tx, id, 'cancellation_scheduled');
      if (!before) return false;
      const row = await subUserMachine.transition(tx, before, 'cancelled', { actor: SYSTEM, reason: 'end_of_term', now, set: { cancelledAt: now } });
      const revoked = row.userId
        ? await tx
            .update(sessions)
            .set({ revokedAt: now })
            .where(and(eq(sessions.userId, row.userId), isNull(sessions.revokedAt)))
            .returning({ id: sessions.id })
        : [];
      // A client secret a partner's backend minted minutes ago must not open a session either.
      if (row.userId) await tx.update(embedSecrets).set({ usedAt: now }).where(and(eq(embedSecrets.userId, row.userId), isNull(embedSecrets.usedAt)));
      if (row.coAccountId) await tx.update(accounts).set({ status: 'cancelled', sipDeactivatedAt: now }).where(eq(accounts.id, row.coAccountId));
      await Promise.all([
        audit(tx, { tenantId: row.tenantId, actor: SYSTEM, account: row.accountId, action: 'sub_user.cancelled', target: { type: 'sub_user', id: row.id }, at: now, data: { endsOn: row.endsOn, sessionsRevoked: revoked.length } }),
        emitEvent(tx, { tenantId: row.tenantId, type: 'sub_user.cancelled', data: { subUserId: row.id, accountId: row.accountId, subAccountId: row.coAccountId, status: 'cancelled', endsOn: row.endsOn } }),
      ]);
      return true;
    });
    return { cancelled };
  },
};

/** Pending co-users whose newest link ran out (sent 7 days ago or more) → `expired`; a resend revives them. */
export const expireSubUserOptIns: Job = {
  name: 'sub-users.expire-opt-ins',
  every: HOUR,
  async run({ db, now }) {
    const due = await db
      .select({ id: subUsers.id })
      .from(subUsers)
      .where(and(eq(subUsers.status, 'pending_confirmation'), lte(subUsers.confirmationSentAt, new Date(now.getTime() - SUB_USER_LINK_DAYS * DAY))))
      .limit(BATCH);
    const expired = await eachDue(db, due, async (tx, id) => {
      const before = await claim(tx, id, 'pending_confirmation');
      if (!before || before.confirmationSentAt.getTime() + SUB_USER_LINK_DAYS * DAY > now.getTime()) return false;
      const row = await subUserMachine.transition(tx, before, 'expired', { actor: SYSTEM, reason: 'opt_in_expired', now });
      await Promise.all([
        audit(tx, { tenantId: row.tenantId, actor: SYSTEM, account: row.accountId, action: 'sub_user.expired', target: { type: 'sub_user', id: row.id }, at: now }),
        emitEvent(tx, { tenantId: row.tenantId, type: 'sub_user.expired', data: { subUserId: row.id, accountId: row.accountId, status: 'expired' } }),
      ]);
      return true;
    });
    return { expired };
  },
};

/** Tariff changes whose 1st of the month has come: the next tariff becomes the tariff (of the co-user's account too). */
export const applySubUserTariffChanges: Job = {
  name: 'sub-users.apply-tariff-changes',
  every: HOUR,
  async run({ db, now }) {
    const today = berlinDate(now);
    const due = await db
      .select({ id: subUsers.id })
      .from(subUsers)
      .where(and(isNotNull(subUsers.nextTariffId), lte(subUsers.nextTariffFrom, today), inArray(subUsers.status, ['pending_confirmation', 'active', 'cancellation_scheduled', 'expired'])))
      .limit(BATCH);
    const changed = await eachDue(db, due, async (tx, id) => {
      const [row] = await tx
        .select()
        .from(subUsers)
        .where(and(eq(subUsers.id, id), isNotNull(subUsers.nextTariffId), lte(subUsers.nextTariffFrom, today)))
        .for('update', { skipLocked: true });
      if (!row?.nextTariffId) return false;
      const [[tariff], [before]] = await Promise.all([
        tx.select().from(tariffs).where(eq(tariffs.id, row.nextTariffId)),
        tx.select().from(tariffs).where(eq(tariffs.id, row.tariffId)),
      ]);
      // The minimum term agreed with the tariff before stays: a change never shortens it.
      const agreed = row.startsOn && before && before.minimumTermMonths > 0 ? termEnd(row.startsOn, before.minimumTermMonths) : null;
      const committedUntil = agreed && row.committedUntil ? maxDate(agreed, row.committedUntil) : (agreed ?? row.committedUntil);
      await tx.update(subUsers).set({ tariffId: row.nextTariffId, nextTariffId: null, nextTariffFrom: null, committedUntil }).where(eq(subUsers.id, row.id));
      if (row.coAccountId) await tx.update(accounts).set({ tariffId: row.nextTariffId }).where(eq(accounts.id, row.coAccountId));
      await Promise.all([
        audit(tx, { tenantId: row.tenantId, actor: SYSTEM, account: row.accountId, action: 'sub_user.tariff_changed', target: { type: 'sub_user', id: row.id }, at: now, data: { tariff: tariff?.code ?? null, from: row.nextTariffFrom } }),
        emitEvent(tx, { tenantId: row.tenantId, type: 'sub_user.updated', data: { subUserId: row.id, accountId: row.accountId, status: row.status, fields: ['tariff'], tariff: tariff?.code ?? null } }),
      ]);
      return true;
    });
    return { changed };
  },
};

/** Whether a user may still log in: a co-user whose contract is over may not (the login's generic failure, no oracle). */
export async function mayLogIn(db: Executor, user: User): Promise<boolean> {
  if (user.role !== 'co_user' || !user.accountId) return true;
  const [account] = await db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, user.accountId));
  return account?.status !== 'cancelled';
}
