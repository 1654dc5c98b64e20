import type { Locale } from '../contract/locales.js';
import { portingMessages } from '../contract/messages/porting.js';
import type { PortOrder } from '../contract/port-orders.js';
import type { PortOrderStatus } from '../contract/porting.js';
import type { Kit, Session } from '../widgets/core/context.js';
import { FAKE_API, FAKE_SESSION, fakeKit, installFakeApi } from './fake-kit.js';
import { agentSession, sampleCustomer, sampleOrder } from './port-order-samples.js';

/**
 * The fake BFF of `tk-port-orders` for stories and browser tests: `/v1/port-orders` of the fake kit, answered
 * from memory in the request's language, one list per scenario (chosen by the session token `portOrdersKit`
 * hands out):
 *
 * - `orders`: one order in every status (`orderIds[status]`), newest first; `empty` (none yet); `many` (25
 *   orders: a first page of 20, then "Weitere laden"); `slow` (the list never comes); `error` (500);
 *   `forbidden` (403).
 * - `?status=` filters, `?q=` searches reference, company and numbers (as typed or E.164).
 * - Cancel: the `scheduled` order is within 48 hours of its date (409 `cancel_too_late` with `scheduledAt`);
 *   any other cancellable order is cancelled.
 * - The power of attorney and each document answer a small PDF, only with the session's token (else 401).
 * - An upload (raw body) is stored and listed; every request is logged in `portOrderRequests` with its
 *   bearer, Content-Type and raw body.
 *
 * The body is read raw here (not as JSON, as `routeFakeApi` does): an upload is a file.
 */
export type PortOrdersScenario = 'orders' | 'empty' | 'many' | 'slow' | 'error' | 'forbidden';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const STATUSES: PortOrderStatus[] = ['draft', 'submitted', 'clarification_needed', 'approved', 'scheduled', 'ported', 'failed', 'rejected', 'cancelled'];
/** The id of the `orders` scenario's order in each status. */
export const orderIds = Object.fromEntries(STATUSES.map((s, i) => [s, id(8101 + i)])) as Record<PortOrderStatus, string>;
const companies = ['Schmiedeisen AG', 'Bäckerei Brunner GmbH', 'Hörzentrum Aarau AG', 'Treuhand Keller & Co.', 'Velo Gisler', 'Praxis Dr. Meier', 'Schreinerei Huber', 'Café Rosengarten', 'Elektro Amstutz AG'];

/** The sample order in `status`, as the `orders` scenario answers it (its own id, reference and company). */
export function fixtureOrder(status: PortOrderStatus, n = STATUSES.indexOf(status)): PortOrder {
  const base = sampleOrder(status);
  const companyName = companies[n % companies.length]!;
  return {
    ...base,
    id: n < STATUSES.length ? orderIds[status] : id(8200 + n),
    reference: `PO-${String(4100 + n)}${'ABCDEFGHJ'[n % 9]}`,
    customer: base.customer && { ...sampleCustomer, companyName },
    updatedAt: new Date(Date.UTC(2026, 10, 2, 9, 0) - n * 3_600_000).toISOString(),
  };
}

const fresh = (scenario: PortOrdersScenario): PortOrder[] =>
  scenario === 'orders'
    ? STATUSES.map((s) => fixtureOrder(s))
    : scenario === 'many'
      ? Array.from({ length: 25 }, (_, n) => fixtureOrder(STATUSES[n % STATUSES.length]!, n + (n < STATUSES.length ? 0 : 100)))
      : [];

const stores = new Map<string, PortOrder[]>();
const token = (scenario: PortOrdersScenario) => `tk_ses_po_${scenario}`;

/** What the widget asked, newest last: method, path, query, bearer, Content-Type and the body (JSON parsed, else raw bytes). */
export const portOrderRequests: { method: string; path: string; query: URLSearchParams; key: string; contentType: string | null; json: Record<string, unknown> | undefined; bytes: ArrayBuffer }[] = [];

