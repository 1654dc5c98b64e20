import type { Executor } from '../db/client.js';
import { auditEvents } from '../db/schema/index.js';
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
  });
}

/** A portal user as an actor: an account's admin or a partner agent. */
export const userActor = (user: { id: string; role: 'account_admin' | 'partner_agent' }): Actor => ({
  kind: user.role === 'partner_agent' ? 'agent' : 'admin',
  id: user.id,
});
