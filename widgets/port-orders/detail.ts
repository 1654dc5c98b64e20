import { html, nothing, type TemplateResult } from 'lit';
import type { Params } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { portingMessages } from '../../contract/messages/porting.js';
import type { DocumentContentType, PortOrder } from '../../contract/port-orders.js';
import { PROVIDERS } from '../../contract/porting.js';
import { TkApiError, TkNetworkError } from '../core/api.js';
import { TkCancelEvent } from '../core/events.js';
import { formatDate, formatMoney } from '../core/i18n/index.js';
import { renderErrorSummary } from '../core/error-summary.js';
import '../primitives/text-field.js';
import { type DetailKey, detailMessages } from './detail.messages.js';
import { statusMeaning, statusWord, zurichDay, zurichTime } from './list.js';
import type { TkPortOrders } from './port-orders.js';

/**
 * An order's detail in `<tk-port-orders>` (the `port-orders-detail` chunk, fetched when an order is first
 * opened): every field, the operator's question first in `clarification_needed`, the history as a timeline,
 * the documents (power of attorney, the signed copy), and the actions `order.actions` allows — continue or
 * edit in `<tk-porting>` (loaded then), cancel after a confirmation.
 */

type Order = PortOrder;
/** What `POST …/documents` takes (`MAX_DOCUMENT_BYTES`, `documentContentTypes` of the contract; not imported: that module brings zod). */
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const documentContentTypes: readonly DocumentContentType[] = ['application/pdf', 'image/png', 'image/jpeg'];
const CLOSED = ['rejected', 'ported', 'failed', 'cancelled'];

const dt = (el: TkPortOrders) => (key: DetailKey, params?: Params) => detailMessages.t(el.i18n.locale, key, params);

/** Fetches an order (and the detail's texts) and shows it; a failure is said in the list's summary. */
export async function openOrder(el: TkPortOrders, id: string): Promise<void> {
  const locale = el.i18n.locale;
  await Promise.all([detailMessages.load(locale), portingMessages.load(locale)]).catch(() => undefined); // offline: German stands in
  const order = await el.form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['port-orders'][':id'].$get({ param: { id } }, opts), { signal: o.signal, session: true }));
  // Not when the agent went back to the list meanwhile (`backToList` forgets the order being opened).
  if (!order || el.opening !== id) return;
  el.order = order;
  await el.form.go('detail');
}

/** The order again from the BFF (after a change elsewhere); its card in the list too. */
async function refresh(el: TkPortOrders, notice = ''): Promise<void> {
  const id = el.order!.id;
  const order = await el.form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['port-orders'][':id'].$get({ param: { id } }, opts), { signal: o.signal, session: true }));
  if (order) el.order = order;
  await el.form.go('detail', notice);
}

/**
 * A file from the BFF with the session (a download the browser could not authorise itself), saved under
 * `name`. Through the kit's API client (a raw fetch in its place of the RPC call): its session token, its
 * problems and its session expiry (the login again) as for every other request.
 */
async function download(el: TkPortOrders, path: string, name: string): Promise<void> {
  const blob = await el.form.send((kit, o) =>
    kit.api.call<Blob>(
      (_rpc, opts) =>
        fetch(`${kit.api.baseUrl}${path}`, { ...opts.init, headers: { ...(opts.headers as Record<string, string>), 'Accept-Language': el.i18n.locale } }).then((res) => ({
          ok: res.ok,
          status: res.status,
          headers: res.headers,
          json: () => (res.ok ? res.blob() : res.json()) as Promise<Blob>,
        })),
      { signal: o.signal, session: true },
    ),
  );
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const sizeText = (bytes: number, locale: string) =>
  bytes >= 1024 * 1024
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** What is wrong with a file before it is sent: none chosen, not PDF/PNG/JPEG, or more than 5 MB. */
export function fileProblem(file: File | undefined, t: (key: DetailKey, params?: Params) => string, locale: string): string {
  if (!file) return t('upload.missing');
  const typed = (documentContentTypes as readonly string[]).includes(file.type) || (!file.type && /\.(pdf|png|jpe?g)$/i.test(file.name));
  if (!typed) return t('upload.wrongType');
  if (file.size > MAX_DOCUMENT_BYTES) return t('upload.tooBig', { size: sizeText(file.size, locale) });
  return '';
}

/** "Hochladen": checked here first, then sent as the raw body; the document joins the list. */
async function upload(el: TkPortOrders, event: Event): Promise<void> {
  event.preventDefault();
  const t = dt(el);
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="document"]')!;
  const file = input.files?.[0];
  if (!(await el.form.check({ document: fileProblem(file, t, el.i18n.locale) }))) return;
  const id = el.order!.id;
  const stored = await el.form.send((kit, o) =>
    kit.api.call(
      (rpc, opts) =>
        rpc.v1['port-orders'][':id'].documents.$post(
          { param: { id }, query: { fileName: file!.name } },
          { ...opts, headers: { ...opts.headers, 'Content-Type': file!.type || 'application/octet-stream' }, init: { ...opts.init, body: file } },
        ),
      { ...o, session: true },
    ),
  );
  if (!stored) return;
  input.value = '';
  el.order = { ...el.order!, documents: [...el.order!.documents, stored] };
  el.form.notice = t('upload.done', { name: stored.fileName });
  el.requestUpdate();
}

