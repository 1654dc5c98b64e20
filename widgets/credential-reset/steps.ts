import { html, nothing } from 'lit';
import type { Contract, ContractList } from '../../contract/contracts.js';
import { type ContractProduct, contractProducts, PRODUCT_NAMES } from '../../contract/credentials.js';
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

const ELIGIBLE: CredentialResetKey[] = ['eligible.1', 'eligible.2', 'eligible.3', 'eligible.4', 'eligible.5'];

/** A field error under its control, referenced by the control's `aria-describedby`. */
const fieldError = (id: string, message: string | undefined) => (message ? html`<p class="field-error" id=${id}>${message}</p>` : nothing);

/** One contract as a radio card: its name is the label; site, address, number and user name (and why not, when not) describe it. */
function contractCard(el: TkCredentialReset, c: Contract, invalid: boolean) {
  const t = el.t;
  const row = (term: string, value: string) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const describedBy = `facts-${c.id}${c.eligible ? '' : ` reason-${c.id}`}${invalid ? ' contract-error' : ''}`;
  return html`<li class="card contract" part="card">
    <div class="choice">
      <input
        type="radio"
        id="c-${c.id}"
        name="contract"
        .value=${c.id}
        .checked=${el.contractId === c.id}
        ?disabled=${!c.eligible}
        aria-describedby=${describedBy}
        aria-invalid=${invalid ? 'true' : nothing}
        @change=${() => ((el.contractId = c.id), el.form.errors.contract && (el.form.errors = {}), el.requestUpdate())}
      />
      <label class="name" for="c-${c.id}">${c.name}</label>
    </div>
    ${c.eligible ? nothing : html`<p class="reason" id="reason-${c.id}"><strong>${t('unavailable')}:</strong> ${t(`reason.${c.reason!}`)}</p>`}
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
  const shown = ofAccount.filter((c) => !product || c.product === product);
  const error = el.form.errors.contract;
  const choose = (account: string, p: string) => {
    el.accountId = account;
    el.product = p;
    // A choice no longer in view is no choice.
    if (!list.contracts.some((c) => c.id === el.contractId && c.accountId === account && (!p || c.product === p))) el.contractId = '';
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
            ${shown.map((c) => contractCard(el, c, Boolean(error) && c.eligible))}
          </ul>`
        : html`<p class="empty">${t('noContracts')}</p>`}
    </fieldset>
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
  return html`${el.form.heading(t('title'))} ${el.summary({ contract: t('contract') })}
    <p>${t('intro')}</p>
    <p>${t('intro.contact')}</p>
    <p>${t('intro.eligible')}</p>
    <ul class="eligible">
      ${ELIGIBLE.map((k) => html`<li>${t(k)}</li>`)}
    </ul>
    ${body}`;
}

function confirm(el: TkCredentialReset, c: Contract) {
  const t = el.t;
  const { form } = el;
  const contact = el.load.value?.contact;
  const error = form.errors.consent;
  const change = el.profileUrl ? html`<a href=${el.profileUrl}>${t('change.link')}</a>` : nothing;
  return html`${form.heading(t('confirm.title', { name: c.name }))}
    <p>${t('confirm.contract', { site: c.siteName, number: c.contractNumber })}</p>
    ${el.summary({ consent: t('consentLabel') })}
    <tk-alert variant="warning" heading=${t('warningTitle')}><p>${t('warning')}</p></tk-alert>
    <form novalidate @submit=${(e: Event) => el.generate(e)}>
      <p>${t('sendTo')}</p>
      <dl class="contact">
        <dt>${t('email')}</dt>
        <dd>${contact?.email}</dd>
        <dt>${t('mobile')}</dt>
        <dd>${contact?.mobile}</dd>
      </dl>
      <p>${t('change.text')} ${change}</p>
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
      </div>
    </form>`;
}

function done(el: TkCredentialReset) {
  const t = el.t;
  const r = el.result!;
  return html`${el.form.heading(t('done.title'))}
    <p>${t('done.email', { email: r.sentTo.email })}</p>
    <p>${t('done.sms', { mobile: r.sentTo.mobile })}</p>
    <p>${t('done.old')}</p>
    <p>${t('done.next')}</p>
    <ol class="eligible">
      <li>${t('done.step1')}</li>
      <li>${t('done.step2')}</li>
      <li>${t('done.step3')}</li>
    </ol>
    <p>${r.remainingToday ? t('done.remaining', { n: r.remainingToday }) : t('done.noneLeft')}</p>
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
