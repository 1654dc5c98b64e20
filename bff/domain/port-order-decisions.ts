// The operator's decisions on port orders (PRODUCT.md §3.5): approve, ask a question, reject, schedule,
// complete, fail — by the operator's secret key (`/v1/port-orders/:id/…`) or the dev console
// (`/dev/operator`), both through `decide`. Every move goes through `portOrderMachine` under a row lock, so
// it is checked against the lifecycle, recorded in the history and announced (`port-order-effects.ts`).
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { portingMessages } from '../../contract/messages/porting.js';
import type { PortOrderDecision } from '../../contract/port-orders.js';
import { type FailReason, isSwissWorkingDay, type PortOrderStatus, type RejectReason } from '../../contract/porting.js';
import type { FieldError } from '../../contract/problem.js';
import type { Db, Executor } from '../db/client.js';
import { customers, type PortOrder, portOrderNumbers, portOrders, statusHistory, type Tenant, tenants } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import type { Actor } from '../lib/lifecycle.js';
import { loadPortingEmails, statusDescription, statusText } from '../messaging/templates/porting.js';
import type { BudgetSettings } from './budget.js';
import { portOrderMachine } from './port-order-lifecycle.js';
import { findOrder, operatorOf, requireOperator } from './port-order-scope.js';
import { zurichDate, zurichToUtc } from './zurich.js';

export { operatorOf, requireOperator };
export { zurichToUtc };

export type Decision =
  | { action: 'approve'; comment?: string | undefined }
  | { action: 'reject'; reason: RejectReason; comment: string }
  | { action: 'clarify'; comment: string }
  | { action: 'schedule'; date: string; time: string }
  | { action: 'complete'; comment?: string | undefined }
  | { action: 'fail'; reason: FailReason; comment?: string | undefined };
export type DecisionAction = Decision['action'];

/** Where each decision moves an order. */
export const decisionTargets = {
  approve: 'approved',
  reject: 'rejected',
  clarify: 'clarification_needed',
  schedule: 'scheduled',
  complete: 'ported',
  fail: 'failed',
} as const satisfies Record<DecisionAction, PortOrderStatus>;

/** What a decision needs from its caller. */
export interface DecisionFlow {
  /** The operator tenant deciding: its own orders and its resellers' are in reach, no others. */
  operator: Tenant;
  actor: Actor;
  now: Date;
  /** The language of the answer (`statusText`, field errors). */
  locale: Locale;
  ip?: string | null;
  budget?: BudgetSettings;
}

/**
 * The problems of a porting date and time the operator confirms: a Swiss working day of a year the calendar
 * covers, not before today in Zurich, and (today) not a time already past. Office hours are the schema's.
 */
export function scheduleProblems(date: string, time: string, now: Date, locale: Locale): FieldError[] {
  const working = isSwissWorkingDay(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const dayCode =
    working === undefined ? 'calendar_unknown' : !working ? (weekday === 0 || weekday === 6 ? 'weekend' : 'holiday') : date < zurichDate(now) ? 'date_in_past' : undefined;
  if (dayCode) return [{ path: 'date', code: dayCode, message: '' }];
  if (zurichToUtc(date, time).getTime() <= now.getTime()) {
    return [{ path: 'time', code: 'time_in_past', message: portingMessages.t(locale, 'error.time_in_past') }];
  }
  return [];
}

/** The answer of a decision: the order's status in words (`locale`), and the confirmed porting time. */
export function presentDecision(row: PortOrder, locale: Locale): PortOrderDecision {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    statusText: statusText(locale, row.status),
    statusDescription: statusDescription(locale, row.status),
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
  };
}

/**
 * One decision on the order `id`, in one transaction: the order is locked, the move checked (409
 * `invalid_transition` naming the current status), made with its reason and comment, its numbers closed
 * when the order ends (`ported`, `failed`, or `cancelled` for a rejection: they were never ported), and
 * announced (history, the agent's e-mail, webhooks, audit).
 */
