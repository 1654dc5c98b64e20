// Port orders, the agent's side (`tk-porting`, `tk-port-orders`, PRODUCT.md §3.5, §7): a server-side draft
// saved step by step (each `complete` step validated whole), the submission (every step again, the number
// check against the database, a temporary number per ported number or block, all in one transaction), the
// cancellation, and the views — the agent's (its reseller's orders) and the operator's (its resellers'
// submitted orders, by secret key). Every status move goes through `portOrderMachine`.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { availableLocales } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { portingMessages } from '../../contract/messages/porting.js';
import type { FieldError } from '../../contract/problem.js';
import type {
  NumbersReport,
  PortOrder as PortOrderDto,
  portOrderActions,
  portOrderDraftSchema,
  portOrderListQuerySchema,
  PortOrderStep,
  PricePreview,
} from '../../contract/port-orders.js';
import { portOrderSteps } from '../../contract/port-orders.js';
import {
  CANCEL_CUTOFF_HOURS,
  closedPortOrderStatuses,
  earliestPortingDate,
  isOfficeTime,
  type Licence,
  portingDayProblem,
  type PortingCountry,
  portOrderLifecycle,
  type PortOrderStatus,
  proRataCents,
  PROVIDERS,
  UNKNOWN_PROVIDER,
} from '../../contract/porting.js';
import type { Executor } from '../db/client.js';
import {
  customers,
  licencePrices,
  type PortOrder,
  portOrderDocuments,
  type PortOrderNumber,
  portOrderNumbers,
  portOrders,
  type PortOrderWorkplace,
  portOrderWorkplaces,
  statusHistory,
  tariffs,
  tenants,
  type User,
  users,
} from '../db/schema/index.js';
import { seal } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { invalidTransition } from '../lib/lifecycle.js';
import { audit, userActor } from './audit.js';
import { presentCustomer } from './customers.js';
import { checkLines, type ParsedLine, parseLine, reportOf } from './numbers.js';
import { portOrderMachine } from './port-order-lifecycle.js';
import { findOrder, type OrderScope, scopeWhere } from './port-order-scope.js';
import { assignTemporaryNumbers, releaseToPool } from './temporary-numbers.js';
import { formatZurich, zurichDate } from './zurich.js';
import { reasonText } from '../messaging/templates/porting.js';
import { likeEscape } from '../lib/like.js';

// Status words in every locale, loaded once (renders happen inside transactions, synchronously).
await Promise.all(availableLocales().map((l) => portingMessages.load(l)));

export const WORKPLACE_SEAL = 'port-order.workplace';
const HOUR_MS = 3_600_000;

type DraftInput = z.output<typeof portOrderDraftSchema>;
type ListQuery = z.output<typeof portOrderListQuerySchema>;
type Action = (typeof portOrderActions)[number];

export interface AgentFlow {
  agent: User;
  now: Date;
  ip?: string;
  locale: Locale;
  secret: string;
}

const notFound = () => new ApiError(404, 'not_found');
const invalid = (errors: FieldError[]) => new ApiError(422, 'validation_failed', { errors });
const fe = (path: string, code: string): FieldError => ({ path, code, message: '' });

export { findOrder } from './port-order-scope.js';

