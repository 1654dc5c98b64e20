import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { UserRole } from '../../contract/enums.js';
import type { Executor } from '../db/client.js';
import { auditEvents, tenants } from '../db/schema/index.js';
import type { Caller } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { actingScope, ownAndSubAccounts } from './locations.js';
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
    // Acting on a location: that account's entries; else the admin's account's and its live sub-accounts'.
    const accountIds = caller.session.actingAccountId
      ? [(await actingScope(db, caller)).accountId]
      : await ownAndSubAccounts(db, user.tenantId, user.accountId);
    return and(eq(auditEvents.tenantId, user.tenantId), inArray(auditEvents.accountId, accountIds));
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
      ip: r.ip,
      data: r.data,
    })),
    nextCursor: rows.length > o.limit ? page[page.length - 1]!.id : null,
  };
}