/** "Entwurf fortsetzen" / "Bearbeiten und erneut einreichen": `<tk-porting order-id>` in place (its code loaded now). */
async function edit(el: TkPortOrders): Promise<void> {
  try {
    await import('../porting/porting.js');
  } catch (error) {
    el.form.submit.error = new TkNetworkError(error);
    el.requestUpdate();
    await el.form.focus('[data-error-summary]');
    return;
  }
  await el.form.go('edit');
  // Focus on the wizard's step heading once it has loaded the order (the button clicked is gone): its
  // first render only says "loading"; a failed load shows its heading with the error.
  const porting = el.shadowRoot!.querySelector('tk-porting');
  if (!porting) return;
  await porting.updateComplete;
  await porting.load.taskComplete.catch(() => undefined);
  await porting.updateComplete;
  if (el.form.step === 'edit') porting.shadowRoot?.querySelector<HTMLElement>('[data-heading]')?.focus();
}

/**
 * The wizard (re)submitted the order: back to its detail, fetched again, with a notice; the list loads
 * again; the widget's own `tk-complete` (the wizard's stays inside).
 */
async function edited(el: TkPortOrders, event: Event): Promise<void> {
  event.stopPropagation();
  const action = (event as CustomEvent<{ action?: string }>).detail?.action === 'resubmitted' ? 'resubmitted' : 'submitted';
  void el.load.run();
  await refresh(el, dt(el)(action, { reference: el.order!.reference }));
  el.completed({ action, order: el.order! });
}

/** "Auftrag jetzt abbrechen": the cancel; 409 `cancel_too_late` is said with the confirmed time. */
async function cancel(el: TkPortOrders, event: Event): Promise<void> {
  event.preventDefault();
  const field = el.shadowRoot!.querySelector<HTMLElement & { value: string }>('[name="comment"]');
  const comment = field?.value.trim() || undefined;
  const id = el.order!.id;
  const order = await el.form.send((kit, o) =>
    kit.api.call((rpc, opts) => rpc.v1['port-orders'][':id'].cancel.$post({ param: { id }, json: { comment } }, opts), { ...o, session: true }),
  );
  if (!order) return;
  el.order = order;
  el.upsert(order);
  await el.form.go('detail', dt(el)('cancel.done', { reference: order.reference }));
  el.completed({ action: 'cancelled', order });
}

/** Leaves the cancel confirmation or the editing: back to the detail, focus on the button that led there. */
async function leave(el: TkPortOrders, step: string): Promise<void> {
  await el.form.go('detail');
  await el.form.focus(step === 'cancel' ? '[data-action="cancel"]' : '[data-action="edit"]');
  el.dispatchEvent(new TkCancelEvent({ step }));
}

