import { html, nothing, type TemplateResult } from 'lit';
import { isLoginName, suggestLoginName } from '../../contract/login-name.js';
import type { PortOrder } from '../../contract/port-orders.js';
import { type Licence, licences, proRataCents } from '../../contract/porting.js';
import { formatDate, formatMoney } from '../core/i18n/index.js';
import type { PortingKey } from './messages.js';
import type { PortingCompleteDetail, TkPorting, WorkplaceRow } from './porting.js';
import { portingStepsMessages, type PortingStepsKey } from './steps.messages.js';
import { spaced } from './number-format.js';

export { portingStepsMessages };

/*
 * Texts and parts of the wizard's frame that only later steps need (their German stays out of the page).
 */
/** "Später weitermachen": up to which step the draft is saved. */
export const laterSaved = (host: TkPorting, step: string): string => portingStepsMessages.t(host.currentLocale, 'laterSaved', { step });
/** The submission refused: no temporary numbers free. */
export const poolEmpty = (host: TkPorting): string => portingStepsMessages.t(host.currentLocale, 'poolEmpty');

/** An order sent back: the provider's question (the comment of the last change to `clarification_needed`) at the top of every step. */
export function renderClarification(host: TkPorting): TemplateResult | typeof nothing {
  const order = host.order;
  if (order?.status !== 'clarification_needed') return nothing;
  const t = texts(host);
  const question = order.history.filter((h) => h.to === 'clarification_needed').at(-1)?.comment ?? '';
  return html`<tk-alert variant="warning" heading=${t('clarification')} data-clarification><p>${question}</p><p>${t('clarificationHelp')}</p></tk-alert>`;
}

const own = portingStepsMessages.texts('de');
/** A text of these steps' catalogue, or of the widget's (field names shared with the first steps). */
const texts =
  (host: TkPorting) =>
  (key: PortingStepsKey | PortingKey, params?: Record<string, string | number>): string =>
    Object.hasOwn(own, key) ? portingStepsMessages.t(host.currentLocale, key as PortingStepsKey, params) : host.t(key as PortingKey, params);

/*
 * `tk-porting`'s later steps (the `porting-steps` chunk, fetched from the numbers step on): the workplaces
 * with login-name suggestions (the transliteration tables come with this module only), the price preview,
 * the review with "Ändern", and the success state.
 */

