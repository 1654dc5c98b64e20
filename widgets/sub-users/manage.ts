import { html, nothing, type TemplateResult } from 'lit';
import { localeTag } from '../../contract/i18n.js';
import { invoiceNoteProblem } from '../../contract/rules.js';
import type { SubUser } from '../../contract/sub-users.js';
import { berlinDate, firstOfNextMonth } from '../../contract/terms.js';
import { TkStepChangeEvent } from '../core/events.js';
import { formatDate } from '../core/i18n/index.js';
import '../primitives/date-field.js';
import '../primitives/radio-group.js';
import { EMAIL } from '../primitives/text-field.js';
import { berlinDateTime, fullName } from './list.js';
import { errorText, invoiceNoteField, noteError, st, stepHeading, tariffOptions } from './steps.js';
import type { StepsKey } from './steps.messages.js';
import type { SubUsersView, TkSubUsers } from './sub-users.js';

/**
 * The changes a co-user's status allows — a new e-mail address before confirmation, the invoice note, the
 * tariff, withdrawing a registration — and the cancellation in the manner of § 312k BGB: the contract, the
 * BFF's earliest end date or a later one, "Jetzt kündigen", and the receipt (printable).
 */

type ManageView = Exclude<SubUsersView, 'list' | 'add' | 'done'>;

/** "Dezember 2026": the invoice month of a date. */
const invoiceMonth = (el: TkSubUsers, iso: string) =>
  new Intl.DateTimeFormat(localeTag(el.i18n.locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** The 1st of next month in Germany: when a tariff change, and the next invoice, begin. */
const nextFirst = () => firstOfNextMonth(berlinDate(new Date()));

/** The step's values from the co-user. */
export function startManage(el: TkSubUsers, view: ManageView): void {
  const s = el.selected!;
  if (view === 'note') el.form.values = { invoiceNote: s.invoiceNote ?? '' };
  if (view === 'tariff') el.form.values = { tariffId: s.nextTariff?.id ?? s.tariff.id };
  if (view === 'cancel') el.form.values = { when: 'earliest' };
}

type Patch = { invoiceNote?: string | null; tariffId?: string; email?: string };
const patch = (el: TkSubUsers, s: SubUser, json: Patch) =>
  el.form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['sub-users'][':id'].$patch({ param: { id: s.id }, json }, opts), { ...o, session: true }));

const cancel = (el: TkSubUsers, s: SubUser, json: { endDate?: string }) =>
  el.form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['sub-users'][':id'].cancel.$post({ param: { id: s.id }, json }, opts), { ...o, session: true }));

async function submit(el: TkSubUsers, view: ManageView, event: Event) {
  event.preventDefault();
  const { form } = el;
  if (form.submit.busy) return;
  const s = el.selected!;
  const v = form.values;
  const required = errorText(el, 'required');
  const name = fullName(s);
  switch (view) {
    case 'email': {
      const email = (v.email ?? '').trim();
      const same = email.toLowerCase() === s.email.toLowerCase();
      if (!(await form.check({ email: !email ? required : !EMAIL.test(email) ? errorText(el, 'invalid_email') : same ? st(el, 'email.same', { name }) : undefined }))) return;
      const r = await patch(el, s, { email });
      if (r) await el.done('updated', r.subUser, st(el, 'email.done', { name, email: r.subUser.email }));
      return;
    }
    case 'note': {
      const note = (v.invoiceNote ?? '').trim();
      const problem = note === (s.invoiceNote ?? '') ? 'nothing_to_change' : invoiceNoteProblem(note);
      if (!(await form.check({ invoiceNote: problem && noteError(el, note, problem) }))) return;
      const r = await patch(el, s, { invoiceNote: note || null });
      const month = invoiceMonth(el, r?.effective.invoiceNote ?? nextFirst());
      if (r) await el.done('updated', r.subUser, st(el, note ? 'note.done' : 'note.cleared', { name, month }));
      return;
    }
    case 'tariff': {
      const tariffId = v.tariffId ?? '';
      const unchanged = tariffId === (s.nextTariff?.id ?? s.tariff.id);
      if (!(await form.check({ tariffId: !tariffId ? errorText(el, 'invalid_choice') : unchanged ? errorText(el, 'tariff_unchanged') : undefined }))) return;
      const r = await patch(el, s, { tariffId });
      const tariff = el.tariffs.find((t) => t.id === tariffId)?.name ?? '';
      // The current tariff again withdraws a waiting change: say so, not "changes to" it.
      if (r) await el.done('updated', r.subUser, r.effective.tariff ? st(el, 'tariff.done', { name, date: formatDate(r.effective.tariff, el.i18n.locale), tariff }) : st(el, 'tariff.kept', { name, tariff }));
      return;
    }
    case 'withdraw': {
      const r = await cancel(el, s, {});
      if (r) await el.done('cancelled', r.subUser, st(el, 'withdraw.done', { name }));
      return;
    }
    case 'cancel': {
      const later = v.when === 'later';
      const endDate = v.endDate ?? '';
      const earliest = s.earliestEndDate ?? '';
      const problem = !later ? undefined : !endDate ? 'invalid_date' : endDate < earliest ? 'end_date_too_early' : undefined;
      if (!(await form.check({ endDate: problem && errorText(el, problem) }))) return;
      // The date the admin saw and chose is the one sent: should it no longer be possible (after midnight), the BFF says so at the field.
      const r = await cancel(el, s, later ? { endDate } : earliest ? { endDate: earliest } : {});
      if (!r) return;
      el.receipt = r;
      await el.done('cancelled', r.subUser, '', 'receipt');
      el.dispatchEvent(new TkStepChangeEvent({ step: 'receipt', index: 1, count: 2 }));
      return;
    }
    default:
  }
}