const row = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value}</dd>`;

function section(el: TkPortOrders, title: string, body: unknown): TemplateResult {
  return html`<section>
    <div class="section-title" role="heading" aria-level=${el.headingLevel + 1}>${title}</div>
    ${body}
  </section>`;
}

function customer(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const c = o.customer;
  if (!c) return html`<p>${t('notYet')}</p>`;
  return html`<dl>
    ${row(t('company'), c.companyName)} ${row(t('address'), `${c.street}, ${c.postalCode} ${c.city}, ${t(`country.${c.country}`)}`)} ${row(t('contact'), c.contactName)}
    ${row(t('invoiceEmail'), c.invoiceEmail)} ${row(t('phone'), c.phone)} ${row(t('uid'), c.uid ?? t('none'))}
  </dl>`;
}

function subscription(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const tariff = o.price?.lines.find((l) => l.kind === 'subscription')?.name;
  if (!tariff && !o.subscription.startDate) return html`<p>${t('notYet')}</p>`;
  return html`<dl>
    ${row(t('tariff'), tariff ?? t('none'))} ${row(t('startDate'), o.subscription.startDate ? formatDate(o.subscription.startDate, el.i18n.locale) : t('none'))}
  </dl>`;
}

function numbers(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const n = o.numbers;
  const provider = n.currentProvider ? (PROVIDERS[n.country]?.find((p) => p.code === n.currentProvider)?.name ?? (n.currentProvider === 'unknown' ? t('provider.unknown') : n.currentProvider)) : t('none');
  return html`${n.lines.length
      ? html`<ul class="cards numbers">
          ${n.lines.map(
            (l) => html`<li class="card">
              <div class="number">${l.range ? t('block', { size: l.range.size, first: l.range.first, last: l.range.last }) : (l.e164 ?? l.input)}</div>
              <dl>
                ${row(t('numberStatus'), t(`number.${l.status}`))}
                ${row(t('temporary'), l.temporaryNumber ? t(l.temporaryReleased ? 'temporary.released' : 'temporary.active', { number: l.temporaryNumber }) : t('temporary.none'))}
              </dl>
            </li>`,
          )}
        </ul>`
      : html`<p>${t('notYet')}</p>`}
    <dl>
      ${n.newNumbers ? row(t('newNumbers'), n.newNumbers) : nothing} ${row(t('provider'), provider)}
      ${row(t('providerAccount'), n.currentProviderAccount ?? t('none'))}
    </dl>`;
}

function signing(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const n = o.numbers;
  if (!n.signing) return html`<p>${t('notYet')}</p>`;
  return html`<dl>
    ${row(t('signing'), t(`signing.${n.signing}`))}
    ${n.signers.map((s) => row(t('section.signing'), t('signer', { name: s.name, role: s.role })))}
  </dl>`;
}

function timing(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const n = o.numbers;
  const locale = el.i18n.locale;
  if (!n.timing) return html`<p>${t('notYet')}</p>`;
  return html`<dl>
    ${row(t('timing'), t(`timing.${n.timing}`))}
    ${n.portingDate ? row(t('wanted'), n.portingTime ? t('at', { date: formatDate(n.portingDate, locale), time: n.portingTime }) : formatDate(n.portingDate, locale)) : nothing}
    ${o.scheduledAt ? row(t('confirmed'), t('at', { date: zurichDay(o.scheduledAt, locale), time: zurichTime(o.scheduledAt, locale) })) : nothing}
    ${n.sharedContract === null ? nothing : row(t('sharedContract'), t(n.sharedContract ? 'yes' : 'no'))}
    ${n.scope ? row(t('scope'), t(`scope.${n.scope}`)) : nothing} ${n.scope === 'full' ? row(t('acknowledged'), t(n.fullPortAcknowledged ? 'yes' : 'no')) : nothing}
    ${n.note ? row(t('note'), n.note) : nothing}
  </dl>`;
}

function workplaces(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const w = o.workplaces;
  const locale = el.i18n.locale;
  if (!w.rows.length && !w.supportLogin) return html`<p>${t('notYet')}</p>`;
  return html`<ul class="plain">
      ${w.rows.map((r) => html`<li>${t('workplace', { name: r.displayName, login: r.loginName })}; ${t('licence')}: ${portingMessages.t(locale, `licence.${r.licence}`)}</li>`)}
    </ul>
    ${w.supportLogin ? html`<dl>${row(t('supportLogin'), `${w.supportLogin.loginName} – ${t('passwordSet')}`)}</dl>` : nothing}`;
}

function price(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const p = o.price;
  const locale = el.i18n.locale;
  if (!p) return html`<p>${t('notYet')}</p>`;
  const money = (cents: number) => formatMoney(cents, p.currency, locale);
  const f = p.firstMonth;
  return html`<dl>
      ${p.lines.map((l) => row(t('priceLine', { quantity: l.quantity, name: l.name }), money(l.monthlyCents)))} ${row(t('monthly'), html`<strong>${money(p.monthlyTotalCents)}</strong>`)}
      ${f ? row(t('firstMonth', { from: formatDate(f.from, locale), to: formatDate(f.to, locale), days: f.days, daysInMonth: f.daysInMonth }), money(f.cents)) : nothing}
    </dl>
    <p class="muted">${t('vat', { rate: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(p.vatRateBp / 100) })}</p>`;
}

/** Who made a change: the agent or operator by name, or the system. */
function actor(el: TkPortOrders, a: Order['history'][number]['actor']) {
  const t = dt(el);
  return a.kind === 'agent' || a.kind === 'operator' ? t(`actor.${a.kind}`, { name: a.name ?? '' }) : (a.name ?? t('actor.system'));
}

const moment = (el: TkPortOrders, iso: string) => dt(el)('at', { date: zurichDay(iso, el.i18n.locale), time: zurichTime(iso, el.i18n.locale) });

/**
 * A change's reason in the widget's language: a known code from `reject.*` (into `rejected`), `fail.*` (into
 * `failed`) or `reason.*`; else the BFF's `reasonText` (in the language it was fetched in), else the code.
 */
function reasonWords(h: Order['history'][number], locale: Locale): string {
  const known = portingMessages.texts('de') as Record<string, string>;
  const prefix = h.to === 'rejected' ? 'reject' : h.to === 'failed' ? 'fail' : 'reason';
  const key = h.reason ? [`${prefix}.${h.reason}`, `reason.${h.reason}`].find((k) => k in known) : undefined;
  return key ? portingMessages.t(locale, key as 'reason.resubmitted') : (h.reasonText ?? h.reason ?? '');
}

function history(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const locale = el.i18n.locale;
  if (!o.history.length) return html`<p>${t('history.none')}</p>`;
  return html`<ol class="timeline">
    ${o.history.map(
      (h) => html`<li data-entry>
        <strong>${h.from ? t('history.change', { from: statusWord(h.from, locale), to: statusWord(h.to, locale) }) : t('history.created', { to: statusWord(h.to, locale) })}</strong>
        <div>${actor(el, h.actor)}, <span class="when">${moment(el, h.at)}</span></div>
        ${h.reasonText || h.reason ? html`<div>${t('reason')}: ${reasonWords(h, locale)}</div>` : nothing} ${h.comment ? html`<div>${t('comment')}: ${h.comment}</div>` : nothing}
      </li>`,
    )}
  </ol>`;
}

function documents(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const locale = el.i18n.locale;
  const poa = o.customer && o.numbers.lines.length > 0;
  const open = !CLOSED.includes(o.status);
  const error = el.form.errors.document;
  return html`${poa
      ? html`<p>${t('poa.text')}</p>
          <div class="actions">
            <tk-button variant="secondary" data-poa @click=${() => download(el, `/v1/port-orders/${o.id}/power-of-attorney?locale=${locale}`, t('poa.fileName', { reference: o.reference }))}
              >${t('poa.download')}</tk-button
            >
          </div>`
      : nothing}
    ${o.documents.length
      ? html`<ul class="plain documents">
          ${o.documents.map(
            (d) => html`<li>
              ${t('documents.item', { name: d.fileName, size: sizeText(d.byteSize, locale), date: zurichDay(d.createdAt, locale) })}
              <tk-button variant="link" @click=${() => download(el, `/v1/port-orders/${o.id}/documents/${d.id}`, d.fileName)}
                >${t('documents.download')}<span class="visually-hidden"> (${d.fileName})</span></tk-button
              >
            </li>`,
          )}
        </ul>`
      : html`<p>${t('documents.none')}</p>`}
    ${open && poa
      ? html`<form class="upload" novalidate @submit=${(e: Event) => upload(el, e)}>
          <label class="label" for="document">${t('upload.label')}</label>
          <span class="muted" id="document-hint">${t('upload.hint')}</span>
          ${error ? html`<p class="field-error" id="document-error">${error}</p>` : nothing}
          <div>
            <input
              type="file"
              id="document"
              name="document"
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
              aria-describedby=${error ? 'document-hint document-error' : 'document-hint'}
              aria-invalid=${error ? 'true' : 'false'}
              @change=${() => el.form.errors.document && ((el.form.errors = {}), el.requestUpdate())}
            />
          </div>
          <div class="actions"><tk-button type="submit" variant="secondary" ?busy=${el.form.submit.busy}>${t('upload.submit')}</tk-button></div>
        </form>`
      : nothing}`;
}

/** The operator's question of a `clarification_needed` order: first and prominent, with who and when. */
function clarification(el: TkPortOrders, o: Order) {
  if (o.status !== 'clarification_needed') return nothing;
  const t = dt(el);
  const asked = [...o.history].reverse().find((h) => h.to === 'clarification_needed');
  return html`<div class="comment" data-clarification>
    <div class="section-title" role="heading" aria-level=${el.headingLevel + 1}>${t('clarification.title')}</div>
    ${asked?.comment ? html`<p><strong>${asked.comment}</strong></p>` : nothing}
    ${asked ? html`<p class="muted">${t('clarification.by', { who: actor(el, asked.actor), when: moment(el, asked.at) })}</p>` : nothing}
    <p>${t('clarification.how')}</p>
  </div>`;
}

function detailView(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const can = (a: Order['actions'][number]) => o.actions.includes(a);
  return html`<div class="actions top"><tk-button variant="link" data-back @click=${() => el.backToList()}>${t('back')}</tk-button></div>
    ${el.form.heading(t('heading', { reference: o.reference }))} ${el.form.summary({ document: t('upload.label') })} ${clarification(el, o)}
    <p class="status"><strong>${t('statusNow', { status: statusWord(o.status, el.i18n.locale) })}</strong></p>
    <p>${statusMeaning(o.status, el.i18n.locale)}</p>
    ${can('edit') || can('cancel')
      ? html`<div class="actions" data-order-actions>
          ${can('edit')
            ? html`<tk-button data-action="edit" @click=${() => edit(el)}>${t(o.status === 'draft' ? 'continue' : 'resubmit')}</tk-button>`
            : nothing}
          ${can('cancel') ? html`<tk-button variant="secondary" data-action="cancel" @click=${() => el.form.go('cancel')}>${t('cancel')}</tk-button>` : nothing}
        </div>`
      : nothing}
    ${section(el, t('section.customer'), customer(el, o))} ${section(el, t('section.subscription'), subscription(el, o))}
    ${section(el, t('section.numbers'), numbers(el, o))} ${section(el, t('section.signing'), signing(el, o))} ${section(el, t('section.timing'), timing(el, o))}
    ${section(el, t('section.workplaces'), workplaces(el, o))} ${section(el, t('section.price'), price(el, o))}
    ${section(el, t('section.history'), history(el, o))} ${section(el, t('section.documents'), documents(el, o))}`;
}

function cancelView(el: TkPortOrders, o: Order) {
  const t = dt(el);
  const error = el.form.submit.error;
  const tooLate = error instanceof TkApiError && error.code === 'cancel_too_late';
  const at = (tooLate && (error.problem as unknown as { scheduledAt?: string }).scheduledAt) || o.scheduledAt;
  return html`${el.form.heading(t('cancel.title', { reference: o.reference }))}
    ${tooLate ? renderErrorSummary([], '', t('cancel.tooLate', { when: at ? moment(el, at) : '' })) : el.form.summary({ comment: t('cancel.comment') })}
    <p>${t('cancel.text')}</p>
    <ul class="plain">
      <li>${t('cancel.numbers')}</li>
      ${o.status === 'draft' ? nothing : html`<li>${t('cancel.temporary')}</li>`}
      <li>${t('cancel.final')}</li>
    </ul>
    ${o.scheduledAt ? html`<p>${t('cancel.cutoff')}</p>` : nothing}
    <form novalidate @submit=${(e: Event) => cancel(el, e)}>
      <tk-text-field name="comment" label=${t('cancel.comment')} hint=${t('cancel.commentHint')} maxlength="2000" .value=${el.form.values.comment ?? ''} @input=${el.form.input}></tk-text-field>
      <div class="actions">
        <tk-button type="submit" ?busy=${el.form.submit.busy}>${t('cancel.submit')}</tk-button>
        <tk-button variant="secondary" @click=${() => leave(el, 'cancel')}>${t('cancel.keep')}</tk-button>
      </div>
    </form>`;
}

function editView(el: TkPortOrders, o: Order) {
  const t = dt(el);
  return html`<div class="actions top"><tk-button variant="link" data-back @click=${() => el.backToList()}>${t('back')}</tk-button></div>
    <tk-porting
      order-id=${o.id}
      heading-level=${el.headingLevel}
      .kit=${el.i18n.kit}
      @tk-complete=${(e: Event) => edited(el, e)}
      @tk-cancel=${(e: Event) => (e.stopPropagation(), leave(el, 'edit'))}
    ></tk-porting>`;
}

/** The detail, the cancel confirmation or the editing, by the widget's step. */
export function renderDetail(el: TkPortOrders): TemplateResult {
  const o = el.order!;
  return el.form.step === 'cancel' ? cancelView(el, o) : el.form.step === 'edit' ? editView(el, o) : detailView(el, o);
}
