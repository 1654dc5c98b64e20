import type { Customer, PortOrder } from '../contract/port-orders.js';
import type { Locale } from '../contract/locales.js';
import type { Kit } from '../widgets/core/context.js';
import { fakeKit, routeFakeApi } from './fake-kit.js';
import { agentSession, sampleCustomer, sampleOptions, sampleOrder } from './port-order-samples.js';

/**
 * The fake BFF of `tk-porting` for stories and browser tests: options, customers and port orders, answered
 * from memory. The scenario is chosen by the session token `portingKit` hands out:
 *
 * - `fresh`: everything works; `slow`: the options never come; `error`: the options fail (500, then work
 *   after a retry); `flagged`: the submission is refused with `numbers_flagged` (a report of line 3);
 *   `invalid`: refused with a field error at the first workplace's login; `pool`: 409 `temporary_pool_empty`.
 * - Orders by id: `draftId(1…4)` (a draft saved up to that step), `CLARIFY_ID` (sent back with the provider's question),
 *   `SUBMITTED_ID` (submitted, no longer editable); a new draft gets `NEW_ID`.
 * - A new customer with the postal code `0000` is refused at that field; a workplace login `vergeben` is
 *   refused as taken on the phone system.
 */
export type PortingScenario = 'fresh' | 'slow' | 'error' | 'flagged' | 'invalid' | 'pool';