export function renderManage(el: TkSubUsers, view: SubUsersView): TemplateResult | typeof nothing {
  if (view === 'receipt') return renderReceipt(el);
  const s = el.selected;
  if (!s) return nothing;
  const { form } = el;
  const t = (key: StepsKey, p?: Record<string, string | number>) => st(el, key, p);
  const name = fullName(s);
  const locale = el.i18n.locale;
  const buttons = (label: string) => html`<div class="actions">
    <tk-button type="submit" ?busy=${form.submit.busy}>${label}</tk-button>
    <tk-button variant="link" @click=${() => el.leave()}>${form.t(view === 'cancel' ? 'overview' : 'abort')}</tk-button>
  </div>`;
  const dl = (rows: [string, string][]) => html`<dl>${rows.map(([k, x]) => html`<dt>${k}</dt><dd>${x}</dd>`)}</dl>`;
  let title: string;
  let labels: Record<string, string> = {};
  let body: unknown;
  let submitLabel = form.t('save');
  switch (view) {
    case 'email':
      title = t('email.title');
      labels = { email: t('email.new') };
      body = html`${dl([[t('cancel.person'), name], [t('email.current'), s.email]])}${form.legend()}
        <tk-text-field name="email" type="email" inputmode="email" autocomplete="off" required label=${labels.email} hint=${t('email.newHint')} .value=${form.values.email ?? ''} .error=${form.errors.email ?? ''} @input=${form.input}></tk-text-field>`;
      break;
    case 'note':
      title = t('note.title');
      labels = { invoiceNote: form.t('invoiceNote') };
      body = html`${dl([[t('cancel.person'), name]])} ${invoiceNoteField(el, labels.invoiceNote!)}
        <p class="earliest">${t('note.from', { month: invoiceMonth(el, nextFirst()) })}</p>`;
      break;
    case 'tariff':
      title = t('tariff.title');
      // A tariff is part of the contract: the button says that saving orders it, with its costs (§ 312j BGB).
      submitLabel = t('tariff.submit');
      labels = { tariffId: t('tariff') };
      body = html`${dl([[t('cancel.person'), name]])}${form.legend()}
        <tk-radio-group name="tariffId" variant="cards" required label=${labels.tariffId} .value=${form.values.tariffId ?? ''} .options=${tariffOptions(el, s.tariff.id)} .error=${form.errors.tariffId ?? ''} @change=${form.input}></tk-radio-group>
        <p class="earliest">${t('tariff.from', { date: formatDate(nextFirst(), locale) })}</p>`;
      break;
    case 'withdraw':
      title = t('withdraw.title');
      submitLabel = t('withdraw.submit');
      body = html`<p>${t('withdraw.text', { name })}</p>`;
      break;
    case 'cancel': {
      title = t('cancel.title');
      submitLabel = t('cancel.submit');
      labels = { endDate: t('cancel.endDate') };
      const earliest = s.earliestEndDate ? formatDate(s.earliestEndDate, locale) : '';
      body = html`<div class="facts">
          <div class="facts-heading" role="heading" aria-level=${el.headingLevel + 1} id="contract">${t('cancel.contract')}</div>
          ${dl([
            [t('cancel.person'), name],
            [form.t('customerNumber'), s.customerNumber ?? ''],
            [form.t('tariff'), s.nextTariff ? `${s.tariff.name}; ${form.t('nextTariff', { date: formatDate(s.nextTariff.from, locale), name: s.nextTariff.name })}` : s.tariff.name],
            [t('cancel.start'), s.startsOn ? formatDate(s.startsOn, locale) : ''],
          ])}
        </div>
        <p class="earliest" data-earliest>${t('cancel.earliest', { date: earliest })}</p>
        <tk-radio-group
          name="when"
          label=${t('cancel.when')}
          .value=${form.values.when ?? 'earliest'}
          .options=${[
            { value: 'earliest', label: t('cancel.whenEarliest', { date: earliest }) },
            { value: 'later', label: t('cancel.whenLater') },
          ]}
          @change=${form.input}
        ></tk-radio-group>
        ${form.values.when === 'later'
          ? html`${form.legend()}<tk-date-field name="endDate" required label=${labels.endDate} example=${t('cancel.endDateExample', dayParts(s.earliestEndDate))} hint=${t('cancel.endDateHint', { date: earliest })} .value=${form.values.endDate ?? ''} .error=${form.errors.endDate ?? ''} @input=${form.input}></tk-date-field>`
          : nothing}`;
      break;
    }
    default:
      return nothing;
  }
  return html`<form novalidate @submit=${(e: Event) => submit(el, view as ManageView, e)}>
    ${form.summary(labels)} ${stepHeading(el, title, view === 'cancel' ? t('position', { index: 1, count: 2 }) : undefined)} ${body} ${buttons(submitLabel)}
  </form>`;
}