// Writing a draft

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** `PO-` and six characters without look-alikes (no 0/O, 1/I/L). */
export function newReference(): string {
  const bytes = randomBytes(6);
  return 'PO-' + Array.from(bytes, (b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('');
}

const agentScope = (f: AgentFlow): OrderScope => ({ kind: 'agent', tenantId: f.agent.tenantId, agent: f.agent });

/** The agent's audit entry about an order (`data`: codes and names only, never a password). */
const auditAgent = (tx: Executor, f: AgentFlow, action: string, orderId: string, data: Record<string, unknown>) =>
  audit(tx, { tenantId: f.agent.tenantId, actor: userActor(f.agent), action, target: { type: 'port_order', id: orderId }, ip: f.ip, at: f.now, data });

/** `POST /v1/port-orders`: a new draft of the agent's tenant, with whatever sections the body has. */
export async function createDraft(tx: Executor, f: AgentFlow, input: DraftInput): Promise<PortOrderDto> {
  let row: PortOrder | undefined;
  for (let attempt = 0; !row; attempt++) {
    if (attempt >= 10) throw new Error('no free port order reference');
    [row] = await tx
      .insert(portOrders)
      .values({ tenantId: f.agent.tenantId, reference: newReference(), createdBy: f.agent.id, createdAt: f.now, updatedAt: f.now })
      .onConflictDoNothing({ target: [portOrders.tenantId, portOrders.reference] })
      .returning();
  }
  await applyDraft(tx, f, row, input);
  await auditAgent(tx, f, 'port_order.created', row.id, { reference: row.reference });
  return presentOrder(tx, agentScope(f), row.id, f);
}

/** `PATCH /v1/port-orders/:id`: only while `draft` or `clarification_needed` (else 409 with the status). */
export async function updateDraft(tx: Executor, f: AgentFlow, id: string, input: DraftInput): Promise<PortOrderDto> {
  const scope = agentScope(f);
  const row = await findOrder(tx, scope, id, true);
  if (row.status !== 'draft' && row.status !== 'clarification_needed') throw invalidTransition(row.status);
  await applyDraft(tx, f, row, input);
  // Which sections changed, never their values (the workplaces' passwords are among them).
  const sections = (['customerId', 'subscription', 'numbers', 'workplaces'] as const).filter((k) => input[k] !== undefined);
  await auditAgent(tx, f, 'port_order.updated', row.id, { reference: row.reference, sections, complete: input.complete ?? null });
  return presentOrder(tx, scope, row.id, f);
}

/**
 * Saves the sections the body names (each replaces what it names) and, with `complete`, checks that step
 * whole against what is then stored; any error throws, and the caller's transaction stores nothing.
 */
async function applyDraft(tx: Executor, f: AgentFlow, row: PortOrder, input: DraftInput): Promise<void> {
  const tenantId = f.agent.tenantId;
  const set: Partial<typeof portOrders.$inferInsert> = { updatedAt: f.now };
  const errors: FieldError[] = [];

  if (input.customerId !== undefined) {
    if (input.customerId !== null && !(await customerOf(tx, tenantId, input.customerId))) errors.push(fe('customerId', 'customer_unknown'));
    set.customerId = input.customerId;
  }
  if (input.subscription) {
    const { tariffId, startDate } = input.subscription;
    if (tariffId !== undefined) {
      if (tariffId !== null && !(await portingTariff(tx, tenantId, tariffId))) errors.push(fe('subscription.tariffId', 'tariff_not_for_porting'));
      set.tariffId = tariffId;
    }
    if (startDate !== undefined) set.startDate = startDate;
  }
  if (input.numbers) {
    const n = input.numbers;
    const country = n.country ?? (row.country as PortingCountry);
    if (n.currentProvider !== undefined && !isProvider(country, n.currentProvider)) errors.push(fe('numbers.currentProvider', 'provider_unknown'));
    Object.assign(
      set,
      Object.fromEntries(
        (['country', 'newNumbers', 'currentProvider', 'currentProviderAccount', 'signing', 'signers', 'timing', 'portingDate', 'portingTime', 'sharedContract', 'scope', 'fullPortAcknowledged', 'note'] as const)
          .filter((k) => n[k] !== undefined)
          .map((k) => [k, n[k]]),
      ),
    );
    // "So schnell als möglich": the provider coordinates the date with the agent; no date is kept.
    if ((n.timing ?? row.timing) === 'asap') set.portingDate = null;
    if (n.lines !== undefined || (n.country !== undefined && n.country !== row.country)) {
      await replaceLines(tx, { tenantId, orderId: row.id, country, lines: n.lines, now: f.now });
    }
  }
  if (input.workplaces) {
    const w = input.workplaces;
    if (w.rows !== undefined) {
      const existing = await tx.select().from(portOrderWorkplaces).where(and(eq(portOrderWorkplaces.tenantId, tenantId), eq(portOrderWorkplaces.orderId, row.id)));
      const byId = new Map(existing.map((e) => [e.id, e]));
      const values = w.rows.map((r, i) => {
        const kept = r.id ? byId.get(r.id) : undefined;
        if (r.id && !kept) errors.push(fe(`workplaces.rows.${i}.id`, 'invalid'));
        return {
          ...(kept && { id: kept.id }),
          tenantId,
          orderId: row.id,
          position: i,
          displayName: r.displayName,
          loginName: r.loginName,
          licence: r.licence,
          passwordSealed: r.password ? seal(f.secret, WORKPLACE_SEAL, r.password) : (kept?.passwordSealed ?? null),
        };
      });
      if (errors.length === 0) {
        await tx.delete(portOrderWorkplaces).where(and(eq(portOrderWorkplaces.tenantId, tenantId), eq(portOrderWorkplaces.orderId, row.id)));
        if (values.length > 0) await tx.insert(portOrderWorkplaces).values(values);
      }
    }
    if (w.supportLogin !== undefined) {
      if (w.supportLogin === null) Object.assign(set, { supportLoginName: null, supportPasswordSealed: null });
      else {
        set.supportLoginName = w.supportLogin.loginName;
        if (w.supportLogin.password) set.supportPasswordSealed = seal(f.secret, WORKPLACE_SEAL, w.supportLogin.password);
      }
    }
  }
  if (errors.length > 0) throw invalid(errors);
  const [updated] = await tx.update(portOrders).set(set).where(and(eq(portOrders.tenantId, tenantId), eq(portOrders.id, row.id))).returning();

  if (input.complete) {
    const state = await stateOf(tx, updated!);
    const stepErrors = await checkStep(tx, state, input.complete, zurichDate(f.now));
    // The numbers step is validated whole: a list with flagged lines does not complete it (saving keeps them).
    const report = input.complete === 'numbers' ? await flaggedReport(tx, state, f.locale) : undefined;
    refuse(stepErrors, report);
    const step = portOrderSteps.indexOf(input.complete) + 1;
    if (step > updated!.step) await tx.update(portOrders).set({ step }).where(and(eq(portOrders.tenantId, tenantId), eq(portOrders.id, row.id)));
  }
}

/**
 * Replaces the order's number lines with `lines` (undefined: the stored ones, parsed again for a new
 * country). A line that stays the same number or block keeps its row, and so its temporary number (an
 * order edited after a question); the temporary numbers of lines that go are released to the pool.
 */
async function replaceLines(tx: Executor, o: { tenantId: string; orderId: string; country: PortingCountry; lines?: string[]; now: Date }): Promise<void> {
  const existing = await tx
    .select()
    .from(portOrderNumbers)
    .where(and(eq(portOrderNumbers.tenantId, o.tenantId), eq(portOrderNumbers.orderId, o.orderId)))
    .orderBy(asc(portOrderNumbers.position));
  const parsed = (o.lines ?? existing.map((l) => l.input)).map((l, i) => parseLine(l, i, o.country));
  const unused = new Map(existing.map((e) => [e.id, e]));
  const fresh: (typeof portOrderNumbers.$inferInsert)[] = [];
  const kept: { id: string; position: number; input: string; numberType: string | null }[] = [];
  for (const p of parsed) {
    const rangeFirst = p.range?.first ?? p.e164;
    const rangeLast = p.range?.last ?? p.e164;
    const same = rangeFirst ? [...unused.values()].find((e) => e.kind === p.kind && e.rangeFirst === rangeFirst && e.rangeLast === rangeLast) : undefined;
    if (same) {
      unused.delete(same.id);
      kept.push({ id: same.id, position: p.index, input: p.input, numberType: p.type });
    } else {
      fresh.push({ tenantId: o.tenantId, orderId: o.orderId, position: p.index, input: p.input, kind: p.kind, rangeFirst, rangeLast, numberType: p.type });
    }
  }
  const gone = [...unused.keys()];
  if (gone.length > 0) {
    await releaseToPool(tx, { lineIds: gone, now: o.now, tenantId: o.tenantId });
    await tx.delete(portOrderNumbers).where(and(eq(portOrderNumbers.tenantId, o.tenantId), inArray(portOrderNumbers.id, gone)));
  }
  for (const k of kept) {
    await tx
      .update(portOrderNumbers)
      .set({ position: k.position, input: k.input, numberType: k.numberType })
      .where(and(eq(portOrderNumbers.tenantId, o.tenantId), eq(portOrderNumbers.id, k.id)));
  }
  if (fresh.length > 0) await tx.insert(portOrderNumbers).values(fresh);
}

const customerOf = async (db: Executor, tenantId: string, id: string) =>
  (await db.select({ id: customers.id }).from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))))[0];