/** Without look-alikes (no 0/O, 1/l/I). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A password suggestion: 18 characters drawn evenly from `ALPHABET` (crypto.getRandomValues, no modulo bias). */
export function suggestPassword(length = 18): string {
  let out = '';
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

const newRow = (): WorkplaceRow => ({ displayName: '', loginName: '', loginEdited: false, password: suggestPassword(), passwordSet: false, show: false, licence: 'apps' });

/** At least one row; a support login without a saved password gets a suggestion. */
export function ensureRows(host: TkPorting): void {
  if (host.rows.length === 0) host.rows = [newRow()];
  if (!host.support.passwordSet && !host.support.password) host.support = { ...host.support, password: suggestPassword() };
}

/** Every login of the order (rows and support), lower case, but the one at `except`. */
function takenLogins(host: TkPorting, except: number | 'support'): string[] {
  const names = host.rows.map((r, i) => (i === except ? '' : r.loginName.trim().toLowerCase()));
  if (except !== 'support') names.push(host.support.loginName.trim().toLowerCase());
  return names.filter(Boolean);
}

/** What is wrong with a login as typed: its form, or a login used twice in the order (case-insensitive). */
function loginProblem(host: TkPorting, value: string, at: number | 'support'): string {
  const v = value.trim();
  if (!v) return '';
  if (!isLoginName(v)) return texts(host)('loginNameInvalid');
  return takenLogins(host, at).includes(v.toLowerCase()) ? texts(host)('loginNameTaken') : '';
}

/** A password typed: 12 to 128 characters (empty: the saved one stays). */
const passwordProblem = (host: TkPorting, value: string): string =>
  value && value.length < 12 ? texts(host)('passwordShort') : value.length > 128 ? texts(host)('passwordLong') : '';

/** The workplaces' problems by field path (the wizard puts them at their fields and into the summary). */
export function checkWorkplaces(host: TkPorting): Record<string, string> {
  const problems: Record<string, string> = {};
  host.rows.forEach((r, i) => {
    const login = loginProblem(host, r.loginName, i);
    if (login) problems[`workplaces.rows.${i}.loginName`] = login;
    const password = passwordProblem(host, r.password);
    if (password) problems[`workplaces.rows.${i}.password`] = password;
  });
  const support = loginProblem(host, host.support.loginName, 'support');
  if (support) problems['workplaces.supportLogin.loginName'] = support;
  const password = passwordProblem(host, host.support.password);
  if (password) problems['workplaces.supportLogin.password'] = password;
  return problems;
}

function update(host: TkPorting, i: number, change: Partial<WorkplaceRow>): void {
  host.rows = host.rows.map((r, n) => (n === i ? { ...r, ...change } : r));
  host.requestUpdate();
}

/** A new display name suggests the login, until the agent typed one. */
function onDisplayName(host: TkPorting, i: number, value: string): void {
  const row = host.rows[i]!;
  const change: Partial<WorkplaceRow> = { displayName: value };
  if (!row.loginEdited) change.loginName = suggestLoginName(value, takenLogins(host, i)) ?? '';
  host.clearError(`workplaces.rows.${i}.displayName`);
  host.clearError(`workplaces.rows.${i}.loginName`);
  update(host, i, change);
}

const valueOf = (e: Event) => String((e.currentTarget as HTMLElement & { value: string }).value ?? '');

async function addRow(host: TkPorting): Promise<void> {
  host.rows = [...host.rows, newRow()];
  await host.say(texts(host)('rowAdded', { n: host.rows.length }));
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(`[name="workplaces.rows.${host.rows.length - 1}.displayName"]`)?.focus();
}

async function removeRow(host: TkPorting, i: number): Promise<void> {
  host.rows = host.rows.filter((_, n) => n !== i);
  // Errors of later rows move up with them.
  host.errors = Object.fromEntries(
    Object.entries(host.errors).flatMap(([path, message]) => {
      const m = /^workplaces\.rows\.(\d+)\.(.+)$/.exec(path);
      if (!m) return [[path, message]];
      const n = Number(m[1]);
      return n === i ? [] : [[`workplaces.rows.${n > i ? n - 1 : n}.${m[2]}`, message]];
    }),
  );
  await host.say(texts(host)('rowRemoved'));
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(`[name="workplaces.rows.${Math.min(i, host.rows.length - 1)}.displayName"]`)?.focus();
}

/** A password: saved (not shown again, "set a new one") or a field with "Anzeigen". */
function password(host: TkPorting, path: string, label: string, value: { password: string; passwordSet: boolean; show: boolean }, set: (change: Partial<WorkplaceRow>) => void): TemplateResult {
  if (value.passwordSet && !value.password) {
    return html`<p class="saved">${label}: ${texts(host)('passwordSaved')}</p>
      <tk-button variant="secondary" @click=${() => set({ password: suggestPassword(), show: true })}>${texts(host)('passwordNew')}</tk-button>`;
  }
  return html`<div class="password">
    <tk-text-field
      name=${path}
      label=${label}
      hint=${texts(host)('passwordHint')}
      type=${value.show ? 'text' : 'password'}
      autocomplete="new-password"
      spellcheck="false"
      ?required=${!value.passwordSet}
      .value=${value.password}
      .error=${host.errors[path] ?? ''}
      @input=${(e: Event) => (host.clearError(path), set({ password: valueOf(e) }))}
    ></tk-text-field>
    <tk-button variant="secondary" .pressed=${value.show} @click=${() => set({ show: !value.show })}>${texts(host)('show')}</tk-button>
  </div>`;
}

export function renderWorkplaces(host: TkPorting): TemplateResult {
  const t = texts(host);
  const support = host.support;
  const setSupport = (change: Partial<WorkplaceRow>) => {
    host.support = { ...host.support, ...change };
    host.requestUpdate();
  };
  return html`<p>${t('workplaces.intro')}</p>
    ${host.rows.map((row, i) => {
      const p = `workplaces.rows.${i}`;
      const n = i + 1;
      return html`<fieldset class="group" data-row=${i}>
        <legend>${t('workplaces.row', { n })}</legend>
        <tk-text-field
          name="${p}.displayName"
          label=${t('displayName')}
          hint=${t('displayNameHint')}
          autocomplete="off"
          required
          .value=${row.displayName}
          .error=${host.errors[`${p}.displayName`] ?? ''}
          @input=${(e: Event) => onDisplayName(host, i, valueOf(e))}
        ></tk-text-field>
        <tk-text-field
          name="${p}.loginName"
          label=${t('loginName')}
          hint=${t('loginNameHint')}
          autocomplete="off"
          spellcheck="false"
          required
          .value=${row.loginName}
          .error=${host.errors[`${p}.loginName`] || loginProblem(host, row.loginName, i)}
          @input=${(e: Event) => (host.clearError(`${p}.loginName`), update(host, i, { loginName: valueOf(e), loginEdited: true }))}
        ></tk-text-field>
        ${password(host, `${p}.password`, t('password'), row, (c) => update(host, i, c))}
        <tk-radio-group
          name="${p}.licence"
          label=${t('licence')}
          variant="cards"
          required
          .value=${row.licence}
          .options=${licences.map((l) => ({ value: l, label: t(`licence.${l}`), hint: t(`licence.${l}.hint`) }))}
          @change=${(e: Event) => update(host, i, { licence: valueOf(e) as Licence })}
        ></tk-radio-group>
        ${host.rows.length > 1 ? html`<tk-button variant="secondary" @click=${() => removeRow(host, i)}>${t('removeRow', { n })}</tk-button>` : nothing}
      </fieldset>`;
    })}
    <tk-button variant="secondary" @click=${() => addRow(host)}>${t('addRow')}</tk-button>
    <fieldset class="group">
      <legend>${t('support')}</legend>
      <p>${t('supportHint')}</p>
      <tk-text-field
        name="workplaces.supportLogin.loginName"
        label=${t('supportLogin')}
        hint=${t('loginNameHint')}
        autocomplete="off"
        spellcheck="false"
        required
        .value=${support.loginName}
        .error=${host.errors['workplaces.supportLogin.loginName'] || loginProblem(host, support.loginName, 'support')}
        @input=${(e: Event) => (host.clearError('workplaces.supportLogin.loginName'), setSupport({ loginName: valueOf(e) }))}
      ></tk-text-field>
      ${password(host, 'workplaces.supportLogin.password', t('supportPassword'), support, setSupport)}
    </fieldset>
    ${renderPrice(host)}`;
}

/** The price now: the product, the licences per type, the monthly total, the first month by day from the start date. */
export function renderPrice(host: TkPorting): TemplateResult | typeof nothing {
  const o = host.options;
  const product = o?.products.find((p) => p.id === host.values['subscription.tariffId']);
  if (!o || !product) return nothing;
  const money = (cents: number) => formatMoney(cents, product.currency, host.currentLocale);
  const lines = [
    { name: product.name, quantity: 1, cents: product.monthlyPriceCents },
    ...o.licences
      .map((l) => ({ name: texts(host)(`licence.${l.licence}`), quantity: host.rows.filter((r) => r.licence === l.licence).length, cents: l.monthlyPriceCents }))
      .filter((l) => l.quantity > 0),
  ];
  const total = lines.reduce((sum, l) => sum + l.quantity * l.cents, 0);
  const start = host.values['subscription.startDate'];
  let first: TemplateResult | typeof nothing = nothing;
  if (start && /^\d{4}-\d{2}-\d{2}$/.test(start)) {
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    first = html`<tr>
      <th scope="row">${texts(host)('price.firstMonth', { days: daysInMonth - d + 1, daysInMonth })}</th>
      <td class="amount">${money(proRataCents(total, start))}</td>
    </tr>`;
  }
  const rate = new Intl.NumberFormat(host.currentLocale, { maximumFractionDigits: 2 }).format(o.vatRateBp / 100);
  return html`<section class="price" aria-labelledby="price-title" data-price>
    <p class="section-title" id="price-title">${texts(host)('price')}</p>
    <table>
      <tbody>
        ${lines.map((l) => html`<tr><td>${texts(host)('price.line', { quantity: l.quantity, name: l.name })}</td><td class="amount">${money(l.quantity * l.cents)}</td></tr>`)}
      </tbody>
      <tfoot>
        <tr><th scope="row">${texts(host)('price.monthly')}</th><td class="amount">${money(total)}</td></tr>
        ${first}
      </tfoot>
    </table>
    <p>${texts(host)('price.vat', { rate })}</p>
  </section>`;
}

/** A review section: its title (a heading one level below), "Ändern" (back to its step), its facts. */
function section(host: TkPorting, id: string, title: string, body: TemplateResult): TemplateResult {
  return html`<section class="section" data-section=${id}>
    <div class="section-head">
      <div role="heading" aria-level=${host.headingLevel + 1} class="section-title">${title}</div>
      <tk-button variant="secondary" @click=${() => host.wizard.edit(id)}>${texts(host)('change')}<span class="visually-hidden"> (${title})</span></tk-button>
    </div>
    ${body}
  </section>`;
}

/** A term and its value (nothing when there is no value). */
const fact = (term: string, value: unknown) => (value === undefined || value === null || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);

/** Everything entered, step by step, each with "Ändern". */
export function renderReview(host: TkPorting): TemplateResult {
  const t = texts(host);
  const order = host.order;
  const c = order?.customer;
  const product = host.options?.products.find((p) => p.id === host.values['subscription.tariffId']);
  const start = host.values['subscription.startDate'];
  const n = order?.numbers;
  const lines = n?.lines ?? [];
  const country = (code: string) => host.t(`country.${code}` as PortingKey);
  const provider =
    n?.currentProvider && n.currentProvider !== 'unknown'
      ? (host.options?.providers[n.country]?.find((p) => p.code === n.currentProvider)?.name ?? n.currentProvider)
      : n?.currentProvider
        ? t('review.providerUnknown')
        : undefined;
  const timing = n?.timing === 'asap' ? t('review.asap') : n?.portingDate ? t('review.at', { date: formatDate(n.portingDate, host.currentLocale), time: n.portingTime ?? '' }) : undefined;
  return html`<p>${t('review.intro')}</p>
    ${section(
      host,
      'customer',
      t('review.customer'),
      c
        ? html`<dl>
            <dt>${t('companyName')}</dt><dd>${c.companyName}</dd>
            <dt>${t('street')}</dt><dd>${c.street}, ${c.postalCode} ${c.city}, ${country(c.country)}</dd>
            <dt>${t('contactName')}</dt><dd>${c.contactName}</dd>
            <dt>${t('invoiceEmail')}</dt><dd>${c.invoiceEmail}</dd>
            <dt>${t('phone')}</dt><dd>${c.phone}</dd>
            ${c.uid ? html`<dt>UID</dt><dd>${c.uid}</dd>` : nothing}
          </dl>`
        : html`<p>${t('review.none')}</p>`,
    )}
    ${section(
      host,
      'subscription',
      t('review.subscription'),
      html`<dl>
        <dt>${t('product')}</dt><dd>${product?.name ?? t('review.none')}</dd>
        <dt>${t('startDate')}</dt><dd>${start ? formatDate(start, host.currentLocale) : t('review.none')}</dd>
      </dl>`,
    )}
    ${section(
      host,
      'numbers',
      t('review.numbers'),
      html`<dl data-numbers-facts>
          ${fact(t('review.country'), n && country(n.country))}
          <dt>${t('review.list')}</dt>
          <dd>
            ${lines.length
              ? html`<ul class="plain" data-numbers>
                  ${lines.map((l) => html`<li>${l.range ? t('review.block', { input: l.input, first: spaced(l.range.first), last: spaced(l.range.last), size: l.range.size }) : spaced(l.e164 ?? l.input)}</li>`)}
                </ul>`
              : t('review.none')}
          </dd>
          ${fact(t('review.newNumbers'), n?.newNumbers || undefined)}
          ${fact(t('review.provider'), provider)}
          ${fact(t('review.account'), n?.currentProviderAccount)}
          ${fact(t('review.signing'), n?.signing && t(`review.signing.${n.signing}`))}
          ${n?.signers.length
            ? html`<dt>${t('review.signers')}</dt>
                <dd><ul class="plain">${n.signers.map((s) => html`<li>${s.name}, ${s.role}</li>`)}</ul></dd>`
            : nothing}
          ${fact(t('review.timing'), timing)}
          ${fact(t('review.shared'), n?.sharedContract === null || n?.sharedContract === undefined ? undefined : t(n.sharedContract ? 'review.yes' : 'review.no'))}
          ${fact(
            t('review.scope'),
            n?.scope && html`${t(`review.scope.${n.scope}`)}${n.scope === 'full' ? html`<br />${t(n.fullPortAcknowledged ? 'review.acknowledged' : 'review.notAcknowledged')}` : nothing}`,
          )}
          ${fact(t('review.note'), n?.note)}
        </dl>
        <p class="note" data-temporary>${t('review.temporary', { count: lines.length })}</p>`,
    )}
    ${section(
      host,
      'workplaces',
      t('review.workplaces'),
      html`<ul class="plain">
          ${host.rows.map((r) => html`<li>${r.displayName} (${r.loginName}), ${t(`licence.${r.licence}`)}</li>`)}
          ${host.support.loginName ? html`<li>${t('supportLogin')}: ${host.support.loginName}</li>` : nothing}
        </ul>`,
    )}
    ${renderPrice(host)}`;
}

/** "Auftrag ansehen": a link with `order-url`, else a button that fires `tk-open-order`. */
function viewOrder(host: TkPorting, id: string): TemplateResult {
  const t = texts(host);
  return host.orderUrl
    ? html`<tk-button href=${host.orderUrl.replace('{id}', encodeURIComponent(id))}>${t('view')}</tk-button>`
    : html`<tk-button @click=${() => host.openOrder(id)}>${t('view')}</tk-button>`;
}

/** An order opened that can no longer be edited: its status in words and the way to it. */
export function renderLocked(host: TkPorting, order: PortOrder): TemplateResult {
  return html`${host.heading(host.t('title'))}
    <p data-locked>${texts(host)('locked', { reference: order.reference, status: order.statusText })}</p>
    <div class="actions">${viewOrder(host, order.id)}</div>`;
}

/** After the submission: what happens next, the temporary numbers, the reference, and the ways on. */
export function renderDone(host: TkPorting, done: PortingCompleteDetail): TemplateResult {
  const t = texts(host);
  const { order } = done;
  const given = order.numbers.lines.filter((l) => l.temporaryNumber);
  return html`${host.heading(t(done.action === 'resubmitted' ? 'done.resubmitted' : 'done.title'))}
    <tk-alert variant="success"><p>${t('done.reference', { reference: order.reference })}</p></tk-alert>
    <p>${t('done.next')}</p>
    ${given.length
      ? html`<p class="section-title">${t('done.temporary')}</p>
          <dl data-temporary>${given.map((l) => html`<dt>${l.range ? `${l.range.first} – ${l.range.last}` : (l.e164 ?? l.input)}</dt><dd>${l.temporaryNumber}</dd>`)}</dl>`
      : nothing}
    <div class="actions">
      ${viewOrder(host, order.id)}
      <tk-button variant="secondary" @click=${() => host.startOver()}>${t('done.new')}</tk-button>
    </div>`;
}
