import { html, nothing } from 'lit';
import { localeTag } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import type { Location, LocationList, OpenLinkRequest } from '../../contract/locations.js';
import { loadFailure } from '../core/session-list.js';
import type { TkLocations } from './locations.js';
import type { LocationsKey } from './messages.js';

/** "01.12.2026": a calendar day (or the day of a moment, in Germany), with two-digit day and month. */
export const dayText = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(localeTag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' }).format(
    new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso),
  );

/** "Sammelrechnung beenden" / "Auf Sammelrechnung nehmen": from the 1st of next month, said in the card. */
async function toggleInvoice(el: TkLocations, location: Location): Promise<void> {
  const state = location.collectiveInvoice;
  if (!state) return;
  const collectiveInvoice = !state.next;
  const changed = await el.form.send((kit, o) =>
    kit.api.call((rpc, opts) => rpc.v1.locations[':accountId'].$patch({ param: { accountId: location.accountId }, json: { collectiveInvoice } }, opts), { ...o, session: true }),
  );
  if (!changed) return;
  el.upsert(changed);
  const after = changed.collectiveInvoice;
  const name = changed.displayName;
  // Back to what holds today withdraws the waiting change: said so, not as a change.
  const notice =
    after?.from && after.next !== after.current
      ? el.t(after.next ? 'invoice.started' : 'invoice.stopped', { date: dayText(after.from, el.i18n.locale), name })
      : el.t(collectiveInvoice ? 'invoice.keptOn' : 'invoice.keptOff', { name });
  await el.back(notice, changed.accountId);
  el.completed({ action: 'invoice_changed', accountId: changed.accountId, location: changed });
}

/** The status as words (never colour alone); an unknown one as the BFF names it. */
function statusText(el: TkLocations, status: string): string {
  const key = `status.${status}` as LocationsKey;
  return ['active', 'pending_confirmation', 'suspended', 'cancelled'].includes(status) ? el.t(key) : status;
}

/** "Musterstraße 1, 10115 Berlin": the site in one line (country when not Germany). */
const addressText = (a: NonNullable<Location['siteAddress']>) =>
  `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}${a.country === 'DE' ? '' : `, ${a.country}`}`;

/**
 * An action's button: the short text on screen, and for screen readers the account's name after it ("Verknüpfung
 * lösen (Filiale Zürich)"): the accessible name starts with the visible label (WCAG 2.5.3).
 */
function action(label: string, name: string, run: () => void, o: { busy?: boolean; variant?: 'primary' | 'secondary'; unlink?: string } = {}) {
  return html`<tk-button variant=${o.variant ?? 'secondary'} ?busy=${o.busy ?? false} data-unlink=${o.unlink ?? nothing} @click=${run}
    >${label}<span class="visually-hidden">(${name})</span></tk-button
  >`;
}

function invoiceText(el: TkLocations, l: Location) {
  const c = l.collectiveInvoice!;
  const yesNo = (v: boolean) => el.t(v ? 'yes' : 'no');
  return html`${yesNo(c.current)}${c.from && c.next !== c.current ? html`<br />${el.t('invoice.from', { date: dayText(c.from, el.i18n.locale), value: yesNo(c.next) })}` : nothing}`;
}

function card(el: TkLocations, l: Location, manage: boolean) {
  const t = el.t;
  const locale = el.i18n.locale;
  const row = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const sub = l.role === 'sub';
  const c = l.collectiveInvoice;
  // A change waiting for the 1st: the button takes it back, and says so.
  const invoice = c?.from && c.next !== c.current ? 'invoice.undo' : c?.next ? 'invoice.stop' : 'invoice.start';
  const actions =
    manage && sub
      ? html`<div class="actions">
          ${el.standalone ? nothing : action(t('switch'), l.displayName, () => el.switchTo(l), { busy: el.switching === l.accountId, variant: 'primary' })}
          ${action(t(invoice), l.displayName, () => toggleInvoice(el, l))}
          ${action(t('unlink'), l.displayName, () => el.open('unlink', l), { unlink: l.accountId })}
        </div>`
      : nothing;
  return html`<li class="card ${l.role}" part="card">
    <div class="card-head">
      <div class="name" role="heading" aria-level=${el.headingLevel + 1} tabindex="-1" data-card=${l.accountId}>${l.displayName}</div>
      <span class="badge" part="badge">${t(sub ? 'sub' : 'main')}</span>
    </div>
    ${el.cardNotice?.id === l.accountId ? html`<p class="notice" tabindex="-1" data-card-notice>${el.cardNotice.text}</p>` : nothing}
    <dl>
      ${row(t('customerNumber'), l.customerNumber)} ${row(t('address'), l.siteAddress ? addressText(l.siteAddress) : t('noAddress'))}
      ${row(t('status'), statusText(el, l.status))} ${l.collectiveInvoice ? row(t('invoice'), invoiceText(el, l)) : nothing}
      ${l.linkedSince ? row(t('linkedSince'), dayText(l.linkedSince, locale)) : nothing}
    </dl>
    ${actions}
  </li>`;
}

