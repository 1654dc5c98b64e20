import { html, nothing } from 'lit';
import { localeTag } from '../../contract/i18n.js';
import type { Locale } from '../../contract/locales.js';
import type { SubUser } from '../../contract/sub-users.js';
import { loadFailure } from '../core/session-list.js';
import { formatWait } from '../core/submit.js';
import '../primitives/text-field.js';
import type { SubUsersKey } from './messages.js';
import type { TkSubUsers } from './sub-users.js';

/** Above this many co-users the list gets a search field. */
export const SEARCH_FROM = 11;

/** "1.12.2026": a calendar day, short. */
export const shortDate = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(localeTag(locale), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

/** A moment as the day and the time in Germany (the BFF's e-mails say the same): `["22.11.2026", "14:03"]`. */
export function berlinDateTime(instant: string, locale: Locale): [string, string] {
  const at = new Date(instant);
  const zone = { timeZone: 'Europe/Berlin' } as const;
  return [
    new Intl.DateTimeFormat(localeTag(locale), { ...zone, day: 'numeric', month: 'numeric', year: 'numeric' }).format(at),
    new Intl.DateTimeFormat(localeTag(locale), { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at),
  ];
}

export const fullName = (s: SubUser) => `${s.firstName} ${s.lastName}`;

function matches(s: SubUser, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  return [`${s.firstName} ${s.lastName}`, `${s.lastName} ${s.firstName}`, s.username ?? '', s.email, s.customerNumber ?? ''].some((v) => v.toLocaleLowerCase().includes(q));
}

/** The status as words (never colour alone). */
export function statusText(el: TkSubUsers, s: SubUser): string {
  const t = el.form.t;
  if (s.status === 'cancellation_scheduled' && s.cancellation) return t('status.cancellation_scheduled', { date: shortDate(s.cancellation.endsOn, el.i18n.locale) });
  // Never confirmed: the registration was withdrawn, no contract was ended.
  if (s.status === 'cancelled' && !s.confirmedAt) return t('status.withdrawn');
  return t(`status.${s.status}` as SubUsersKey, { date: '' });
}

/**
 * An action's button: the short text on screen, and for screen readers the co-user's name after it ("Kündigen
 * (Anna Muster)"): the accessible name starts with the visible label, so voice control finds it (WCAG 2.5.3).
 */
function action(label: string, name: string, run: () => void, variant: 'secondary' | 'link' = 'secondary', disabled = false) {
  return html`<tk-button variant=${variant} ?disabled=${disabled} @click=${run}>${label}<span class="visually-hidden">(${name})</span></tk-button>`;
}

function actions(el: TkSubUsers, s: SubUser) {
  const t = el.form.t;
  // Two co-users of the same name are told apart by their address, for screen readers too.
  const twins = el.list.filter((x) => fullName(x) === fullName(s)).length > 1;
  const name = twins ? `${fullName(s)}, ${s.email}` : fullName(s);
  const locale = el.i18n.locale;
  switch (s.status) {
    case 'pending_confirmation':
    case 'expired': {
      const left = el.secondsLeft(s.id);
      return html`<div class="actions">
          ${action(t('resend'), name, () => el.resend(s), 'secondary', left > 0)}
          ${action(t('changeEmail'), name, () => el.open('email', s))}
          ${action(t('withdraw'), name, () => el.open('withdraw', s))}
        </div>
        ${left > 0 ? html`<p class="wait">${t('resend.wait', { time: formatWait(left, locale) })}</p>` : nothing}`;
    }
    case 'active':
      return html`<div class="actions">
        ${action(t('changeNote'), name, () => el.open('note', s))}
        ${action(t('changeTariff'), name, () => el.open('tariff', s))}
        ${action(t('cancel'), name, () => el.open('cancel', s))}
      </div>`;
    case 'cancellation_scheduled':
      return html`<div class="actions">${action(t('keep'), name, () => el.keep(s))}</div>`;
    default:
      return nothing;
  }
}

function card(el: TkSubUsers, s: SubUser) {
  const t = el.form.t;
  const locale = el.i18n.locale;
  const row = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const waiting = s.status === 'pending_confirmation' || s.status === 'expired';
  const [sentDay, sentTime] = berlinDateTime(s.confirmationSentAt, locale);
  return html`<li class="card" part="card">
    <div class="card-head">
      <div class="name" role="heading" aria-level=${el.headingLevel + 1} tabindex="-1" data-card=${s.id}>${fullName(s)}</div>
      <span class="badge ${s.status}" part="badge"><span class="visually-hidden">${t('status')}: </span>${statusText(el, s)}</span>
    </div>
    ${el.cardNotice?.id === s.id ? html`<p class="notice" tabindex="-1" data-card-notice>${el.cardNotice.text}</p>` : nothing}
    <dl>
      ${row(t('email'), s.email)} ${s.username ? row(t('username'), s.username) : nothing} ${s.sipAddress ? row(t('sipAddress'), s.sipAddress) : nothing}
      ${s.customerNumber ? row(t('customerNumber'), s.customerNumber) : nothing}
      ${row(
        t('tariff'),
        html`${s.tariff.name}${s.nextTariff ? html`<br />${t('nextTariff', { date: shortDate(s.nextTariff.from, locale), name: s.nextTariff.name })}` : nothing}`,
      )}
      ${row(t('invoiceNote'), s.invoiceNote ?? t('none'))} ${waiting ? row(t('sentAt'), t('dateTime', { date: sentDay, time: sentTime })) : nothing}
    </dl>
    ${actions(el, s)}
  </li>`;
}

/** The list: heading, the summary of a failed action, the search above 10, the cards; or its loading, error, 403 and empty states. */
export function renderList(el: TkSubUsers) {
  const { form } = el;
  const t = form.t;
  const add = html`<tk-button @click=${() => el.open('add')}>${t('add')}</tk-button>`;
  const body = el.load.render({
    pending: () => (el.rows ? nothing : html`<p role="status" class="loading">${t('loading')}</p>`),
    error: (error) => loadFailure(el, error, t),
    complete: () => {
      const all = el.list;
      if (all.length === 0) {
        return html`<div class="empty">
          <p><strong>${t('empty.title')}</strong></p>
          <p>${t('empty.text')}</p>
          ${add}
        </div>`;
      }
      const searching = all.length >= SEARCH_FROM;
      const shown = searching ? all.filter((s) => matches(s, el.query)) : all;
      return html`<div class="actions top">${add}</div>
        ${searching
          ? html`<div class="search" role="search">
              <tk-text-field
                type="search"
                name="search"
                label=${t('search')}
                hint=${t('search.hint')}
                .value=${el.query}
                @input=${(e: Event) => ((el.query = (e.currentTarget as HTMLInputElement).value), el.requestUpdate())}
              ></tk-text-field>
              <p role="status" class="count">${t('count', { shown: shown.length, total: all.length })}</p>
            </div>`
          : nothing}
        <ul class="cards" aria-label=${t('listLabel')}>
          ${shown.map((s) => card(el, s))}
        </ul>`;
    },
  });
  // A main account's admin acting on a sub-account: whose co-users these are, under the heading (the provider's banner scrolls away).
  const user = el.i18n.kit?.session?.user;
  const acting = user?.acting ? html`<p data-acting-for>${t('acting', { name: user.displayName, customerNumber: user.account?.customerNumber ?? '' })}</p>` : nothing;
  return html`${form.heading(t('title'))} ${acting} ${form.summary({})} ${body}`;
}