const id = (n: number) => `5b0f5c1e-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A draft saved up to `step` (1 customer … 4 workplaces): opens at the step after it. */
export const draftId = (step: 1 | 2 | 3 | 4) => id(9010 + step);
export const CLARIFY_ID = id(9005);
/** An order already submitted: it can no longer be edited in the wizard. */
export const SUBMITTED_ID = id(9006);
export const NEW_ID = id(9001);
const NEW_CUSTOMER_ID = id(9101);

/** Every request the fake BFF saw (newest last), for tests. */
export const portingRequests: { method: string; path: string; body: Record<string, unknown> }[] = [];
const orders = new Map<string, PortOrder>();
let failedOnce = false;

/** Back to the stored orders of the samples (each test starts from them). */
export function resetPorting(): void {
  portingRequests.length = 0;
  failedOnce = false;
  orders.clear();
  for (const step of [1, 2, 3, 4] as const) orders.set(draftId(step), sampleOrder('draft', { id: draftId(step) }, step));
  orders.set(CLARIFY_ID, sampleOrder('clarification_needed', { id: CLARIFY_ID }));
  orders.set(SUBMITTED_ID, sampleOrder('submitted', { id: SUBMITTED_ID }));
}
resetPorting();

const token = (scenario: PortingScenario) => `tk_ses_porting_${scenario}`;

/** A kit of the fake BFF: logged in as a partner agent (`scenario`), as someone else (`notAgent`), or not at all (`loggedOut`). */
export function portingKit(locale: Locale = 'de', scenario: PortingScenario | 'loggedOut' | 'notAgent' = 'fresh'): Kit {
  install();
  if (scenario === 'loggedOut') return fakeKit(locale);
  if (scenario === 'notAgent') return fakeKit(locale, { session: { ...agentSession, token: 'tk_ses_porting_admin', user: { ...agentSession.user, role: 'account_admin' } } });
  return fakeKit(locale, { session: { ...agentSession, token: token(scenario) } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, title: string, errors?: unknown[], extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, errors, ...extra, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const CHECK = 'Bitte prüfen Sie Ihre Eingaben.';

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  routeFakeApi(
    (path, key) => key.startsWith('tk_ses_porting') && (path.startsWith('/v1/port-orders') || path.startsWith('/v1/customers')),
    ({ method, path, key, body }) => {
      portingRequests.push({ method, path, body });
      return answer(key.replace('tk_ses_porting_', '') as PortingScenario | 'admin', method, path, body);
    },
  );
}

const STEPS = ['customer', 'subscription', 'numbers', 'workplaces'];

function answer(scenario: PortingScenario | 'admin', method: string, path: string, body: Record<string, unknown>): Response | Promise<Response> {
  if (scenario === 'admin') return problem(403, 'forbidden', 'Dieser Zugriff ist nicht erlaubt.');
  if (method === 'GET' && path === '/v1/port-orders/options') {
    if (scenario === 'slow') return new Promise<Response>(() => {});
    if (scenario === 'error' && !failedOnce) {
      failedOnce = true;
      return problem(500, 'internal', 'Ein unerwarteter Fehler ist aufgetreten.');
    }
    return json(sampleOptions);
  }
  if (method === 'GET' && path === '/v1/customers') return json({ items: [sampleCustomer] });
  if (method === 'POST' && path === '/v1/customers') {
    if (body.postalCode === '0000') return problem(422, 'validation_failed', CHECK, [{ path: 'postalCode', code: 'postal_code', message: 'Diese Postleitzahl gibt es nicht. Bitte geben Sie die vierstellige PLZ des Orts ein, zum Beispiel 3011.' }]);
    const customer: Customer = { ...sampleCustomer, ...(body as Partial<Customer>), id: NEW_CUSTOMER_ID, uid: (body.uid as string | undefined) ?? null, createdAt: '2026-11-02T09:00:00.000Z' };
    return json(customer, 201);
  }
  if (method === 'POST' && path === '/v1/port-orders') return json(save(sampleOrder('draft', { id: NEW_ID }, 0), body), 201);
  const [, , , orderId, action] = path.split('/');
  const order = orders.get(orderId!);
  if (!order) return problem(404, 'not_found', 'Nicht gefunden.');
  if (method === 'GET' && !action) return json(order);
  if (method === 'PATCH') {
    const rows = ((body.workplaces as { rows?: { loginName: string }[] } | undefined)?.rows ?? []);
    const taken = rows.findIndex((r) => r.loginName === 'vergeben');
    if (taken >= 0) return problem(422, 'validation_failed', CHECK, [{ path: `workplaces.rows.${taken}.loginName`, code: 'login_taken', message: 'Dieses Login gibt es auf der Anlage schon. Bitte wählen Sie ein anderes.' }]);
    return json(save(order, body));
  }
  if (method === 'POST' && action === 'submit') {
    if (scenario === 'pool') return problem(409, 'temporary_pool_empty', 'Keine provisorischen Nummern frei.');
    if (scenario === 'flagged') {
      return problem(422, 'numbers_flagged', CHECK, [{ path: 'numbers.lines', code: 'numbers_flagged', message: 'Die Nummer in Zeile 3 ist bereits in einem anderen Auftrag. Entfernen Sie sie oder brechen Sie den anderen Auftrag ab.' }], {
        report: { country: 'CH', lines: [], singles: 2, blocks: 1, maxSingles: 10, clean: false },
      });
    }
    if (scenario === 'invalid') return problem(422, 'validation_failed', CHECK, [{ path: 'workplaces.rows.0.loginName', code: 'login_taken', message: 'Dieses Login gibt es auf der Anlage schon. Bitte wählen Sie ein anderes.' }]);
    const submitted = sampleOrder('submitted', { id: order.id, reference: order.reference });
    orders.set(order.id, submitted);
    return json(submitted);
  }
  return problem(404, 'not_found', 'Nicht gefunden.');
}

/** The sections sent, saved into the order; `complete` raises its step. */
function save(order: PortOrder, body: Record<string, unknown>): PortOrder {
  const next: PortOrder = { ...order };
  if ('customerId' in body) next.customer = body.customerId === NEW_CUSTOMER_ID ? { ...sampleCustomer, id: NEW_CUSTOMER_ID } : sampleCustomer;
  if (body.subscription) next.subscription = { tariffId: null, startDate: null, ...(body.subscription as object) };
  const w = body.workplaces as { rows?: { id?: string; displayName: string; loginName: string; licence: 'apps' | 'device' }[]; supportLogin?: { loginName: string } | null } | undefined;
  if (w) {
    next.workplaces = {
      rows: (w.rows ?? []).map((r, i) => ({ id: r.id ?? id(9200 + i), displayName: r.displayName, loginName: r.loginName, licence: r.licence, passwordSet: true })),
      supportLogin: w.supportLogin ? { loginName: w.supportLogin.loginName, passwordSet: true } : null,
    };
  }
  const step = STEPS.indexOf(String(body.complete)) + 1;
  next.step = Math.max(order.step, step);
  orders.set(next.id, next);
  return next;
}