function ordered(el: TkLocations, o: LocationList['orders'][number]) {
  const t = el.t;
  return html`<li class="card ordered" part="card">
    <div class="card-head">
      <div class="name" role="heading" aria-level=${el.headingLevel + 1}>${o.displayName}</div>
      <span class="badge" part="badge"><span class="visually-hidden">${t('status')}: </span>${t('ordered')}</span>
    </div>
    <dl>
      ${html`<dt>${t('orderedOn')}</dt><dd>${dayText(o.orderedAt, el.i18n.locale)}</dd>`}
      ${html`<dt>${t('invoice')}</dt><dd>${t(o.collectiveInvoice ? 'yes' : 'no')}</dd>`}
    </dl>
    <p class="hint">${t('ordered.text')}</p>
  </li>`;
}

/** A code this admin asked for and has not entered yet: "Code eingeben" goes on where the code step was left. */
function requested(el: TkLocations, r: OpenLinkRequest) {
  const t = el.t;
  const { displayName: name, customerNumber } = r.account;
  return html`<li class="card ordered" part="card">
    <div class="name" role="heading" aria-level=${el.headingLevel + 1}>${name}</div>
    <p>${t('request', { name, customerNumber, date: dayText(r.expiresAt, el.i18n.locale) })}</p>
    <div class="actions">${action(t('request.enter'), name, () => el.resume(r), { variant: 'primary' })}</div>
  </li>`;
}

/** The overview's body for one list: the account's position, the empty state, the buttons, the cards. */
function overview(el: TkLocations, list: LocationList) {
  const t = el.t;
  const manage = list.canManage;
  const acting = el.i18n.kit?.session?.user.acting;
  // Main account first, then the sub-accounts.
  const accounts = [...list.accounts].sort((a, b) => (a.role === b.role ? 0 : a.role === 'main' ? -1 : 1));
  const requests = list.requests ?? [];
  const subs = accounts.some((a) => a.role === 'sub') || list.orders.length > 0 || requests.length > 0;
  const buttons = manage
    ? html`<div class="actions top">
        <tk-button @click=${() => el.open('link')}>${t('link')}</tk-button>
        <tk-button variant="secondary" @click=${() => el.open('order')}>${t('order')}</tk-button>
      </div>`
    : nothing;
  // A main account's admin acting here: said in this widget too (the provider's banner scrolls away), with the way back.
  const position = acting
    ? html`<p class="intro" data-acting>${t('acting.text', { main: acting.mainAccount.displayName })}</p>
        <div class="actions top"><tk-button variant="secondary" ?busy=${el.form.submit.busy} @click=${() => el.returnToMain()}>${t('acting.back')}</tk-button></div>`
    : list.position === 'sub'
      ? html`<p class="intro">${t('sub.text')}</p>`
      : nothing;
  return html`${position}
    ${manage && !subs
      ? html`<div class="empty">
          <p><strong>${t('empty.title')}</strong></p>
          <p>${t('empty.text')}</p>
          <p>${t('empty.how')}</p>
        </div>`
      : nothing}
    ${buttons}
    ${accounts.length || subs
      ? html`<ul class="cards" aria-label=${t('listLabel')}>
          ${requests.map((r) => requested(el, r))} ${accounts.map((a) => card(el, a, manage))} ${list.orders.map((o) => ordered(el, o))}
        </ul>`
      : nothing}`;
}

/** The overview: heading, the summary of a failed action, the buttons, the cards; or its loading, error, 403 and empty states. */
export function renderList(el: TkLocations) {
  const { form } = el;
  const t = el.t;
  const body = el.load.render({
    // Loading again after a switch or a return: the rows stay (inert) instead of a "loading" status over the banner's focus.
    pending: () =>
      el.keep ? html`<div inert>${overview(el, el.keep)}</div>` : el.rows ? nothing : html`<p role="status" class="loading">${t('loading')}</p>`,
    error: (error) => loadFailure(el, error, t),
    complete: () => (el.list ? overview(el, el.list) : nothing),
  });
  return html`${form.heading(t('title'))} ${form.summary({})} ${body}`;
}