const portingTariff = async (db: Executor, tenantId: string, id: string) =>
  (await db.select().from(tariffs).where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.id, id), eq(tariffs.forPorting, true), eq(tariffs.active, true))))[0];

const isProvider = (country: PortingCountry, code: string) => code === UNKNOWN_PROVIDER || (PROVIDERS[country] ?? []).some((p) => p.code === code);

// The checks of a step

interface OrderState {
  order: PortOrder;
  numbers: PortOrderNumber[];
  workplaces: PortOrderWorkplace[];
}

async function stateOf(db: Executor, order: PortOrder): Promise<OrderState> {
  const [numbers, workplaces] = await Promise.all([
    db
      .select()
      .from(portOrderNumbers)
      .where(and(eq(portOrderNumbers.tenantId, order.tenantId), eq(portOrderNumbers.orderId, order.id)))
      .orderBy(asc(portOrderNumbers.position)),
    db
      .select()
      .from(portOrderWorkplaces)
      .where(and(eq(portOrderWorkplaces.tenantId, order.tenantId), eq(portOrderWorkplaces.orderId, order.id)))
      .orderBy(asc(portOrderWorkplaces.position)),
  ]);
  return { order, numbers, workplaces };
}

/** Everything that must hold for `step` to be complete, as field errors (empty: complete). `today` in Europe/Zurich. */
async function checkStep(db: Executor, s: OrderState, step: PortOrderStep, today: string): Promise<FieldError[]> {
  const o = s.order;
  const errors: FieldError[] = [];
  switch (step) {
    case 'customer':
      if (!o.customerId) errors.push(fe('customerId', 'customer_required'));
      else if (!(await customerOf(db, o.tenantId, o.customerId))) errors.push(fe('customerId', 'customer_unknown'));
      break;
    case 'subscription':
      if (!o.tariffId || !(await portingTariff(db, o.tenantId, o.tariffId))) errors.push(fe('subscription.tariffId', 'tariff_not_for_porting'));
      if (!o.startDate) errors.push(fe('subscription.startDate', 'start_date_required'));
      else if (o.startDate < today) errors.push(fe('subscription.startDate', 'date_in_past'));
      break;
    case 'numbers': {
      const country = o.country as PortingCountry;
      if (s.numbers.length === 0 && o.newNumbers === 0) errors.push(fe('numbers.lines', 'numbers_missing'));
      // Provider, signing, timing and scope are about the numbers that move: an order of new numbers only has none.
      if (s.numbers.length > 0) {
        if (!o.currentProvider) errors.push(fe('numbers.currentProvider', 'provider_required'));
        else if (!isProvider(country, o.currentProvider)) errors.push(fe('numbers.currentProvider', 'provider_unknown'));
        if (!o.signing) errors.push(fe('numbers.signing', 'required'));
        else if (o.signers.length !== (o.signing === 'single' ? 1 : 2)) errors.push(fe('numbers.signers', 'signers_count'));
        if (!o.timing) errors.push(fe('numbers.timing', 'required'));
        else if (o.timing === 'contract_end') {
          if (!o.portingDate) errors.push(fe('numbers.portingDate', 'porting_date_required'));
          else {
            const problem = portingDayProblem(o.portingDate, today);
            if (problem) errors.push(fe('numbers.portingDate', problem));
          }
          if (!o.portingTime) errors.push(fe('numbers.portingTime', 'porting_time_required'));
          else if (!isOfficeTime(o.portingTime)) errors.push(fe('numbers.portingTime', 'office_hours'));
        }
        if (o.sharedContract === null) errors.push(fe('numbers.sharedContract', 'required'));
        if (!o.scope) errors.push(fe('numbers.scope', 'required'));
        else if (o.scope === 'full' && !o.fullPortAcknowledged) errors.push(fe('numbers.fullPortAcknowledged', 'full_port_ack'));
      }
      break;
    }
    case 'workplaces': {
      if (s.workplaces.length === 0) errors.push(fe('workplaces.rows', 'workplaces_missing'));
      const taken = await loginNamesOfCustomer(db, o);
      const seen = new Set<string>();
      if (o.supportLoginName) seen.add(o.supportLoginName.toLowerCase());
      s.workplaces.forEach((w, i) => {
        const name = w.loginName.toLowerCase();
        if (seen.has(name) || taken.has(name)) errors.push(fe(`workplaces.rows.${i}.loginName`, 'login_name_taken'));
        seen.add(name);
        if (!w.passwordSealed) errors.push(fe(`workplaces.rows.${i}.password`, 'password_required'));
      });
      if (!o.supportLoginName || !o.supportPasswordSealed) errors.push(fe('workplaces.supportLogin', 'support_login_required'));
      else if (taken.has(o.supportLoginName.toLowerCase())) errors.push(fe('workplaces.supportLogin.loginName', 'login_name_taken'));
      break;
    }
  }
  return errors;
}