export async function decide(db: Db, f: DecisionFlow, id: string, decision: Decision): Promise<PortOrderDecision> {
  requireOperator(f.operator);
  await loadPortingEmails(f.locale);
  const row = await db.transaction(async (tx) => {
    const order = await findOrder(tx, { kind: 'operator', operatorId: f.operator.id }, id, true);
    if (decision.action === 'schedule') {
      // After the lock: a stranger's order is a 404 whatever the body says.
      const errors = scheduleProblems(decision.date, decision.time, f.now, f.locale);
      if (errors.length > 0) throw new ApiError(422, 'validation_failed', { errors });
    }
    const to = decisionTargets[decision.action];
    const closes = to === 'ported' || to === 'failed' || to === 'rejected';
    const set: Record<string, unknown> = { updatedAt: f.now };
    if (decision.action === 'schedule') set.scheduledAt = zurichToUtc(decision.date, decision.time);
    if (closes) set.closedAt = f.now;
    const moved = await portOrderMachine.transition(tx, order, to, {
      actor: f.actor,
      now: f.now,
      ...('reason' in decision ? { reason: decision.reason } : {}),
      ...('comment' in decision && decision.comment ? { comment: decision.comment } : {}),
      context: { ip: f.ip ?? null, ...(f.budget ? { budget: f.budget } : {}) },
      set,
    });
    if (closes) {
      const numberStatus = to === 'ported' ? 'ported' : to === 'failed' ? 'failed' : 'cancelled';
      await tx
        .update(portOrderNumbers)
        .set({ status: numberStatus })
        .where(and(eq(portOrderNumbers.orderId, order.id), eq(portOrderNumbers.tenantId, order.tenantId), eq(portOrderNumbers.status, 'pending')));
    }
    return moved;
  });
  return presentDecision(row, f.locale);
}


// The console's view (`/dev/operator`)

export interface ConsoleOrder {
  order: PortOrder;
  tenant: Pick<Tenant, 'id' | 'name' | 'kind' | 'parentId'>;
  operatorId: string | null;
  customer: string | null;
  numbers: { input: string; status: string; temporaryNumber: string | null }[];
  history: { from: string | null; to: string; at: Date; actorKind: string; reason: string | null; comment: string | null }[];
}

/** Orders past the draft of every tenant under an operator, newest first (at most `limit`). */
export async function consoleOrders(db: Executor, limit = 100): Promise<ConsoleOrder[]> {
  const rows = await db
    .select({ order: portOrders, tenant: { id: tenants.id, name: tenants.name, kind: tenants.kind, parentId: tenants.parentId }, customer: customers.companyName })
    .from(portOrders)
    .innerJoin(tenants, eq(tenants.id, portOrders.tenantId))
    .leftJoin(customers, and(eq(customers.id, portOrders.customerId), eq(customers.tenantId, portOrders.tenantId)))
    .where(inArray(portOrders.status, ['submitted', 'clarification_needed', 'approved', 'scheduled', 'rejected', 'ported', 'failed', 'cancelled']))
    .orderBy(desc(portOrders.updatedAt), desc(portOrders.id))
    .limit(limit);
  const ids = rows.map((r) => r.order.id);
  const [numbers, history] = ids.length
    ? await Promise.all([
        db.select().from(portOrderNumbers).where(inArray(portOrderNumbers.orderId, ids)).orderBy(asc(portOrderNumbers.position)),
        db
          .select()
          .from(statusHistory)
          .where(and(eq(statusHistory.entity, 'port_order'), inArray(statusHistory.entityId, ids)))
          .orderBy(asc(statusHistory.at), asc(statusHistory.id)),
      ])
    : [[], []];
  return rows
    .map((r) => ({
      order: r.order,
      tenant: r.tenant,
      operatorId: operatorOf(r.tenant),
      customer: r.customer,
      numbers: numbers.filter((n) => n.orderId === r.order.id).map((n) => ({ input: n.input, status: n.status, temporaryNumber: n.temporaryNumber })),
      history: history
        .filter((h) => h.entityId === r.order.id)
        .map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.at, actorKind: h.actorKind, reason: h.reason, comment: h.comment })),
    }))
    .filter((r) => r.operatorId !== null);
}

/** The decisions the lifecycle allows an operator from `status`. */
export function allowedDecisions(status: PortOrderStatus): DecisionAction[] {
  return (Object.keys(decisionTargets) as DecisionAction[]).filter((action) =>
    portOrderMachine.lifecycle.transitions.some((t) => t.to === decisionTargets[action] && (t.from as readonly string[]).includes(status) && (t.by as readonly string[]).includes('operator')),
  );
}
