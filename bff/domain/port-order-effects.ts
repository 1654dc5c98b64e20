// What every port order transition does besides the status (history is written by the state machine):
// the agent's e-mail, the signed webhook `port_order.status_changed` (to the order's tenant and to its
// operator), the audit entry — all in the transaction of the move, so they exist if and only if it does.
import { and, asc, eq } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { isLocale } from '../../contract/i18n.js';
import type { PortOrderStatus } from '../../contract/porting.js';
import type { Executor } from '../db/client.js';
import { customers, type PortOrder, portOrderNumbers, tenants, users } from '../db/schema/index.js';
import type { Move } from '../lib/lifecycle.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { loadPortingEmails, portOrderStatusEmail } from '../messaging/templates/porting.js';
import { audit } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { emitEvent } from './webhooks.js';

/** What a transition's effects need from the request that made it; all optional. */
export interface TransitionContext {
  /** The client address of the request (audit entry, budget). */
  ip?: string | null;
  /** The messaging budget's settings (`flowContext(c).budget`). */
  budget?: BudgetSettings;
}

/**
 * The effects of one move of a port order (`portOrderMachine` runs it on entering every state):
 *
 * - an e-mail to the agent who created the order, in the order tenant's default language: the new status in
 *   words, the reason, the operator's comment (question, rejection), the date (scheduled), what to do next.
 *   The agent's own submit and cancel get a short receipt (budget kind `receipt`); the operator's decisions
 *   are `notice`s that are counted but never dropped (the agent must hear of them; the operator's routes
 *   have limits of their own). Nothing for a move into `draft` (there is none).
 * - `port_order.status_changed` to the order's tenant and, for a reseller's order, to its operator: ids
 *   and codes only, and the confirmed porting time (`scheduledAt`) — no comment, no names, no numbers.
 * - `port_order.<to>` in the audit log of the order's tenant.
 */
export async function announceTransition(tx: Executor, row: PortOrder, move: Move<PortOrderStatus, TransitionContext>, from: PortOrderStatus): Promise<void> {
  const to = row.status;
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, row.tenantId));
  if (!tenant) return;
  const reason = move.reason ?? null;
  const data = { orderId: row.id, reference: row.reference, tenantId: row.tenantId, customerId: row.customerId, from, to, reason, scheduledAt: row.scheduledAt?.toISOString() ?? null, at: move.now.toISOString() };
  for (const tenantId of [row.tenantId, ...(tenant.parentId ? [tenant.parentId] : [])]) {
    await emitEvent(tx, { tenantId, type: 'port_order.status_changed', data });
  }
  await audit(tx, {
    tenantId: row.tenantId,
    actor: move.actor,
    action: `port_order.${to}`,
    target: { type: 'port_order', id: row.id },
    ip: move.context?.ip ?? null,
    data: { reference: row.reference, from, to, reason },
    at: move.now,
  });
  if (to === 'draft') return;
  const [agent] = await tx.select().from(users).where(and(eq(users.tenantId, row.tenantId), eq(users.id, row.createdBy)));
  if (!agent?.email) return;
  const [customer] = row.customerId ? await tx.select({ companyName: customers.companyName }).from(customers).where(and(eq(customers.tenantId, row.tenantId), eq(customers.id, row.customerId))) : [];
  const numbers = await tx
    .select({ input: portOrderNumbers.input })
    .from(portOrderNumbers)
    .where(and(eq(portOrderNumbers.tenantId, row.tenantId), eq(portOrderNumbers.orderId, row.id)))
    .orderBy(asc(portOrderNumbers.position));
  const locale: Locale = isLocale(tenant.defaultLocale) ? tenant.defaultLocale : 'de';
  await loadPortingEmails(locale);
  const mail = portOrderStatusEmail(brandOf(tenant), locale, {
    name: agent.displayName,
    reference: row.reference,
    company: customer?.companyName ?? '–',
    from,
    to,
    reason,
    comment: move.comment ?? null,
    scheduledAt: row.scheduledAt,
    numbers: numbers.map((n) => n.input),
  });
  const own = move.actor.kind === 'agent';
  await enqueue(tx, {
    tenantId: row.tenantId,
    channel: 'email',
    payload: { to: agent.email, ...mail },
    budget: {
      ...move.context?.budget,
      kind: own ? 'receipt' : 'notice',
      now: move.now,
      ...(move.context?.ip ? { ip: move.context.ip } : {}),
      exhausted: 'count',
    },
  });
}