/** Login names (lower case) of the same customer's other orders that are not over; a PBX has each name once. */
async function loginNamesOfCustomer(db: Executor, o: PortOrder): Promise<Set<string>> {
  if (!o.customerId) return new Set();
  const open = and(eq(portOrders.tenantId, o.tenantId), eq(portOrders.customerId, o.customerId), ne(portOrders.id, o.id), notInArray(portOrders.status, [...closedPortOrderStatuses]));
  const [rows, support] = await Promise.all([
    db
      .select({ name: portOrderWorkplaces.loginName })
      .from(portOrderWorkplaces)
      .innerJoin(portOrders, and(eq(portOrders.id, portOrderWorkplaces.orderId), eq(portOrders.tenantId, portOrderWorkplaces.tenantId)))
      .where(open),
    db.select({ name: portOrders.supportLoginName }).from(portOrders).where(open),
  ]);
  return new Set([...rows, ...support].flatMap((r) => (r.name ? [r.name.toLowerCase()] : [])));
}

// Submitting

/** The order's lines as the number check reads them (the country may have changed the parse: parse again). */
const parsedLinesOf = (s: OrderState): ParsedLine[] => s.numbers.map((n, i) => parseLine(n.input, i, s.order.country as PortingCountry));

/** The number check of the order's stored lines against the list and the tenant's other open orders: its report when a line is flagged, else undefined. */
async function flaggedReport(tx: Executor, state: OrderState, locale: Locale): Promise<NumbersReport | undefined> {
  const parsed = parsedLinesOf(state);
  await checkLines(tx, state.order.tenantId, parsed, state.order.id);
  return parsed.some((l) => l.problems.length > 0) ? reportOf(state.order.country as PortingCountry, parsed, locale) : undefined;
}

