import { and, desc, eq, exists, inArray, lte, or, sql } from 'drizzle-orm';
import type { UserRole } from '../../contract/enums.js';
import type { Executor } from '../db/client.js';
import { accountLinks, auditEvents, tenants, users } from '../db/schema/index.js';
import type { Caller } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { actingScope } from './locations.js';
import type { Actor } from '../lib/lifecycle.js';

/** Keys that must never reach an audit entry: secrets, and what could stand in for one. */
const SECRET_KEY = /pass(word)?|pin|token|secret|hash|iban|key$/i;

export interface AuditEntry {
  tenantId: string;
  actor: Actor;
  /** The account concerned. */
  account?: string | null;
  /** The account whose admin acted for `account`, when that is another account. */
  actingFor?: string | null;
  /** Dotted verb: `signup.confirmed`, `password.changed`, `login.failed`, … */
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  /** What changed, for people reading the log: never a secret (refused by key name). */
  data?: Record<string, unknown>;
  /** When it happened; default the database's now(). */
  at?: Date;
}

/** Writes one audit entry in the caller's transaction, so it exists if and only if the change does. */
export async function audit(tx: Executor, entry: AuditEntry): Promise<void> {
  const data = entry.data ?? {};
  const leaked = Object.keys(data).find((k) => SECRET_KEY.test(k));
  if (leaked) throw new Error(`audit data must not carry a secret (${leaked})`);
  await tx.insert(auditEvents).values({
    tenantId: entry.tenantId,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id ?? null,
    accountId: entry.account ?? null,
    actingForAccountId: entry.actingFor ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    data,
    ...(entry.at && { occurredAt: entry.at }),
  });
}

/** A portal user as an actor: an account's admin, a partner agent, or a co-user (a customer acting for itself). */
export const userActor = (user: { id: string; role: UserRole }): Actor => ({
  kind: user.role === 'partner_agent' ? 'agent' : user.role === 'co_user' ? 'customer' : 'admin',
  id: user.id,
});

/** A key as an actor: the operator's secret key, or an integrator's (a reseller's). */
export const keyActor = (caller: Caller): Actor => ({ kind: caller.tenant.kind === 'operator' ? 'operator' : 'integrator', id: caller.credential.id });

/**
 * Whose audit entries a caller may read: an account's admin those of the account and its live
 * sub-accounts (acting on one: that one's only); a secret key its tenant's, and the operator's also its
 * resellers'.
 */
async function readableBy(db: Executor, caller: Caller) {
  if (caller.session) {
    const user = caller.user!;
    if (user.role !== 'account_admin' || !user.accountId) throw new ApiError(403, 'forbidden');
    if (caller.session.components) throw new ApiError(403, 'component_not_allowed');
    // Acting on a location: that account's entries.
    if (caller.session.actingAccountId) {
      return and(eq(auditEvents.tenantId, user.tenantId), eq(auditEvents.accountId, (await actingScope(db, caller)).accountId));
    }
    // Else the admin's own account's; a sub-account's only within its link periods with this account (not
    // before the link, not after an unlink); and every entry this account's admins wrote acting for it.
    const linked = db
      .select({ id: accountLinks.id })
      .from(accountLinks)
      .where(
        and(
          eq(accountLinks.tenantId, user.tenantId),
          eq(accountLinks.mainAccountId, user.accountId),
          eq(accountLinks.subAccountId, auditEvents.accountId),
          lte(accountLinks.linkedAt, auditEvents.occurredAt),
          sql`${auditEvents.occurredAt} <= coalesce(${accountLinks.unlinkedAt}, now())`,
        ),
      );
    return and(
      eq(auditEvents.tenantId, user.tenantId),
      or(eq(auditEvents.accountId, user.accountId), eq(auditEvents.actingForAccountId, user.accountId), exists(linked)),
    );
  }
  if (caller.credential.kind !== 'secret') throw new ApiError(403, 'forbidden');
  if (caller.tenant.kind !== 'operator') return eq(auditEvents.tenantId, caller.tenant.id);
  const children = db.select({ id: tenants.id }).from(tenants).where(eq(tenants.parentId, caller.tenant.id));
  return or(eq(auditEvents.tenantId, caller.tenant.id), inArray(auditEvents.tenantId, children));
}

/** One page of audit entries, newest first; `cursor` is the last id of the previous page. */
export async function listAuditEvents(db: Executor, caller: Caller, o: { limit: number; cursor?: string }) {
  const scope = await readableBy(db, caller);
  const after = o.cursor
    ? sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (select a.occurred_at, a.id from ${auditEvents} a where a.id = ${o.cursor})`
    : undefined;
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(scope, after))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(o.limit + 1);
  const page = rows.slice(0, o.limit);
  // A portal user never sees the address of an actor from another account (a main account's admin on a
  // sub-account's log, or the sub-account's admin on the main account's).
  const ownAccount = caller.session ? caller.user!.accountId : null;
  const actorIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
  const actorAccounts =
    ownAccount && actorIds.length > 0
      ? new Map((await db.select({ id: users.id, accountId: users.accountId }).from(users).where(inArray(users.id, actorIds))).map((u) => [u.id, u.accountId]))
      : new Map<string, string | null>();
  const foreign = (r: (typeof page)[number]) =>
    Boolean(ownAccount) && ((r.actingForAccountId !== null && r.actingForAccountId !== ownAccount) || (r.actorId !== null && actorAccounts.has(r.actorId) && actorAccounts.get(r.actorId) !== ownAccount));
  return {
    events: page.map((r) => ({
      id: r.id,
      tenantId: r.tenantId,
      occurredAt: r.occurredAt.toISOString(),
      actor: { kind: r.actorKind, id: r.actorId },
      account: r.accountId,
      actingFor: r.actingForAccountId,
      action: r.action,
      target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId } : null,
      ip: foreign(r) ? null : r.ip,
      data: r.data,
    })),
    nextCursor: rows.length > o.limit ? page[page.length - 1]!.id : null,
  };
}
