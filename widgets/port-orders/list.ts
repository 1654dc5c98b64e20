import { html, nothing } from 'lit';
import { localeTag } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import { portingMessages } from '../../contract/messages/porting.js';
import type { PortOrderStatus } from '../../contract/porting.js';
import { formatDate } from '../core/i18n/index.js';
import { loadFailure } from '../core/session-list.js';
import '../primitives/text-field.js';
import type { PortOrderSummary, TkPortOrders } from './port-orders.js';

/** Every status of a port order, in the lifecycle's order (the filter offers them all). */
export const STATUSES = ['draft', 'submitted', 'clarification_needed', 'approved', 'scheduled', 'ported', 'failed', 'rejected', 'cancelled'] as const satisfies readonly PortOrderStatus[];

/** A status in words ("Rückfrage"), in the widget's language. */
export const statusWord = (status: string, locale: Locale) => portingMessages.t(locale, `status.${status}` as 'status.draft');

/** What a status means, in the widget's language (not the BFF's `statusDescription`: it stays in the language it was fetched in). */
export const statusMeaning = (status: string, locale: Locale) => portingMessages.t(locale, `status.${status}.description` as 'status.draft');

const zurich = (iso: string, locale: Locale, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(localeTag(locale), { ...o, timeZone: 'Europe/Zurich' }).format(new Date(iso));

/** A moment's day in Zurich, as `formatDate` writes days ("12. November 2026"). */
export const zurichDay = (iso: string, locale: Locale) => formatDate(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(new Date(iso)), locale);

/** A moment's time of day in Zurich ("07:30"). */
export const zurichTime = (iso: string, locale: Locale) => zurich(iso, locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "12. November 2026, 07:30 Uhr": a moment in Zurich. */
export const zurichMoment = (el: TkPortOrders, iso: string) => el.t('atTime', { date: zurichDay(iso, el.i18n.locale), time: zurichTime(iso, el.i18n.locale) });

/** "2 Einzelnummern, 1 Nummernblock" (or "noch keine"). */
export function numbersText(el: TkPortOrders, singles: number, blocks: number): string {
  const parts = [
    singles ? (singles === 1 ? el.t('numbers.single') : el.t('numbers.singles', { n: singles })) : '',
    blocks ? (blocks === 1 ? el.t('numbers.block') : el.t('numbers.blocks', { n: blocks })) : '',
  ].filter(Boolean);
  return parts.join(', ') || el.t('numbersNone');
}

function card(el: TkPortOrders, o: PortOrderSummary) {
  const t = el.t;
  const locale = el.i18n.locale;
  const row = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value}</dd>`;
  return html`<li class="card" part="card">
    <div class="card-head">
      <div class="name" role="heading" aria-level=${el.headingLevel + 1} tabindex="-1" data-card=${o.id}>${o.reference}</div>
      <span class="badge status-${o.status}" part="badge"><span class="visually-hidden">${t('status')}: </span>${statusWord(o.status, locale)}</span>
    </div>
    <details class="meaning">
      <summary>${t('meaning', { status: statusWord(o.status, locale) })}</summary>
      <p>${statusMeaning(o.status, locale)}</p>
    </details>
    <dl>
      ${row(t('customer'), o.customerName ?? t('noCustomer'))} ${row(t('numbers'), numbersText(el, o.numberCount, o.blockCount))}
      ${o.scheduledAt ? row(t('confirmed'), zurichMoment(el, o.scheduledAt)) : o.portingDate ? row(t('portingDate'), formatDate(o.portingDate, locale)) : nothing}
      ${row(t('updated'), zurichMoment(el, o.updatedAt))}
    </dl>
    <div class="actions">
      <tk-button variant="secondary" ?busy=${el.opening === o.id} @click=${() => el.open(o.id)}>${t('open')}<span class="visually-hidden"> (${o.reference})</span></tk-button>
    </div>
  </li>`;
}

/** The filter: status (every one in words, or "Alle") and a search; "Anzeigen" loads the list again. */
function filter(el: TkPortOrders) {
  const t = el.t;
  const locale = el.i18n.locale;
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const status = form.querySelector('select')!.value;
    const q = form.querySelector<HTMLElement & { value: string }>('tk-text-field')!.value ?? '';
    el.applyFilter(status, q);
  };
  return html`<form class="filter" role="search" aria-label=${t('filterLabel')} novalidate @submit=${submit}>
    <div class="field">
      <label for="status" class="label">${t('status')}</label>
      <select id="status" name="status" class="control" .value=${el.status}>
        <option value="" ?selected=${!el.status}>${t('all')}</option>
        ${STATUSES.map((s) => html`<option value=${s} ?selected=${el.status === s}>${statusWord(s, locale)}</option>`)}
      </select>
    </div>
    <tk-text-field class="field" name="q" type="search" label=${t('search')} hint=${t('searchHint')} .value=${el.q} maxlength="100"></tk-text-field>
    <tk-button type="submit" variant="secondary">${t('apply')}</tk-button>
  </form>`;
}

function body(el: TkPortOrders) {
  const t = el.t;
  const items = el.items;
  const filtered = Boolean(el.status || el.q);
  if (items.length === 0) {
    return filtered
      ? html`<p class="empty">${t('noneFound')}</p>`
      : html`<div class="empty">
          <p><strong>${t('empty.title')}</strong></p>
          <p>${t('empty.text')}</p>
        </div>`;
  }
  return html`<ul class="cards" aria-label=${t('listLabel')}>
      ${items.map((o) => card(el, o))}
    </ul>
    ${el.cursor ? html`<div class="actions more"><tk-button variant="secondary" ?busy=${el.loadingMore} @click=${() => el.loadMore()}>${t('more')}</tk-button></div>` : nothing}`;
}

/** The list: heading, filter, the count said after a filter, the cards; or its loading, error, 403 and empty states. */
export function renderList(el: TkPortOrders) {
  const t = el.t;
  const content = el.load.render({
    pending: () => html`<p class="loading">${t('loading')}</p>`,
    error: (error) => loadFailure(el, error, t),
    complete: () => body(el),
  });
  return html`${el.form.heading(t('title'))} ${el.form.summary({})} ${filter(el)}
    <p role="status" class="count" data-count>${el.said}</p>
    ${content}`;
}
