import { html, nothing, type TemplateResult } from 'lit';
import type { Contract, ContractList, CredentialRotation } from '../../contract/contracts.js';
import { type ContractProduct, contractProducts, PRODUCT_NAMES } from '../../contract/credentials.js';
import { localeTag } from '../../contract/i18n.js';
import { TkApiError } from '../core/api.js';
import { loadFailure } from '../core/session-list.js';
import type { TkCredentialReset } from './credential-reset.js';
import type { CredentialResetKey } from './messages.js';

/**
 * What `<tk-credential-reset>` shows for each step: the contract overview (customer number, product, the
 * contracts as radio cards), the warning with the contact details and the consent, and where the credentials
 * went.
 */

/** "Musterstraße 1, 10115 Berlin": the site in one line (the country when not Germany). */
const addressText = (a: Contract['siteAddress']) => `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}${a.country === 'DE' ? '' : `, ${a.country}`}`;

/** "23.11.2026, 14:32 MEZ": when the next credentials are possible, date and time in the locale (German time, named). */
const when = (el: TkCredentialReset, iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat(localeTag(el.i18n.locale), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin', timeZoneName: 'short' }).format(new Date(iso))
    : '';

/** A text with a count: its `.one` or `.other` form by the locale's plural rules ("1 contract", "2 contracts"). */
const plural = (el: TkCredentialReset, key: 'filter' | 'done.remaining', n: number, params: Record<string, number> = {}) =>
  el.t(`${key}.${new Intl.PluralRules(localeTag(el.i18n.locale)).select(n) === 'one' ? 'one' : 'other'}`, { ...params, n });

/** Can be chosen now: eligible, with generations left in the 24 hours. */
const available = (c: Contract) => c.eligible && c.rotationsLeft > 0;

/** Available ones first, then those with none left, the ineligible after; each by site, then name. */
const rank = (c: Contract) => (available(c) ? 0 : c.eligible ? 1 : 2);
const byRank = (a: Contract, b: Contract) => rank(a) - rank(b) || a.siteName.localeCompare(b.siteName, 'de') || a.name.localeCompare(b.name, 'de');

/**
 * A masked e-mail address or mobile number ("m•••@…", "+49 151 •••••• 78") as seen, and read aloud without the
 * bullets: "m … @muster-hoertechnik.example, gekürzt", "+49 151 …, endet auf 78".
 */
export function masked(el: TkCredentialReset, value: string, kind: 'email' | 'mobile') {
  const [start = '', ...rest] = value.split(/•+/);
  if (!rest.length) return value;
  const spoken = el.t(`masked.${kind}`, { start: start.trim(), end: rest.join('…').trim() });
  return html`<span aria-hidden="true">${value}</span><span class="visually-hidden">${spoken}</span>`;
}

/** A sentence of the catalogue with a rendered part (a masked contact) in place of its `{name}`. */
function sentence(el: TkCredentialReset, key: CredentialResetKey, name: string, part: unknown, params: Record<string, string | number> = {}) {
  const [before, after] = el.t(key, { ...params, [name]: '\u0000' }).split('\u0000');
  return html`${before}${part}${after}`;
}

const ELIGIBLE: CredentialResetKey[] = ['eligible.1', 'eligible.2', 'eligible.3', 'eligible.4', 'eligible.5'];

/** A field error under its control, referenced by the control's `aria-describedby`. */
const fieldError = (id: string, message: string | undefined) => (message ? html`<p class="field-error" id=${id}>${message}</p>` : nothing);

/** One contract as a radio card: its name is the label; site, address, number and user name (and why not, when not) describe it. */
function contractCard(el: TkCredentialReset, c: Contract, invalid: boolean) {
  const t = el.t;
  const row = (term: string, value: string) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const open = available(c);
  const describedBy = `facts-${c.id}${open ? '' : ` reason-${c.id}`}${invalid ? ' contract-error' : ''}`;
  return html`<li class="card contract" part="card">
    <div class="choice">
      <input
        type="radio"
        id="c-${c.id}"
        name="contract"
        .value=${c.id}
        .checked=${el.contractId === c.id}
        ?disabled=${!open}
        aria-describedby=${describedBy}
        aria-invalid=${invalid ? 'true' : nothing}
        @change=${() => ((el.contractId = c.id), el.form.errors.contract && (el.form.errors = {}), el.requestUpdate())}
      />
      <label class="name" for="c-${c.id}">${c.name}<span class="visually-hidden"> – ${c.siteName}</span></label>
    </div>
    ${open
      ? nothing
      : html`<p class="reason" id="reason-${c.id}">
          <strong>${t('unavailable')}:</strong> ${c.eligible ? t('exhausted', { time: when(el, c.nextRotationAt) }) : t(`reason.${c.reason!}`)}
        </p>`}
    <dl id="facts-${c.id}">
      ${row(t('site'), c.siteName)} ${row(t('address'), addressText(c.siteAddress))} ${row(t('contractNumber'), c.contractNumber)}
      ${row(t('username'), c.pppoeUsername ?? t('none'))}
    </dl>
  </li>`;
}

/** A native `<select>` with its label (styled like the port orders' filter: the signup's controls stay off this page). */
function select(id: string, label: string, value: string, options: [string, string][], change: (value: string) => void) {
  return html`<div class="field">
    <label class="label" for=${id}>${label}</label>
    <select id=${id} name=${id} class="control" @change=${(e: Event) => change((e.currentTarget as HTMLSelectElement).value)}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

function overview(el: TkCredentialReset, list: ContractList) {
  const t = el.t;
  const accountId = list.accounts.some((a) => a.accountId === el.accountId) ? el.accountId : (list.accounts[0]?.accountId ?? '');
  const ofAccount = list.contracts.filter((c) => c.accountId === accountId);
  const products = contractProducts.filter((p) => ofAccount.some((c) => c.product === p));
  const product = products.includes(el.product as ContractProduct) ? el.product : '';
  const shown = ofAccount.filter((c) => !product || c.product === product).sort(byRank);
  const error = el.form.errors.contract;
  const choose = (account: string, p: string) => {
    el.accountId = account;
    el.product = p;
    // A choice no longer in view is no choice.
    if (!list.contracts.some((c) => c.id === el.contractId && c.accountId === account && (!p || c.product === p))) el.contractId = '';
    // Said once, politely, after the change (not on the first load): how many there are now, how many can be chosen.
    const now = list.contracts.filter((c) => c.accountId === account && (!p || c.product === p));
    el.filterStatus = plural(el, 'filter', now.length, { m: now.filter(available).length });
    el.requestUpdate();
  };
  if (list.contracts.length === 0) return html`<p class="empty">${t('empty')}</p>`;
  return html`<form novalidate @submit=${(e: Event) => el.next(e)}>
    <div class="selection" role="group" aria-labelledby="overview">
      <div class="section-title" role="heading" aria-level=${el.headingLevel + 1} id="overview">${t('overview')}</div>
      ${list.accounts.length > 1
        ? select('account', t('account'), accountId, list.accounts.map((a) => [a.accountId, `${a.customerNumber} – ${a.displayName}`]), (v) => choose(v, el.product))
        : html`<p><strong>${t('account')}:</strong> ${list.accounts[0]?.customerNumber} – ${list.accounts[0]?.displayName}</p>`}
      ${select('product', t('product'), product, [['', t('allProducts')], ...products.map((p): [string, string] => [p, PRODUCT_NAMES[p]])], (v) => choose(accountId, v))}
    </div>
    <fieldset class="contracts" aria-describedby=${error ? 'contract-error' : nothing}>
      <legend class="section-title">${t('contract')}</legend>
      ${fieldError('contract-error', error)}
      ${shown.length
        ? html`<ul class="cards" aria-label=${t('sites')}>
            ${shown.map((c) => contractCard(el, c, Boolean(error) && available(c)))}
          </ul>`
        : html`<p class="empty">${t('noContracts')}</p>`}
    </fieldset>
    <p role="status" class="visually-hidden" data-filter-status>${el.filterStatus}</p>
    <div class="actions"><tk-button type="submit">${t('next')}</tk-button></div>
  </form>`;
}

function list(el: TkCredentialReset) {
  const t = el.t;
  const body = el.load.render({
    pending: () => html`<p role="status" class="loading">${t('loading')}</p>`,
    error: (error) => loadFailure(el, error, t),
    complete: (value) => (value ? overview(el, value) : nothing),
  });
  // A login that may not do this reads so first, and who can; the intro after.
  const refused = el.load.error instanceof TkApiError && el.load.error.code === 'forbidden';
  return html`${el.form.heading(t('title'))} ${refused ? body : nothing} ${el.summary({ contract: t('contract') })}
    <p>${t('intro')}</p>
    <p>${t('intro.contact')}</p>
    <p>${t('intro.eligible')}</p>
    <ul class="eligible">
      ${ELIGIBLE.map((k) => html`<li>${t(k)}</li>`)}
    </ul>
    ${refused ? nothing : body}`;
}

function confirm(el: TkCredentialReset, c: Contract) {
  const t = el.t;
  const { form } = el;
  const contact = el.load.value?.contact;
  const change = el.profileUrl ? html`<a href=${el.profileUrl}>${t('change.link')}</a>` : nothing;
  // Without a mobile number (a passkey or an app confirms the logins) the PDF's code has nowhere to go.
  const noMobile = contact && !contact.mobile;
  return html`${form.heading(t('confirm.title', { name: c.name }))}
    <p>${t('confirm.contract', { site: c.siteName, number: c.contractNumber })}</p>
    ${el.summary({ consent: t('consentLabel') })}
    <div class="note" role="note" aria-labelledby="warning-title">
      <span class="note-icon" aria-hidden="true">!</span>
      <div>
        <p class="note-title" id="warning-title">${t('warningTitle')}</p>
        <p>${t('warning')}</p>
      </div>
    </div>
    <form novalidate @submit=${(e: Event) => el.generate(e)}>
      <p>${t('sendTo')}</p>
      <dl class="contact">
        <dt>${t('email')}</dt>
        <dd>${masked(el, contact?.email ?? '', 'email')}</dd>
        <dt>${t('mobile')}</dt>
        <dd>${noMobile ? t('noMobile') : masked(el, contact?.mobile ?? '', 'mobile')}</dd>
      </dl>
      ${noMobile
        ? html`<p data-mobile-needed>${t('mobileNeeded')} ${el.profileUrl ? html`<a href=${el.profileUrl}>${t('mobileNeeded.link')}</a>` : nothing}</p>
            <div class="actions"><tk-button variant="secondary" @click=${() => el.back()}>${t('back')}</tk-button></div>`
        : consentAndGenerate(el, html`<p>${t('change.text')} ${change}</p>`)}
    </form>`;
}

/** "Stimmen die Angaben nicht?", the consent and "generate". */
function consentAndGenerate(el: TkCredentialReset, change: TemplateResult) {
  const t = el.t;
  const { form } = el;
  const error = form.errors.consent;
  return html`${change}
      <div class="consent">
        <input
          type="checkbox"
          id="consent"
          name="consent"
          .checked=${form.values.consent === 'on'}
          aria-invalid=${error ? 'true' : nothing}
          aria-describedby=${error ? 'consent-error' : nothing}
          @change=${(e: Event) => {
            form.values = { consent: (e.currentTarget as HTMLInputElement).checked ? 'on' : '' };
            if (form.errors.consent) form.errors = {};
            el.requestUpdate();
          }}
        />
        <label for="consent">${t('consent')}</label>
      </div>
      ${fieldError('consent-error', error)}
      <div class="actions">
        <tk-button type="submit" ?busy=${form.submit.busy}>${t('generate')}</tk-button>
        <tk-button variant="secondary" @click=${() => el.back()}>${t('back')}</tk-button>
      </div>`;
}

/** How many more in the next 24 hours (one/other), or from when again. */
function remaining(el: TkCredentialReset, r: CredentialRotation) {
  const n = r.rotationsLeft;
  return n ? plural(el, 'done.remaining', n) : el.t('done.noneLeft', { time: when(el, r.nextRotationAt) });
}

function done(el: TkCredentialReset) {
  const t = el.t;
  const r = el.result!;
  return html`${el.form.heading(t('done.title'))}
    <p><strong>${t('done.sequence', { sequence: r.sequence })}</strong> ${sentence(el, 'done.email', 'email', masked(el, r.sentTo.email, 'email'))}</p>
    <p>${sentence(el, 'done.sms', 'mobile', masked(el, r.sentTo.mobile, 'mobile'))}</p>
    <p>${t('done.old')}</p>
    <p>${t('done.next')}</p>
    <ol class="eligible">
      <li>${t('done.step1')}</li>
      <li>${t('done.step2')}</li>
      <li>${t('done.step3')}</li>
    </ol>
    <p>${remaining(el, r)}</p>
    <div class="actions"><tk-button @click=${() => el.overview()}>${t('done.back')}</tk-button></div>`;
}

/** The step on screen (the warning without a chosen contract, or the result without one, fall back to the overview). */
export function renderStep(el: TkCredentialReset) {
  const step = el.form.step;
  const chosen = el.chosen;
  if (step === 'confirm' && chosen) return confirm(el, chosen);
  if (step === 'done' && el.result) return done(el);
  return list(el);
}