/**
 * ONE 422 for everything wrong, or nothing: with flagged numbers `numbers_flagged` (the step errors, a field
 * error at `numbers.lines` and the number check's `report`), else `validation_failed` with the step errors.
 */
function refuse(errors: FieldError[], report: NumbersReport | undefined): void {
  if (report) throw new ApiError(422, 'numbers_flagged', { errors: [...errors, fe('numbers.lines', 'numbers_flagged')], extensions: { report } });
  if (errors.length > 0) throw invalid(errors);
}

/** Serializes the submissions of one tenant: login names per customer, the open-order overlap check, the temporary numbers. */
const lockTenantSubmissions = (tx: Executor, tenantId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`telkit:port-order-submit:${tenantId}`}))`);

/**
 * `POST /v1/port-orders/:id/submit`, in one transaction: the order locked, then the tenant's submissions
 * (so the checks below see every other submission whole); the number check with the database and every
 * step (the calendar against today) — anything wrong is ONE 422 (`refuse`), nothing stored; one temporary
 * number per ported number or block from the tenant's pool (none free: 409 `temporary_pool_empty`, nothing
 * changed); then `submitted`.
 */
export async function submitOrder(tx: Executor, f: AgentFlow, id: string): Promise<PortOrderDto> {
  const scope = agentScope(f);
  const row = await findOrder(tx, scope, id, true);
  if (row.status !== 'draft' && row.status !== 'clarification_needed') throw invalidTransition(row.status);
  await lockTenantSubmissions(tx, row.tenantId);
  const state = await stateOf(tx, row);
  const report = await flaggedReport(tx, state, f.locale);
  const today = zurichDate(f.now);
  const errors: FieldError[] = [];
  for (const step of portOrderSteps) errors.push(...(await checkStep(tx, state, step, today)));
  refuse(errors, report);

  await assignTemporaryNumbers(tx, row.tenantId, state.numbers, f.now);

  await portOrderMachine.transition(tx, row, 'submitted', {
    actor: userActor(f.agent),
    now: f.now,
    ...(row.status === 'clarification_needed' && { reason: 'resubmitted' }),
    context: { ip: f.ip ?? null },
    set: { submittedAt: f.now, updatedAt: f.now },
  });
  return presentOrder(tx, scope, row.id, f);
}

// Cancelling

/**
 * `POST /v1/port-orders/:id/cancel`: any order not yet over, but not within `CANCEL_CUTOFF_HOURS` of its
 * scheduled porting (409 `cancel_too_late`, the detail names the date and time). Its numbers: `cancelled`.
 */
export async function cancelOrder(tx: Executor, f: AgentFlow, id: string, comment?: string): Promise<PortOrderDto> {
  const scope = agentScope(f);
  const row = await findOrder(tx, scope, id, true);
  if (!portOrderLifecycle.transitions.some((t) => t.to === 'cancelled' && (t.from as readonly string[]).includes(row.status))) throw invalidTransition(row.status);
  if (row.scheduledAt && f.now.getTime() > row.scheduledAt.getTime() - CANCEL_CUTOFF_HOURS * HOUR_MS) {
    throw new ApiError(409, 'cancel_too_late', { detail: `scheduled for ${formatZurich('en', row.scheduledAt)} (Europe/Zurich)`, extensions: { scheduledAt: row.scheduledAt.toISOString() } });
  }
  await portOrderMachine.transition(tx, row, 'cancelled', {
    actor: userActor(f.agent),
    now: f.now,
    ...(comment && { comment }),
    context: { ip: f.ip ?? null },
    set: { closedAt: f.now, updatedAt: f.now },
  });
  await tx.update(portOrderNumbers).set({ status: 'cancelled' }).where(and(eq(portOrderNumbers.tenantId, row.tenantId), eq(portOrderNumbers.orderId, row.id)));
  return presentOrder(tx, scope, row.id, f);
}


// Presenting

const statusFields = (status: PortOrderStatus, locale: Locale) => ({
  status,
  statusText: portingMessages.t(locale, `status.${status}`),
  statusDescription: portingMessages.t(locale, `status.${status}.description`),
});

const operatorActions: Partial<Record<PortOrderStatus, Action>> = {
  clarification_needed: 'clarify',
  approved: 'approve',
  rejected: 'reject',
  scheduled: 'schedule',
  ported: 'complete',
  failed: 'fail',
};

/** What the caller may do with the order now (the lifecycle, the 48-hour rule). */
export function actionsOf(order: Pick<PortOrder, 'status' | 'scheduledAt'>, scope: OrderScope, now: Date): Action[] {
  const moves = portOrderLifecycle.transitions.filter((t) => (t.from as readonly string[]).includes(order.status));
  if (scope.kind === 'operator') {
    return moves.filter((t) => (t.by as readonly string[]).includes('operator')).flatMap((t) => (operatorActions[t.to] ? [operatorActions[t.to]!] : []));
  }
  const actions: Action[] = [];
  if (order.status === 'draft' || order.status === 'clarification_needed') actions.push('edit', 'submit');
  const late = order.scheduledAt && now.getTime() > order.scheduledAt.getTime() - CANCEL_CUTOFF_HOURS * HOUR_MS;
  if (moves.some((t) => t.to === 'cancelled') && !late) actions.push('cancel');
  return actions;
}

/** The price preview: the tariff once and each licence by its count, monthly; the first month pro rata by day. */
async function pricePreview(db: Executor, order: PortOrder, workplaces: PortOrderWorkplace[], vatRateBp: number, locale: Locale): Promise<PricePreview | null> {
  if (!order.tariffId || !order.startDate) return null;
  const [[tariff], prices] = await Promise.all([
    db.select().from(tariffs).where(and(eq(tariffs.tenantId, order.tenantId), eq(tariffs.id, order.tariffId))),
    db.select().from(licencePrices).where(eq(licencePrices.tenantId, order.tenantId)),
  ]);
  if (!tariff) return null;
  const lines: PricePreview['lines'] = [
    { kind: 'subscription', code: tariff.code, name: tariff.name, quantity: 1, unitMonthlyCents: tariff.monthlyPriceCents, monthlyCents: tariff.monthlyPriceCents },
  ];
  for (const price of prices.sort((a, b) => a.licence.localeCompare(b.licence))) {
    const quantity = workplaces.filter((w) => w.licence === price.licence).length;
    if (quantity > 0) lines.push({ kind: 'licence', code: price.licence, name: portingMessages.t(locale, `licence.${price.licence as Licence}`), quantity, unitMonthlyCents: price.monthlyPriceCents, monthlyCents: price.monthlyPriceCents * quantity });
  }
  const monthlyTotalCents = lines.reduce((sum, l) => sum + l.monthlyCents, 0);
  const start = order.startDate;
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    currency: tariff.currency,
    vatRateBp,
    lines,
    monthlyTotalCents,
    firstMonth: {
      from: start,
      to: `${start.slice(0, 8)}${String(daysInMonth).padStart(2, '0')}`,
      days: daysInMonth - d + 1,
      daysInMonth,
      cents: proRataCents(monthlyTotalCents, start),
    },
  };
}

const presentLine = (n: PortOrderNumber) => {
  const block = n.kind === 'block' && n.rangeFirst && n.rangeLast;
  return {
    id: n.id,
    input: n.input,
    kind: n.kind,
    e164: n.rangeFirst,
    type: n.numberType,
    range: block ? { first: n.rangeFirst!, last: n.rangeLast!, size: Number(n.rangeLast!.slice(-4)) - Number(n.rangeFirst!.slice(-4)) + 1 } : null,
    status: n.status,
    temporaryNumber: n.temporaryNumber,
    temporaryReleased: n.temporaryReleasedAt !== null,
  };
};

/** The whole order as `GET /v1/port-orders/:id` shows it; never a password (only whether one is set). */
export async function presentOrder(db: Executor, scope: OrderScope, id: string, o: { now: Date; locale: Locale }): Promise<PortOrderDto> {
  const order = await findOrder(db, scope, id);
  const [state, [tenant], [agent], customer, history, documents] = await Promise.all([
    stateOf(db, order),
    db.select({ id: tenants.id, name: tenants.name, vatRateBp: tenants.vatRateBp, parentId: tenants.parentId }).from(tenants).where(eq(tenants.id, order.tenantId)),
    db.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.tenantId, order.tenantId), eq(users.id, order.createdBy))),
    order.customerId ? db.select().from(customers).where(and(eq(customers.tenantId, order.tenantId), eq(customers.id, order.customerId))) : Promise.resolve([]),
    db
      .select({ h: statusHistory, name: users.displayName })
      .from(statusHistory)
      .leftJoin(users, and(eq(statusHistory.actorKind, 'agent'), sql`${users.id}::text = ${statusHistory.actorId}`))
      .where(and(eq(statusHistory.tenantId, order.tenantId), eq(statusHistory.entity, 'port_order'), eq(statusHistory.entityId, order.id)))
      .orderBy(asc(statusHistory.at), asc(statusHistory.id)),
    db
      .select({ id: portOrderDocuments.id, kind: portOrderDocuments.kind, fileName: portOrderDocuments.fileName, contentType: portOrderDocuments.contentType, byteSize: portOrderDocuments.byteSize, createdAt: portOrderDocuments.createdAt })
      .from(portOrderDocuments)
      .where(and(eq(portOrderDocuments.tenantId, order.tenantId), eq(portOrderDocuments.orderId, order.id)))
      .orderBy(asc(portOrderDocuments.createdAt)),
  ]);
  // The operator deciding on the order: the reseller's parent, or the tenant itself.
  const operatorName = tenant!.parentId ? ((await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenant!.parentId)))[0]?.name ?? null) : tenant!.name;
  return {
    id: order.id,
    reference: order.reference,
    ...statusFields(order.status, o.locale),
    step: order.step,
    tenant: { id: tenant!.id, name: tenant!.name },
    agent: { id: agent!.id, name: agent!.name },
    customer: customer[0] ? presentCustomer(customer[0]) : null,
    subscription: { tariffId: order.tariffId, startDate: order.startDate },
    numbers: {
      country: order.country as PortingCountry,
      lines: state.numbers.map(presentLine),
      newNumbers: order.newNumbers,
      currentProvider: order.currentProvider,
      currentProviderAccount: order.currentProviderAccount,
      signing: order.signing,
      signers: order.signers.map((s) => ({ name: s.name, role: s.role })),
      timing: order.timing,
      portingDate: order.portingDate,
      portingTime: order.portingTime,
      sharedContract: order.sharedContract,
      scope: order.scope,
      fullPortAcknowledged: order.fullPortAcknowledged,
      note: order.note,
    },
    workplaces: {
      rows: state.workplaces.map((w) => ({ id: w.id, displayName: w.displayName, loginName: w.loginName, licence: w.licence as Licence, passwordSet: w.passwordSealed !== null })),
      supportLogin: order.supportLoginName ? { loginName: order.supportLoginName, passwordSet: order.supportPasswordSealed !== null } : null,
    },
    price: await pricePreview(db, order, state.workplaces, tenant!.vatRateBp, o.locale),
    history: history.map(({ h, name }) => ({
      from: h.fromStatus,
      to: h.toStatus,
      at: h.at.toISOString(),
      actor: { kind: h.actorKind, name: name ?? (h.actorKind === 'operator' ? operatorName : null) },
      reason: h.reason,
      reasonText: h.reason ? (reasonText(o.locale, h.toStatus as PortOrderStatus, h.reason) ?? h.reason) : null,
      comment: h.comment,
    })),
    documents: documents.map((d) => ({ ...d, contentType: d.contentType as 'application/pdf', createdAt: d.createdAt.toISOString() })),
    actions: actionsOf(order, scope, o.now),
    submittedAt: order.submittedAt?.toISOString() ?? null,
    scheduledAt: order.scheduledAt?.toISOString() ?? null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}


// Listing

interface Cursor {
  at: string;
  id: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at)) && typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id)) return c;
  } catch {
    // fall through
  }
  throw invalid([fe('cursor', 'invalid')]);
}

/**
 * The orders in the caller's scope, newest first, `limit` per page with a keyset cursor: the agent's
 * tenant's (all statuses), the operator's resellers' without drafts. `q` searches the reference, the
 * customer's company name and the numbers (digits anywhere in a number or block).
 */
export async function listOrders(db: Executor, scope: OrderScope, query: ListQuery, locale: Locale) {
  const conditions: (SQL | undefined)[] = [scopeWhere(scope)];
  if (query.status) conditions.push(eq(portOrders.status, query.status));
  if (query.q) {
    const like = `%${likeEscape(query.q)}%`;
    const digits = query.q.replace(/\D/g, '');
    conditions.push(
      or(
        ilike(portOrders.reference, like),
        ilike(customers.companyName, like),
        sql`exists (select 1 from ${portOrderNumbers} n where n.order_id = ${portOrders.id} and n.tenant_id = ${portOrders.tenantId} and (n.input ilike ${like}${
          digits.length >= 3 ? sql` or n.range_first like ${`%${digits}%`}` : sql``
        }))`,
      ),
    );
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    conditions.push(sql`(${portOrders.createdAt}, ${portOrders.id}) < (${c.at}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await db
    .select({
      order: portOrders,
      customerName: customers.companyName,
      tenantName: tenants.name,
      singles: sql<number>`(select count(*)::int from ${portOrderNumbers} n where n.order_id = ${portOrders.id} and n.tenant_id = ${portOrders.tenantId} and n.kind = 'single')`,
      blocks: sql<number>`(select count(*)::int from ${portOrderNumbers} n where n.order_id = ${portOrders.id} and n.tenant_id = ${portOrders.tenantId} and n.kind = 'block')`,
    })
    .from(portOrders)
    .innerJoin(tenants, eq(tenants.id, portOrders.tenantId))
    .leftJoin(customers, and(eq(customers.id, portOrders.customerId), eq(customers.tenantId, portOrders.tenantId)))
    .where(and(...conditions))
    .orderBy(desc(portOrders.createdAt), desc(portOrders.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ order, customerName, tenantName, singles, blocks }) => ({
      id: order.id,
      reference: order.reference,
      ...statusFields(order.status, locale),
      customerName: customerName ?? null,
      numberCount: Number(singles),
      blockCount: Number(blocks),
      portingDate: order.portingDate,
      scheduledAt: order.scheduledAt?.toISOString() ?? null,
      tenant: { id: order.tenantId, name: tenantName },
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.order.createdAt.toISOString(), id: last.order.id }) : null,
  };
}

