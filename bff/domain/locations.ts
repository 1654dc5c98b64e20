// Locations ("Standortverwaltung", PRODUCT.md §3.4): a main account and its linked sub-accounts, one level
// only, business accounts of one tenant. Linking an existing account needs its admin's code (the PIN
// service), a new location ordered through `tk-signup` is linked when its signup is confirmed, and a main
// account's admin acts on a sub-account through a session of its own (`actingScope`). Every change is
// audited and fires a webhook in its transaction; every SMS and e-mail passes the messaging budget.
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PinPayload } from '../../contract/links.js';
import { LOCATION_INTENT_HOURS, type LinkRequestIssued, type Location, type LocationIntentIssued, type LocationList, type OpenLinkRequest } from '../../contract/locations.js';
import type { Profile } from '../../contract/portal.js';
import { maskEmail, maskMobile } from '../../contract/rules.js';
import { berlinDate, daysInMonth, firstOfNextMonth } from '../../contract/terms.js';
import type { Db, Executor } from '../db/client.js';
import {
  type AccountLink,
  accountLinks,
  accounts,
  locationIntents,
  pinChallenges,
  type Session,
  sessions,
  signups,
  type Tenant,
  type User,
  users,
} from '../db/schema/index.js';
import type { Caller } from '../lib/context.js';
import { randomToken, sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { type RateRule, rateLimitError, slidingHits } from '../lib/rate-limit.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { locationEmailMessages } from '../lib/i18n.js';
import { linkedEmail, orderedLinkedEmail, unlinkedEmail } from '../messaging/templates/locations.js';
import type { OrderedBy } from '../messaging/templates/signup.js';
import { audit, userActor } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { accountAdminOf, localeOfAccount } from './location-codes.js';
import { smsSignsIn } from './factors.js';
import { type Challenge, lockChallenge, PIN_MAX_WRONG, resendPin, sendPin, verifyPin } from './pins.js';
import { createSession, profileOf, revokeSession } from './sessions.js';
import { requireAdminOfBusiness } from './sub-users.js';
import { emitEvent } from './webhooks.js';

type Account = typeof accounts.$inferSelect;

export interface LocationFlow {
  tenant: Tenant;
  /** The logged-in admin (for an acting session: the main account's admin who acts). */
  admin: User & { accountId: string };
  session: Session;
  /** The account the session works on: the admin's own, or the sub-account of an acting session. */
  accountId: string;
  /** For an acting session: the main account the admin acts from. */
  actingFor: string | null;
  now: Date;
  ip: string;
  locale: Locale;
  secret: string;
  publicUrl: string;
  otpHost?: string;
  budget: BudgetSettings;
}

export interface IssuedSession {
  token: string;
  expiresAt: string;
  components: null | string[];
  user: Profile;
}

/**
 * Codes per account asked for, whoever asks: a cap that bounds the messages its admin gets (429 with
 * `Retry-After`), high enough that one admin alone cannot use it up (see `LINK_PAIR_LIMITS`).
 */
export const LINK_TARGET_LIMITS: RateRule[] = [
  { name: 'locations.target.h', limit: 6, windowSeconds: 3600 },
  { name: 'locations.target.d', limit: 12, windowSeconds: 86_400 },
];
/** Codes per requesting admin and account asked for: one admin cannot keep the account's real main admin from asking. */
export const LINK_PAIR_LIMITS: RateRule[] = [{ name: 'locations.pair.h', limit: 2, windowSeconds: 3600 }];
/**
 * Link requests per requesting admin, counted before the customer number is looked up (a failed lookup
 * counts too): enough to link a chain of shops in an afternoon, not to probe customer numbers.
 */
export const LINK_ADMIN_LIMITS: RateRule[] = [
  { name: 'locations.admin.h', limit: 10, windowSeconds: 3600 },
  { name: 'locations.admin.d', limit: 30, windowSeconds: 86_400 },
];

const HOUR_MS = 3_600_000;
const fieldError = (code: string) => new ApiError(422, 'validation_failed', { errors: [{ path: 'customerNumber', code, message: '' }] });
const notFound = () => new ApiError(404, 'not_found');
const sessionExpired = () => new ApiError(401, 'session_expired', { headers: { 'WWW-Authenticate': 'Bearer realm="telkit", error="invalid_token"' } });

// Who acts on which account

/** Which account a session works on: the admin's own, or, acting, a live sub-account of it. */
export interface ActingScope {
  admin: User & { accountId: string };
  accountId: string;
  actingFor: string | null;
}

/** The live link of `subAccountId` under `mainAccountId`, if there is one. */
async function liveLink(db: Executor, tenantId: string, mainAccountId: string, subAccountId: string, lock = false): Promise<AccountLink | undefined> {
  const query = db
    .select()
    .from(accountLinks)
    .where(and(eq(accountLinks.tenantId, tenantId), eq(accountLinks.mainAccountId, mainAccountId), eq(accountLinks.subAccountId, subAccountId), isNull(accountLinks.unlinkedAt)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * The one place that says which account a session acts on (co-users, locations, profile, audit log). The
 * caller must be the `account_admin` of a business account (else 403); an acting session's sub-account is
 * re-checked on every request to still be a live sub-account of the admin's account (else 401
 * `session_expired`: unlinking ends it).
 */
export async function actingScope(db: Executor, caller: Pick<Caller, 'user' | 'session'>): Promise<ActingScope> {
  const admin = await requireAdminOfBusiness(db, caller.user, caller.session);
  const acting = caller.session?.actingAccountId;
  if (!acting) return { admin, accountId: admin.accountId, actingFor: null };
  if (!(await liveLink(db, admin.tenantId, admin.accountId, acting))) throw sessionExpired();
  return { admin, accountId: acting, actingFor: admin.accountId };
}

/** Login data (profile, password, mobile) is read-only while acting: 403 `acting_session`. */
export function refuseWhileActing(session: Session | undefined): void {
  if (session?.actingAccountId) throw new ApiError(403, 'acting_session');
}

/**
 * What `GET /v1/me` and `GET /v1/sessions/current` show: the user's own profile, or, acting, the
 * sub-account's (read-only, role `account_admin`) with who acts and the main account to return to.
 */
export async function currentProfile(db: Executor, caller: Pick<Caller, 'user' | 'session'>): Promise<Profile> {
  if (!caller.session?.actingAccountId) return profileOf(db, caller.user!);
  const scope = await actingScope(db, caller);
  return actingProfile(db, scope.admin, scope.accountId);
}

async function actingProfile(db: Executor, admin: User & { accountId: string }, subAccountId: string): Promise<Profile> {
  const [[sub], [main]] = await Promise.all([
    db.select().from(accounts).where(eq(accounts.id, subAccountId)),
    db.select().from(accounts).where(eq(accounts.id, admin.accountId)),
  ]);
  return {
    username: sub!.username,
    displayName: sub!.displayName,
    role: 'account_admin',
    email: sub!.email,
    mobile: maskMobile(sub!.mobile),
    account: { customerNumber: sub!.customerNumber, accountType: sub!.accountType },
    acting: {
      actor: { username: admin.username, displayName: admin.displayName },
      mainAccount: { customerNumber: main!.customerNumber, displayName: main!.displayName },
    },
  };
}

/** Managing locations (link, order, change, unlink, switch) is for a main account's own session. */
function requireManaging(f: LocationFlow): void {
  if (f.actingFor) throw new ApiError(403, 'acting_session');
}

/** The live link that makes `accountId` a sub-account, if it is one. */
async function mainOf(db: Executor, tenantId: string, accountId: string): Promise<AccountLink | undefined> {
  const [row] = await db
    .select()
    .from(accountLinks)
    .where(and(eq(accountLinks.tenantId, tenantId), eq(accountLinks.subAccountId, accountId), isNull(accountLinks.unlinkedAt)));
  return row;
}

async function hasSubAccounts(db: Executor, tenantId: string, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: accountLinks.id })
    .from(accountLinks)
    .where(and(eq(accountLinks.tenantId, tenantId), eq(accountLinks.mainAccountId, accountId), isNull(accountLinks.unlinkedAt)))
    .limit(1);
  return Boolean(row);
}

// The structure's rules

/** Locks the accounts' rows in id order (two linkers never wait for each other crosswise). */
async function lockAccounts(tx: Executor, tenantId: string, ids: string[]): Promise<Map<string, Account>> {
  const rows = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.id, ids)))
    .orderBy(asc(accounts.id))
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Whether `sub` may become a sub-account of `mainId`: one level, business accounts of the tenant, not
 * cancelled, at most one main account. Throws the error that says why not: the caller's own account a
 * sub-account is 409 `is_sub_account`, everything about the other account a field error on
 * `customerNumber`. An account of another tenant never reaches here (looked up in the caller's tenant).
 */
async function assertLinkable(db: Executor, tenantId: string, mainId: string, sub: Account | undefined): Promise<Account> {
  if (await mainOf(db, tenantId, mainId)) throw new ApiError(409, 'is_sub_account');
  if (!sub) throw fieldError('customer_number_unknown');
  if (sub.id === mainId) throw fieldError('own_account');
  if (sub.accountType !== 'business' || sub.parentAccountId) throw fieldError('not_business');
  if (sub.status === 'cancelled') throw fieldError('account_inactive');
  const current = await mainOf(db, tenantId, sub.id);
  if (current) throw fieldError(current.mainAccountId === mainId ? 'already_linked_here' : 'already_linked');
  if (await hasSubAccounts(db, tenantId, sub.id)) throw fieldError('has_sub_accounts');
  return sub;
}

/** The account with this customer number in the tenant (trimmed, any case); another tenant's is none. */
async function byCustomerNumber(db: Executor, tenantId: string, customerNumber: string): Promise<Account | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`lower(${accounts.customerNumber}) = ${customerNumber.trim().toLowerCase()}`))
    .limit(1);
  return row;
}