/** A kit whose session is the demo reseller's partner agent; `scenario` picks the list (fresh each time); `session: 'none' | 'customer'` logs out or in as no agent. */
export function portOrdersKit(locale: Locale, scenario: PortOrdersScenario = 'orders', o: { session?: 'agent' | 'none' | 'customer' } = {}): Kit {
  installPortOrdersApi();
  stores.set(token(scenario), fresh(scenario));
  portOrderRequests.length = 0;
  const session: Session | undefined =
    o.session === 'none' ? undefined : o.session === 'customer' ? { ...FAKE_SESSION, token: 'tk_ses_po_customer' } : { ...agentSession, token: token(scenario) };
  return fakeKit(locale, { session });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, title: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, ...extra, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const pdf = () => new Response(new Blob(['%PDF-1.4\n% fake\n'], { type: 'application/pdf' }), { status: 200, headers: { 'content-type': 'application/pdf' } });

/** The order in the request's language (status in words; the samples are German). */
function localized(order: PortOrder, locale: string): PortOrder {
  const l = (locale === 'en' ? 'en' : 'de') as Locale;
  if (l === 'de' || !portingMessages.has('en')) return order;
  const key = `status.${order.status}` as 'status.draft';
  return { ...order, statusText: portingMessages.t(l, key), statusDescription: portingMessages.t(l, `${key}.description` as 'status.draft') };
}

const summary = (o: PortOrder) => ({
  id: o.id,
  reference: o.reference,
  status: o.status,
  statusText: o.statusText,
  statusDescription: o.statusDescription,
  customerName: o.customer?.companyName ?? null,
  numberCount: o.numbers.lines.filter((l) => l.kind === 'single').length,
  blockCount: o.numbers.lines.filter((l) => l.kind === 'block').length,
  portingDate: o.numbers.portingDate,
  scheduledAt: o.scheduledAt,
  tenant: o.tenant,
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
});

const matches = (o: PortOrder, q: string) => {
  const needle = q.toLowerCase().replace(/\s+/g, '');
  const hay = [o.reference, o.customer?.companyName ?? '', ...o.numbers.lines.flatMap((l) => [l.input, l.e164 ?? ''])].map((s) => s.toLowerCase().replace(/\s+/g, ''));
  return hay.some((h) => h.includes(needle));
};

async function answer(request: Request, key: string): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname;
  const method = request.method;
  const locale = request.headers.get('accept-language') ?? 'de';
  if (key === 'tk_ses_po_customer') return problem(403, 'forbidden', 'Nur für Partner-Agenten.');
  const scenario = key.replace('tk_ses_po_', '') as PortOrdersScenario;
  if (scenario === 'slow') return new Promise<Response>(() => {});
  if (scenario === 'error') return problem(500, 'internal_error', 'Ein Fehler ist aufgetreten.');
  if (scenario === 'forbidden') return problem(403, 'forbidden', 'Nur für Partner-Agenten.');
  const store = stores.get(key);
  if (!store) return problem(401, 'unauthorized', 'Bitte melden Sie sich an.');
  if (path === '/v1/port-orders' && method === 'GET') {
    const status = url.searchParams.get('status');
    const q = url.searchParams.get('q');
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const hits = store.filter((o) => (!status || o.status === status) && (!q || matches(o, q)));
    const items = hits.slice(from, from + limit).map((o) => summary(localized(o, locale)));
    return json({ items, nextCursor: from + limit < hits.length ? String(from + limit) : null });
  }
  const m = /^\/v1\/port-orders\/([\w-]+)(?:\/(cancel|power-of-attorney|documents)(?:\/([\w-]+))?)?$/.exec(path);
  const index = m ? store.findIndex((o) => o.id === m[1]) : -1;
  const order = store[index];
  if (!m || !order) return problem(404, 'not_found', 'Diesen Auftrag gibt es nicht.');
  const save = (o: PortOrder) => ((store[index] = o), json(localized(o, locale)));
  if (!m[2] && method === 'GET') return json(localized(order, locale));
  if (m[2] === 'cancel' && method === 'POST') {
    if (order.status === 'scheduled') return problem(409, 'cancel_too_late', 'Zu spät zum Abbrechen.', { detail: 'scheduled for 12 Nov 2026, 07:30 (Europe/Zurich)', scheduledAt: order.scheduledAt });
    if (!order.actions.includes('cancel')) return problem(409, 'invalid_transition', 'Nicht möglich.', { currentStatus: order.status });
    const body = (await request.clone().json()) as { comment?: string };
    const cancelled = sampleOrder('cancelled');
    return save({
      ...order,
      status: 'cancelled',
      statusText: cancelled.statusText,
      statusDescription: cancelled.statusDescription,
      actions: [],
      numbers: { ...order.numbers, lines: order.numbers.lines.map((l) => ({ ...l, status: 'cancelled', temporaryReleased: true })) },
      history: [...order.history, { from: order.status, to: 'cancelled', at: '2026-11-02T10:00:00.000Z', actor: { kind: 'agent', name: 'Dana Agent' }, reason: null, reasonText: null, comment: body.comment ?? null }],
      updatedAt: '2026-11-02T10:00:00.000Z',
    });
  }
  if (m[2] === 'power-of-attorney' && method === 'GET') return pdf();
  if (m[2] === 'documents' && m[3] && method === 'GET') return pdf();
  if (m[2] === 'documents' && method === 'POST') {
    const bytes = await request.clone().arrayBuffer();
    const document = {
      id: id(8900 + order.documents.length),
      kind: 'signed_power_of_attorney' as const,
      fileName: url.searchParams.get('fileName') ?? 'vollmacht.pdf',
      contentType: 'application/pdf' as const,
      byteSize: bytes.byteLength,
      createdAt: '2026-11-02T10:00:00.000Z',
    };
    store[index] = { ...order, documents: [...order.documents, document] };
    return json(document, 201);
  }
  return problem(404, 'not_found', 'Nicht gefunden.');
}

let installed = false;
/** Puts the fake `/v1/port-orders` in front of the fake kit's BFF (`installFakeApi`). */
export function installPortOrdersApi(): void {
  if (installed) return;
  installed = true;
  installFakeApi();
  const inner = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const key = request.headers.get('authorization')?.replace('Bearer ', '') ?? '';
    // Another fake's session (`portingKit`: the real wizard inside the widget) goes on to that fake.
    if (!request.url.startsWith(FAKE_API) || !url.pathname.startsWith('/v1/port-orders') || !key.startsWith('tk_ses_po_')) return inner(input, init);
    const bytes = await request.clone().arrayBuffer();
    const contentType = request.headers.get('content-type');
    let body: Record<string, unknown> | undefined;
    if (contentType?.includes('json')) body = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    portOrderRequests.push({ method: request.method, path: url.pathname, query: url.searchParams, key, contentType, json: body, bytes });
    return answer(request, key);
  };
}