// Options

/** `GET /v1/port-orders/options`: the tenant's porting products, licence prices, VAT, today and the earliest porting date. */
export async function portingOptions(db: Executor, tenantId: string, now: Date) {
  const [products, prices, [tenant]] = await Promise.all([
    db
      .select()
      .from(tariffs)
      .where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.forPorting, true), eq(tariffs.active, true)))
      .orderBy(asc(tariffs.sortOrder), asc(tariffs.name)),
    db.select().from(licencePrices).where(eq(licencePrices.tenantId, tenantId)).orderBy(asc(licencePrices.licence)),
    db.select({ vatRateBp: tenants.vatRateBp }).from(tenants).where(eq(tenants.id, tenantId)),
  ]);
  const today = zurichDate(now);
  return {
    products: products.map((p) => ({ id: p.id, code: p.code, name: p.name, monthlyPriceCents: p.monthlyPriceCents, oneOffFeeCents: p.oneOffFeeCents, currency: p.currency })),
    licences: prices.map((p) => ({ licence: p.licence as Licence, monthlyPriceCents: p.monthlyPriceCents, currency: p.currency })),
    vatRateBp: tenant!.vatRateBp,
    today,
    earliestPortingDate: earliestPortingDate(today) ?? null,
    providers: PROVIDERS,
  };
}