/** Whether `err` (or what it wraps) is a violation of the unique index `constraint`. */
function violates(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: string; constraint?: string; constraint_name?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint === constraint || e.constraint_name === constraint || String(e.message).includes(constraint))) return true;
  }
  return false;
}

// Presenting

/** The collective invoice on `today`: the value in force, and a change waiting for its 1st of the month. */
export function collectiveInvoiceState(link: Pick<AccountLink, 'collectiveInvoice' | 'collectiveInvoicePrevious' | 'collectiveInvoiceFrom'>, today: string) {
  const current = link.collectiveInvoiceFrom <= today ? link.collectiveInvoice : link.collectiveInvoicePrevious;
  const next = link.collectiveInvoice;
  return { current, next, from: next === current ? null : link.collectiveInvoiceFrom };
}

const lastDayOfMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return `${day.slice(0, 8)}${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

async function sitesOf(db: Executor, rows: Account[]): Promise<Map<string, Location['siteAddress']>> {
  const ids = rows.map((r) => r.signupId).filter((id): id is string => Boolean(id));
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: signups.id, data: signups.data }).from(signups).where(inArray(signups.id, ids));
  const bySignup = new Map(found.map((s) => [s.id, s.data.accountType === 'business' ? s.data.company.address : null]));
  return new Map(rows.map((r) => [r.id, (r.signupId && bySignup.get(r.signupId)) || null]));
}

function present(account: Account, link: AccountLink | null, site: Location['siteAddress'], today: string): Location {
  return {
    accountId: account.id,
    customerNumber: account.customerNumber,
    displayName: account.displayName,
    siteAddress: site,
    status: account.status,
    role: link ? 'sub' : 'main',
    collectiveInvoice: link ? collectiveInvoiceState(link, today) : null,
    linkedSince: link ? link.linkedAt.toISOString() : null,
    via: link ? link.via : null,
  };
}

async function presentSub(db: Executor, account: Account, link: AccountLink, now: Date): Promise<Location> {
  const sites = await sitesOf(db, [account]);
  return present(account, link, sites.get(account.id) ?? null, berlinDate(now));
}

/**
 * `GET /v1/locations`: a main account's admin sees the main account first, then its sub-accounts by name,
 * and the new locations it ordered whose signup is not confirmed yet; a sub-account's own admin, and an
 * admin acting on a sub-account, see that account alone.
 */
export async function listLocations(db: Executor, f: LocationFlow): Promise<LocationList> {
  const today = berlinDate(f.now);
  const [own] = await db.select().from(accounts).where(and(eq(accounts.id, f.accountId), eq(accounts.tenantId, f.tenant.id)));
  const asSub = await mainOf(db, f.tenant.id, f.accountId);
  if (asSub) {
    const sites = await sitesOf(db, [own!]);
    return { position: 'sub', canManage: false, accounts: [present(own!, asSub, sites.get(own!.id) ?? null, today)], orders: [], requests: [] };
  }
  const subs = await db
    .select({ link: accountLinks, account: accounts })
    .from(accountLinks)
    .innerJoin(accounts, eq(accounts.id, accountLinks.subAccountId))
    .where(and(eq(accountLinks.tenantId, f.tenant.id), eq(accountLinks.mainAccountId, f.accountId), isNull(accountLinks.unlinkedAt)));
  const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });
  subs.sort((a, b) => collator.compare(a.account.displayName, b.account.displayName) || a.account.customerNumber.localeCompare(b.account.customerNumber));
  const sites = await sitesOf(db, [own!, ...subs.map((s) => s.account)]);
  const orders = await db
    .select({ signupId: signups.id, displayName: signups.displayName, orderedAt: locationIntents.usedAt, collectiveInvoice: locationIntents.collectiveInvoice })
    .from(locationIntents)
    .innerJoin(signups, eq(signups.id, locationIntents.signupId))
    .where(
      and(
        eq(locationIntents.tenantId, f.tenant.id),
        eq(locationIntents.mainAccountId, f.accountId),
        isNull(locationIntents.settledAt),
        eq(signups.status, 'pending_confirmation'),
      ),
    )
    .orderBy(asc(locationIntents.usedAt));
  return {
    position: subs.length > 0 ? 'main' : 'none',
    canManage: true,
    accounts: [present(own!, null, sites.get(own!.id) ?? null, today), ...subs.map((s) => present(s.account, s.link, sites.get(s.account.id) ?? null, today))],
    orders: orders.map((o) => ({ signupId: o.signupId, displayName: o.displayName, orderedAt: o.orderedAt!.toISOString(), collectiveInvoice: o.collectiveInvoice })),
    requests: await openRequests(db, f),
  };
}

/**
 * The admin's link requests whose code can still be entered (not used, not replaced, not expired, fewer
 * than 5 wrong entries), the newest per account asked for: the code step can be resumed. Only for the
 * admin who asked, in its own session (an acting session lists the sub-account alone).
 */
async function openRequests(db: Executor, f: LocationFlow): Promise<OpenLinkRequest[]> {
  if (f.actingFor) return [];
  const rows = await db
    .select({ challenge: pinChallenges, account: accounts })
    .from(pinChallenges)
    .innerJoin(accounts, and(eq(accounts.tenantId, f.tenant.id), sql`${accounts.id} = (${pinChallenges.payload}->>'subAccountId')::uuid`))
    .where(
      and(
        eq(pinChallenges.tenantId, f.tenant.id),
        eq(pinChallenges.userId, f.admin.id),
        eq(pinChallenges.purpose, 'location_link'),
        sql`${pinChallenges.payload}->>'mainAccountId' = ${f.accountId}`,
        isNull(pinChallenges.usedAt),
        isNull(pinChallenges.supersededAt),
        gt(pinChallenges.expiresAt, f.now),
        lt(pinChallenges.attempts, PIN_MAX_WRONG),
      ),
    )
    .orderBy(desc(pinChallenges.createdAt));
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!newest.has(row.account.id)) newest.set(row.account.id, row);
  const requests: OpenLinkRequest[] = [];
  for (const { challenge, account } of newest.values()) {
    const target = await accountAdminOf(db, f.tenant.id, account.id);
    const payload = challenge.payload as Extract<PinPayload, { purpose: 'location_link' }>;
    requests.push({
      challengeId: challenge.id,
      account: { customerNumber: account.customerNumber, displayName: account.displayName },
      collectiveInvoice: payload.collectiveInvoice,
      expiresAt: challenge.expiresAt.toISOString(),
      // The other admin may have no mobile number (passkey or app instead): then the code went by e-mail only.
      sentTo: maskMobile(challenge.mobile) ?? '',
      emailTo: target ? maskEmail(target.email) : '',
    });
  }
  return requests;
}

// Linking an existing account with its admin's code

async function countLimits(tx: Executor, counters: { rule: RateRule; key: string }[], now: Date) {
  const results = await slidingHits(tx, counters, now);
  const over = results.filter((r) => !r.allowed);
  if (over.length > 0) throw rateLimitError(over.reduce((a, b) => (a.retryAfter > b.retryAfter ? a : b)));
}

const perTarget = (userId: string, accountId: string) => [
  ...LINK_TARGET_LIMITS.map((rule) => ({ rule, key: `account:${accountId}` })),
  ...LINK_PAIR_LIMITS.map((rule) => ({ rule, key: `user:${userId}|account:${accountId}` })),
];
const perAdmin = (userId: string) => LINK_ADMIN_LIMITS.map((rule) => ({ rule, key: `user:${userId}` }));

function issued(challenge: { challengeId: string; expiresAt: string; sentTo: string }, target: User, sub: Account): LinkRequestIssued {
  return { ...challenge, emailTo: maskEmail(target.email), account: { customerNumber: sub.customerNumber, displayName: sub.displayName } };
}

/**
 * "Bestehendes Konto hinzufügen": counts the request against the admin's limit first (committed on its
 * own, so that a request that fails still counts: no probing customer numbers), checks the rules (clear
 * errors), counts the limits per account asked for (and per admin and account), and sends the code to
 * that account's admin (SMS and e-mail, `deliverLinkCode`). Only the requesting admin can enter it (the
 * challenge is theirs), within 24 hours.
 */
export async function requestLink(db: Db, f: LocationFlow & { customerNumber: string; collectiveInvoice: boolean }): Promise<LinkRequestIssued> {
  requireManaging(f);
  await countLimits(db, perAdmin(f.admin.id), f.now);
  return db.transaction((tx) => sendLinkCode(tx, f));
}

/**
 * Where a link code goes besides the e-mail: the location admin's mobile number, unless SMS does not sign
 * them in (no number, or turned off) — whoever holds a swapped SIM must not be able to link their account.
 */
const linkCodeTo = (target: User) => (smsSignsIn(target) ? target.mobile : null);

async function sendLinkCode(tx: Executor, f: LocationFlow & { customerNumber: string; collectiveInvoice: boolean }): Promise<LinkRequestIssued> {
  const sub = await assertLinkable(tx, f.tenant.id, f.accountId, await byCustomerNumber(tx, f.tenant.id, f.customerNumber));
  const target = await accountAdminOf(tx, f.tenant.id, sub.id);
  if (!target) throw fieldError('no_portal_admin');
  await countLimits(tx, perTarget(f.admin.id, sub.id), f.now);
  const payload: PinPayload = { purpose: 'location_link', mainAccountId: f.accountId, subAccountId: sub.id, collectiveInvoice: f.collectiveInvoice };
  const challenge = await sendPin(tx, { ...f, user: f.admin, to: linkCodeTo(target), payload });
  await audit(tx, {
    tenantId: f.tenant.id,
    actor: userActor(f.admin),
    account: f.accountId,
    action: 'location.link_requested',
    target: { type: 'account', id: sub.id },
    ip: f.ip,
    at: f.now,
    data: { subAccountId: sub.id, customerNumber: sub.customerNumber, collectiveInvoice: f.collectiveInvoice },
  });
  return issued(challenge, target, sub);
}

/** The admin's open link challenge `challengeId` for the flow's account, locked; anything else is `challenge_invalid`. */
async function ownChallenge(tx: Executor, f: LocationFlow, challengeId: string): Promise<Challenge<'location_link'>> {
  const challenge = await lockChallenge(tx, challengeId, { purposes: ['location_link'], tenantId: f.tenant.id, userId: f.admin.id });
  if (challenge.payload.mainAccountId !== f.accountId) throw new ApiError(404, 'challenge_invalid');
  return challenge;
}

/** A new code for an open link request (the old one stops working), counted per admin and per account asked for. */
export async function resendLinkCode(tx: Executor, f: LocationFlow & { challengeId: string }): Promise<LinkRequestIssued> {
  requireManaging(f);
  const challenge = await ownChallenge(tx, f, f.challengeId);
  const [sub] = await tx.select().from(accounts).where(eq(accounts.id, challenge.payload.subAccountId));
  const target = await accountAdminOf(tx, f.tenant.id, challenge.payload.subAccountId);
  if (!sub || !target) throw new ApiError(404, 'challenge_invalid');
  if (!challenge.usedAt && !challenge.supersededAt) await countLimits(tx, [...perAdmin(f.admin.id), ...perTarget(f.admin.id, sub.id)], f.now);
  const fresh = await resendPin(tx, { ...f, purposes: ['location_link'], tenantId: f.tenant.id, userId: f.admin.id, challengeId: f.challengeId, to: linkCodeTo(target) });
  return issued(fresh, target, sub);
}

/**
 * Inserts the link of `sub` under `main` (both locked by the caller, the rules checked under the locks),
 * with the collective invoice from the 1st of next month; audit entry and webhook `location.linked`.
 */
async function insertLink(
  tx: Executor,
  o: { tenant: Tenant; main: Account; sub: Account; via: 'code' | 'order'; collectiveInvoice: boolean; by: User | null; now: Date; ip?: string },
): Promise<AccountLink> {
  const from = firstOfNextMonth(berlinDate(o.now));
  const [link] = await tx
    .insert(accountLinks)
    .values({
      tenantId: o.tenant.id,
      mainAccountId: o.main.id,
      subAccountId: o.sub.id,
      via: o.via,
      linkedAt: o.now,
      linkedBy: o.by?.id ?? null,
      collectiveInvoice: o.collectiveInvoice,
      collectiveInvoicePrevious: false,
      collectiveInvoiceFrom: from,
    })
    .returning();
  await Promise.all([
    audit(tx, {
      tenantId: o.tenant.id,
      actor: o.by ? userActor(o.by) : { kind: 'system' },
      account: o.sub.id,
      actingFor: o.main.id,
      action: 'location.linked',
      target: { type: 'account', id: o.sub.id },
      ip: o.ip,
      at: o.now,
      data: { mainAccountId: o.main.id, subAccountId: o.sub.id, via: o.via, collectiveInvoice: o.collectiveInvoice, collectiveInvoiceFrom: o.collectiveInvoice ? from : null },
    }),
    emitEvent(tx, {
      tenantId: o.tenant.id,
      type: 'location.linked',
      data: {
        mainAccountId: o.main.id,
        mainCustomerNumber: o.main.customerNumber,
        subAccountId: o.sub.id,
        subCustomerNumber: o.sub.customerNumber,
        via: o.via,
        linkedAt: o.now.toISOString(),
        collectiveInvoice: o.collectiveInvoice,
        collectiveInvoiceFrom: o.collectiveInvoice ? from : null,
      },
    }),
  ]);
  return link!;
}

/**
 * A rule the other account no longer meets when the code is entered (it changed since the request): 409
 * `not_linkable`, its `detail` naming the rule in words and the account, `rule` the field error code it
 * would have had at request time. The caller's own account a sub-account stays 409 `is_sub_account`.
 */
function notLinkable(err: unknown, locale: Locale, sub: Account | undefined): unknown {
  const rule = err instanceof ApiError && err.code === 'validation_failed' ? err.options.errors?.[0]?.code : undefined;
  return rule ? notLinkableBecause(rule, locale, sub ?? null) : err;
}

function notLinkableBecause(rule: string, locale: Locale, sub: Account | null): ApiError {
  const key = `notLinkable.${rule}` as Parameters<typeof locationEmailMessages.t>[1];
  const name = sub ? `${sub.displayName} (${sub.customerNumber})` : '';
  const detail = locationEmailMessages.t(locale, key, { sub: name }).replace(/\s+\(\)|\s{2,}/g, ' ');
  return new ApiError(409, 'not_linkable', { detail, extensions: { rule } });
}

/**
 * The other admin's code entered: the rules are checked again under both accounts' row locks (two
 * concurrent confirmations cannot build a chain, a cycle or a second main account; the partial unique
 * index is the backstop, 409 `already_linked`), then the link, and a notice to the linked account's admin.
 */
export async function confirmLink(db: Db, f: LocationFlow & { challengeId: string; pin: string }): Promise<Location> {
  requireManaging(f);
  try {
    return await verifyPin(db, { ...f, purposes: ['location_link'], tenantId: f.tenant.id, userId: f.admin.id }, async (tx, challenge) => {
      const { mainAccountId, subAccountId, collectiveInvoice } = challenge.payload;
      if (mainAccountId !== f.accountId) throw new ApiError(404, 'challenge_invalid');
      const locked = await lockAccounts(tx, f.tenant.id, [mainAccountId, subAccountId]);
      const main = locked.get(mainAccountId)!;
      const sub = await assertLinkable(tx, f.tenant.id, main.id, locked.get(subAccountId)).catch((err: unknown) => {
        throw notLinkable(err, f.locale, locked.get(subAccountId));
      });
      const link = await insertLink(tx, { tenant: f.tenant, main, sub, via: 'code', collectiveInvoice, by: f.admin, now: f.now, ip: f.ip });
      const subAdmin = await accountAdminOf(tx, f.tenant.id, sub.id);
      if (subAdmin) {
        const mail = linkedEmail(brandOf(f.tenant), await localeOfAccount(tx, f.tenant, sub.id), {
          name: subAdmin.displayName,
          main: main.displayName,
          mainNumber: main.customerNumber,
          sub: sub.displayName,
          subNumber: sub.customerNumber,
          collectiveInvoice,
          at: f.now,
          invoiceFrom: collectiveInvoice ? link.collectiveInvoiceFrom : null,
        });
        await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: subAdmin.email, ...mail }, budget: { ...f.budget, kind: 'notice', now: f.now } });
      }
      return presentSub(tx, sub, link, f.now);
    });
  } catch (err) {
    if (violates(err, 'account_links_sub_live_uq')) throw notLinkableBecause('already_linked', f.locale, null);
    throw err;
  }
}

// Ordering a new location

/** The main account's company data from its signup, to prefill the new location's signup. */
async function prefillOf(db: Executor, account: Account): Promise<LocationIntentIssued['prefill']> {
  const [signup] = account.signupId ? await db.select({ data: signups.data }).from(signups).where(eq(signups.id, account.signupId)) : [];
  const data = signup?.data;
  if (data?.accountType !== 'business') return { company: null, invoiceAddress: null };
  const { name, legalForm, vatId, registerNumber, address } = data.company;
  return {
    company: { name, legalForm, ...(vatId && { vatId }), ...(registerNumber && { registerNumber }), address },
    invoiceAddress: data.invoiceAddress ?? { name, address },
  };
}

/**
 * "Neuen Standort bestellen": an intent (`tk_lin_…`, 24 hours, single use; only its SHA-256 is kept) that
 * `tk-signup` sends with the business signup, and the main account's company data to prefill it.
 */
export async function mintLocationIntent(tx: Executor, f: LocationFlow & { collectiveInvoice: boolean }): Promise<LocationIntentIssued> {
  requireManaging(f);
  if (await mainOf(tx, f.tenant.id, f.accountId)) throw new ApiError(409, 'is_sub_account');
  const [main] = await tx.select().from(accounts).where(eq(accounts.id, f.accountId));
  const intent = randomToken('tk_lin_', 32);
  const expiresAt = new Date(f.now.getTime() + LOCATION_INTENT_HOURS * HOUR_MS);
  const [row] = await tx
    .insert(locationIntents)
    .values({ tenantId: f.tenant.id, mainAccountId: f.accountId, createdBy: f.admin.id, tokenHash: sha256(intent), collectiveInvoice: f.collectiveInvoice, expiresAt, createdAt: f.now })
    .returning({ id: locationIntents.id });
  await audit(tx, {
    tenantId: f.tenant.id,
    actor: userActor(f.admin),
    account: f.accountId,
    action: 'location.order_started',
    target: { type: 'location_intent', id: row!.id },
    ip: f.ip,
    at: f.now,
    data: { collectiveInvoice: f.collectiveInvoice },
  });
  return { intent, expiresAt: expiresAt.toISOString(), prefill: await prefillOf(tx, main!) };
}

/**
 * A signup's `locationIntent`: must be the tenant's, unexpired and unused (forged, expired or reused:
 * 422 on `locationIntent`); locked, so that two signups cannot both take it. Call `bindLocationIntent`
 * once the signup row exists.
 */
export async function claimLocationIntent(tx: Executor, tenantId: string, intent: string, now: Date): Promise<{ id: string; orderedBy: OrderedBy | null }> {
  const [row] = await tx
    .select({ id: locationIntents.id, mainAccountId: locationIntents.mainAccountId, createdBy: locationIntents.createdBy })
    .from(locationIntents)
    .where(and(eq(locationIntents.tenantId, tenantId), eq(locationIntents.tokenHash, sha256(intent.trim())), gt(locationIntents.expiresAt, now), isNull(locationIntents.usedAt)))
    .for('update');
  if (!row) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'locationIntent', code: 'location_intent_invalid', message: '' }] });
  return { id: row.id, orderedBy: await orderedByOf(tx, row) };
}

/** Who ordered a new location: the intent's admin and main account, for the signup's confirmation e-mail. */
async function orderedByOf(tx: Executor, intent: { mainAccountId: string; createdBy: string }): Promise<OrderedBy | null> {
  const [[main], [admin]] = await Promise.all([
    tx.select().from(accounts).where(eq(accounts.id, intent.mainAccountId)),
    tx.select().from(users).where(eq(users.id, intent.createdBy)),
  ]);
  return main && admin ? { admin: admin.displayName, main: main.displayName, mainNumber: main.customerNumber } : null;
}

/** Who ordered the new location a pending signup is for (its bound, unsettled intent), if it is one. */
export async function orderedByOfSignup(tx: Executor, tenantId: string, signupId: string): Promise<OrderedBy | null> {
  const [intent] = await tx
    .select({ mainAccountId: locationIntents.mainAccountId, createdBy: locationIntents.createdBy })
    .from(locationIntents)
    .where(and(eq(locationIntents.tenantId, tenantId), eq(locationIntents.signupId, signupId), isNull(locationIntents.settledAt)));
  return intent ? orderedByOf(tx, intent) : null;
}

export async function bindLocationIntent(tx: Executor, intentId: string, signupId: string, now: Date): Promise<void> {
  await tx.update(locationIntents).set({ usedAt: now, signupId }).where(eq(locationIntents.id, intentId));
}

/**
 * At a signup's confirmation: if it travelled with an intent, its new account is linked under the main
 * account (both locked, the rules checked) and the main account's admin is told; if the rules no longer
 * allow it (the main account became a sub-account, was cancelled …), nothing is linked (`not_linkable`).
 */
export async function settleLocationIntent(tx: Executor, o: { tenant: Tenant; signupId: string; account: Account; locale: Locale; now: Date; ip?: string }): Promise<void> {
  const [intent] = await tx
    .select()
    .from(locationIntents)
    .where(and(eq(locationIntents.tenantId, o.tenant.id), eq(locationIntents.signupId, o.signupId), isNull(locationIntents.settledAt)))
    .for('update');
  if (!intent) return;
  const locked = await lockAccounts(tx, o.tenant.id, [intent.mainAccountId, o.account.id]);
  const main = locked.get(intent.mainAccountId);
  const [creator] = await tx.select().from(users).where(eq(users.id, intent.createdBy));
  let linkable = Boolean(main && main.accountType === 'business' && main.status !== 'cancelled');
  if (linkable) {
    try {
      await assertLinkable(tx, o.tenant.id, main!.id, locked.get(o.account.id));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      linkable = false;
    }
  }
  await tx.update(locationIntents).set({ settledAt: o.now, outcome: linkable ? 'linked' : 'not_linkable' }).where(eq(locationIntents.id, intent.id));
  if (!linkable) {
    await audit(tx, {
      tenantId: o.tenant.id,
      actor: { kind: 'system' },
      account: intent.mainAccountId,
      action: 'location.order_not_linkable',
      target: { type: 'account', id: o.account.id },
      ip: o.ip,
      at: o.now,
      data: { subAccountId: o.account.id, signupId: o.signupId },
    });
    return;
  }
  const by = creator && creator.accountId === main!.id ? creator : null;
  const link = await insertLink(tx, { tenant: o.tenant, main: main!, sub: locked.get(o.account.id)!, via: 'order', collectiveInvoice: intent.collectiveInvoice, by, now: o.now, ip: o.ip });
  const told = by ?? (await accountAdminOf(tx, o.tenant.id, main!.id));
  if (told) {
    const mail = orderedLinkedEmail(brandOf(o.tenant), await localeOfAccount(tx, o.tenant, main!.id), {
      name: told.displayName,
      main: main!.displayName,
      sub: o.account.displayName,
      subNumber: o.account.customerNumber,
      invoiceFrom: intent.collectiveInvoice ? link.collectiveInvoiceFrom : null,
    });
    await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: told.email, ...mail }, budget: { kind: 'notice', now: o.now } });
  }
}

// Changing and unlinking

/** The audit entry of a change the main account's admin made to one of its sub-accounts. */
const auditOnSub = (tx: Executor, f: LocationFlow, sub: Account, action: string, data: Record<string, unknown>) =>
  audit(tx, { tenantId: f.tenant.id, actor: userActor(f.admin), account: sub.id, actingFor: f.accountId, action, target: { type: 'account', id: sub.id }, ip: f.ip, at: f.now, data });

/** The live link of one of the flow's sub-accounts, locked; anything else (a sibling's, another tenant's, none) is 404. */
async function lockOwnSub(tx: Executor, f: LocationFlow, subAccountId: string): Promise<{ link: AccountLink; sub: Account }> {
  const link = await liveLink(tx, f.tenant.id, f.accountId, subAccountId, true);
  if (!link) throw notFound();
  const [sub] = await tx.select().from(accounts).where(eq(accounts.id, subAccountId));
  return { link, sub: sub! };
}

/**
 * Collective invoice on or off: the value in force today again cancels a waiting change; the other value
 * waits for the 1st of next month. Audit entry and webhook `location.invoice_changed`.
 */
export async function setCollectiveInvoice(tx: Executor, f: LocationFlow & { subAccountId: string; collectiveInvoice: boolean }): Promise<Location> {
  requireManaging(f);
  const { link, sub } = await lockOwnSub(tx, f, f.subAccountId);
  const today = berlinDate(f.now);
  const before = collectiveInvoiceState(link, today);
  const value = f.collectiveInvoice;
  const set =
    value === before.current
      ? { collectiveInvoice: value, collectiveInvoicePrevious: value }
      : { collectiveInvoice: value, collectiveInvoicePrevious: before.current, collectiveInvoiceFrom: firstOfNextMonth(today) };
  const [changed] = await tx.update(accountLinks).set(set).where(eq(accountLinks.id, link.id)).returning();
  const after = collectiveInvoiceState(changed!, today);
  if (after.next !== before.next || after.from !== before.from) {
    await Promise.all([
      auditOnSub(tx, f, sub, 'location.invoice_changed', { collectiveInvoice: value, from: after.from }),
      emitEvent(tx, { tenantId: f.tenant.id, type: 'location.invoice_changed', data: { mainAccountId: f.accountId, subAccountId: sub.id, collectiveInvoice: value, from: after.from } }),
    ]);
  }
  return presentSub(tx, sub, changed!, f.now);
}

/**
 * Unlink: the row stays (history) with when and by whom; on the collective invoice today, the account
 * stays on it to the end of the month. Sessions acting on it end; its admin is told.
 */
export async function unlink(tx: Executor, f: LocationFlow & { subAccountId: string }): Promise<{ accountId: string; unlinkedAt: string; collectiveInvoiceUntil: string | null }> {
  requireManaging(f);
  await lockAccounts(tx, f.tenant.id, [f.accountId, f.subAccountId]);
  const { link, sub } = await lockOwnSub(tx, f, f.subAccountId);
  const today = berlinDate(f.now);
  const until = collectiveInvoiceState(link, today).current ? lastDayOfMonth(today) : null;
  await tx.update(accountLinks).set({ unlinkedAt: f.now, unlinkedBy: f.admin.id, collectiveInvoiceUntil: until }).where(eq(accountLinks.id, link.id));
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: f.now })
    .where(and(eq(sessions.actingAccountId, sub.id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  const [main] = await tx.select().from(accounts).where(eq(accounts.id, f.accountId));
  const subAdmin = await accountAdminOf(tx, f.tenant.id, sub.id);
  if (subAdmin) {
    const mail = unlinkedEmail(brandOf(f.tenant), await localeOfAccount(tx, f.tenant, sub.id), {
      name: subAdmin.displayName,
      main: main!.displayName,
      mainNumber: main!.customerNumber,
      sub: sub.displayName,
      subNumber: sub.customerNumber,
      at: f.now,
      until,
    });
    await enqueue(tx, { tenantId: f.tenant.id, channel: 'email', payload: { to: subAdmin.email, ...mail }, budget: { ...f.budget, kind: 'notice', now: f.now } });
  }
  await Promise.all([
    auditOnSub(tx, f, sub, 'location.unlinked', { collectiveInvoiceUntil: until, sessionsRevoked: ended.length }),
    emitEvent(tx, {
      tenantId: f.tenant.id,
      type: 'location.unlinked',
      data: { mainAccountId: f.accountId, subAccountId: sub.id, subCustomerNumber: sub.customerNumber, unlinkedAt: f.now.toISOString(), collectiveInvoiceUntil: until },
    }),
  ]);
  return { accountId: sub.id, unlinkedAt: f.now.toISOString(), collectiveInvoiceUntil: until };
}

// Acting on a sub-account

/**
 * "Zu diesem Standort wechseln": a new session of the same user (source and components as this one) that
 * acts on one of the admin's live sub-accounts; this session ends. Only from a session that is not acting.
 */
export async function switchInto(tx: Executor, f: LocationFlow & { subAccountId: string }): Promise<IssuedSession> {
  if (f.actingFor) throw new ApiError(409, 'already_acting');
  // Locked as `unlink` locks (both accounts in id order, then the link): an unlink at the same time either
  // waits for this switch (and then ends its session) or has ended the link first (404); no acting session
  // outlives its link, and the two never wait for each other crosswise.
  await lockAccounts(tx, f.tenant.id, [f.accountId, f.subAccountId]);
  if (!(await liveLink(tx, f.tenant.id, f.accountId, f.subAccountId, true))) throw notFound();
  const created = await createSession(tx, {
    tenantId: f.tenant.id,
    userId: f.admin.id,
    source: f.session.source,
    components: f.session.components,
    // The switch is the same login: the acting session keeps the factor it was opened with.
    factor: f.session.factor,
    now: f.now,
    acting: { accountId: f.subAccountId, parentSessionId: f.session.id },
  });
  await revokeSession(tx, f.session.id, f.now);
  await audit(tx, {
    tenantId: f.tenant.id,
    actor: userActor(f.admin),
    account: f.subAccountId,
    actingFor: f.accountId,
    action: 'location.switched',
    target: { type: 'session', id: f.session.id },
    ip: f.ip,
    at: f.now,
  });
  return { token: created.token, expiresAt: created.expiresAt.toISOString(), components: f.session.components, user: await actingProfile(tx, f.admin, f.subAccountId) };
}

/** "Zurück zum Hauptaccount": the acting session ends; a fresh session for the admin's own account. */
export async function returnToMain(tx: Executor, f: LocationFlow): Promise<IssuedSession> {
  if (!f.actingFor) throw new ApiError(409, 'not_acting');
  await revokeSession(tx, f.session.id, f.now);
  const created = await createSession(tx, { tenantId: f.tenant.id, userId: f.admin.id, source: f.session.source, components: f.session.components, factor: f.session.factor, now: f.now });
  await audit(tx, {
    tenantId: f.tenant.id,
    actor: userActor(f.admin),
    account: f.accountId,
    actingFor: f.actingFor,
    action: 'location.returned',
    target: { type: 'session', id: f.session.id },
    ip: f.ip,
    at: f.now,
  });
  return { token: created.token, expiresAt: created.expiresAt.toISOString(), components: f.session.components, user: await profileOf(tx, f.admin) };
}