/** `2026-12-31` → `{ d: 31, m: 12, y: 2026 }`: a date as the date field's example writes it. */
const dayParts = (iso: string | null) => {
  const [y, m, d] = (iso ?? '').split('-').map(Number);
  return { d: d ?? '', m: m ?? '', y: y ?? '' };
};

/**
 * Prints the receipt alone: its text in a window of its own (plain HTML, no script or inline style, so the host
 * page's Content-Security-Policy allows it), printed and closed. A print style in the shadow root cannot hide
 * the host page around the widget. A blocked pop-up prints the page.
 */
function printReceipt(el: TkSubUsers, title: string) {
  const receipt = el.renderRoot.querySelector<HTMLElement>('[data-receipt]');
  const win = receipt && window.open('', '_blank', 'popup,width=640,height=720');
  if (!win) return print();
  const doc = win.document;
  doc.documentElement.lang = el.i18n.locale;
  doc.title = title;
  const copy = doc.importNode(receipt, true);
  for (const hidden of copy.querySelectorAll('[data-heading] .visually-hidden, .visually-hidden')) hidden.remove();
  doc.body.append(copy);
  win.focus();
  win.print();
  win.close();
}

/** The receipt: when it was received, the end date, the reference; printable on its own. */
function renderReceipt(el: TkSubUsers) {
  const r = el.receipt!;
  const t = (key: StepsKey, p?: Record<string, string | number>) => st(el, key, p);
  const locale = el.i18n.locale;
  const [date, time] = berlinDateTime(r.receivedAt, locale);
  const s = r.subUser;
  const rows: [string, string][] = [
    [t('receipt.ends'), r.endsOn ? formatDate(r.endsOn, locale) : ''],
    [t('receipt.reference'), r.reference],
    [t('cancel.person'), fullName(s)],
    [el.form.t('customerNumber'), s.customerNumber ?? ''],
    [el.form.t('tariff'), s.tariff.name],
    // Whom the cancellation went to: a receipt is proof.
    [t('receipt.provider'), el.i18n.kit?.tenant?.name ?? ''],
  ];
  return html`<div class="receipt" data-receipt>
      ${stepHeading(el, t('receipt.title'), t('position', { index: 2, count: 2 }))}
      <p data-received>${t('receipt.received', { date, time })}</p>
      <dl>${rows.map(([k, x]) => html`<dt>${k}</dt><dd>${x}</dd>`)}</dl>
      <p>${t('receipt.mail')}</p>
    </div>
    <div class="actions">
      <tk-button variant="secondary" @click=${() => printReceipt(el, t('receipt.title'))}>${t('receipt.print')}</tk-button>
      <tk-button @click=${() => el.back('', s.id)}>${el.form.t('overview')}</tk-button>
    </div>`;
}
