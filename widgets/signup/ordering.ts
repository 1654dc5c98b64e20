import { html, nothing, type TemplateResult } from 'lit';
import { localeTag } from '../../contract/i18n.js';
import { legalDocumentNames, mandateConsent, mandateScheme, mandateText, orderButtonLabel, termsConsent } from '../../contract/legal.js';
import type { TariffInfo } from '../../contract/tenant.js';
import { formatDate, formatMoney } from '../core/i18n/index.js';
import '../primitives/summary.js';
import type { SummarySection } from '../primitives/summary.js';
import type { SignupKey } from './messages.js';
import { type AccountType, pathsOf, type StepId, type Values } from './model.js';
import { checkbox, invoiceAddress, type OrderingStep, type StepContext, text } from './steps.js';

/**
 * The signup's last steps, from the payment to the order (`tk-signup` loads this file, with the done screen,
 * while the step before the payment shows): the tariff with its price box, the payment method and the SEPA
 * mandate; the terms; the review (`renderReview`), the order button's label (`orderLabel`) and the order's
 * request body (`payload`).
 */
export const orderingSteps: Record<Exclude<OrderingStep, 'review'>, (c: StepContext) => TemplateResult> = {
  payment: (c) => {
    const type = c.values.accountType as AccountType;
    const offered = c.tenant.tariffs.filter((t) => t.accountTypes.includes(type));
    const sepa = c.values['payment.method'] === 'sepa';
    return html`<tk-radio-group
        name="tariffId"
        label=${c.t('tariff')}
        variant="cards"
        required
        .value=${String(c.values.tariffId ?? '')}
        .error=${c.errors.tariffId ?? ''}
        .options=${offered.map((t) => ({ value: t.id, label: c.t('tariff.option', { name: t.name, price: price(c, t.monthlyPriceCents, t) }), description: facts(c, t) }))}
      ></tk-radio-group>
      <tk-radio-group
        name="payment.method"
        label=${c.t('paymentMethod')}
        required
        .value=${String(c.values['payment.method'] ?? '')}
        .options=${[{ value: 'sepa', label: c.t('payment.sepa') }, { value: 'invoice', label: c.t('payment.invoice') }]}
      ></tk-radio-group>
      ${sepa
        ? html`${text(c, 'payment.accountHolder', 'accountHolder', { autocomplete: 'cc-name', maxlength: 70 })}
            ${text(c, 'payment.iban', 'iban', { autocomplete: 'off', maxlength: 42, hint: c.ibanDropped ? c.t('iban.dropped') : '' })} ${text(c, 'payment.bic', 'bic', { optional: true, maxlength: 11 })}
            <p class="mandate" id="mandate-text">${mandateText(c.locale, mandateScheme(type), c.tenant.name)}</p>
            ${checkbox(c, 'payment.mandateAccepted', mandateConsent(c.locale, mandateScheme(type)), c.t('payment.sepa'), 'mandate_required')}`
        : nothing}
      ${type === 'professional' ? invoiceAddress(c) : nothing}`;
  },

  terms: (c) => {
    const names = legalDocumentNames(c.locale);
    return checkbox(
      c,
      'terms.accepted',
      html`${termsConsent(c.locale, { terms: '\u0000', version: c.tenant.legal.termsVersion, privacy: '\u0001' })
        .split(/(\u0000|\u0001)/)
        .map((part) =>
          part === '\u0000'
            ? html`<a href=${c.tenant.legal.termsUrl} target="_blank" rel="noopener">${names.terms}</a>`
            : part === '\u0001'
              ? html`<a href=${c.tenant.legal.privacyUrl} target="_blank" rel="noopener">${names.privacy}</a>`
              : part,
        )}`,
      c.t('step.terms'),
      'terms_required',
    );
  },
};

/** The order button's label, by § 312j BGB: "zahlungspflichtig bestellen", or "Absenden" for a business. */
export const orderLabel = (c: StepContext, type: AccountType) => orderButtonLabel(c.locale, type);

/** In the review, above the order: the mandate wording once more, exactly as the BFF stores it. */
function reviewMandate(c: StepContext) {
  if (c.values['payment.method'] !== 'sepa') return nothing;
  const type = c.values.accountType as AccountType;
  return html`<p class="mandate" data-mandate-text>${mandateText(c.locale, mandateScheme(type), c.tenant.name)}</p>`;
}


const money = (c: StepContext, cents: number, t: TariffInfo) => formatMoney(cents, t.currency, c.locale);
const months = (c: StepContext, n: number) => c.t(new Intl.PluralRules(localeTag(c.locale)).select(n) === 'one' ? 'month' : 'months', { n });

/** A price as stored, VAT included; for a business, net and gross. */
function price(c: StepContext, cents: number, t: TariffInfo) {
  const rate = c.tenant.vatRate;
  return cents
    ? c.t(c.values.accountType === 'business' ? 'price.net' : 'price.gross', {
        gross: money(c, cents, t),
        net: money(c, Math.round((cents * 100) / (100 + rate)), t),
        rate: new Intl.NumberFormat(localeTag(c.locale), { style: 'percent', maximumFractionDigits: 1 }).format(rate / 100),
      })
    : money(c, 0, t);
}

function facts(c: StepContext, t: TariffInfo) {
  return c.t('tariff.facts', { term: months(c, t.minimumTermMonths), notice: months(c, t.noticePeriodMonths), fee: price(c, t.oneOffFeeCents, t) });
}

/**
 * The review: what was entered, step by step, each with "change" (`edit`), the mandate wording once more,
 * and the price box right above the order button.
 */
export function renderReview(c: StepContext, ids: StepId[], headingLevel: number, tariff: TariffInfo | undefined, edit: (step: string) => void) {
  return html`<tk-summary heading-level=${headingLevel} .sections=${reviewSections(c, ids)} @tk-summary-edit=${(e: { detail: { section: string } }) => edit(e.detail.section)}></tk-summary>
    ${reviewMandate(c)}
    ${tariff
      ? html`<div class="facts">
          <div class="facts-heading" role="heading" aria-level=${headingLevel} id="facts">${c.t('review.contract')}</div>
          <dl aria-labelledby="facts">${contractFacts(c, tariff).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
        </div>`
      : nothing}`;
}

/** The key contract facts, shown right above the order button: with a one-off fee, what the first month costs. */
function contractFacts(c: StepContext, t: TariffInfo): [string, string][] {
  const fee = t.oneOffFeeCents;
  return [
    [c.t('tariff'), t.name],
    [c.t('review.monthly'), price(c, t.monthlyPriceCents, t)],
    [c.t('review.oneOff'), fee ? price(c, fee, t) : c.t('review.none')],
    ...(fee ? ([[c.t('review.first'), price(c, t.monthlyPriceCents + fee, t)]] as [string, string][]) : []),
    [c.t('review.term'), months(c, t.minimumTermMonths)],
    [c.t('review.notice'), months(c, t.noticePeriodMonths)],
  ];
}

/** The review sections: what was entered, step by step, each with "change". */
function reviewSections(c: StepContext, ids: StepId[]): SummarySection[] {
  const v = (p: string) => String(c.values[p] ?? '');
  const addr = (prefix: string) => `${v(`${prefix}.address.street`)} ${v(`${prefix}.address.houseNumber`)}, ${v(`${prefix}.address.postalCode`)} ${v(`${prefix}.address.city`)}, ${c.t(`country.${v(`${prefix}.address.country`) || 'DE'}` as SignupKey)}`;
  const who = (prefix: string) => [v(`${prefix}.salutation`) && v(`${prefix}.salutation`) !== 'none' ? c.t(`salutation.${v(`${prefix}.salutation`)}` as SignupKey) : '', v(`${prefix}.title`), v(`${prefix}.firstName`), v(`${prefix}.lastName`)].filter(Boolean).join(' ');
  const sections: Record<string, [string, string][]> = {
    type: [[c.t('step.type'), c.t(`type.${v('accountType') || 'private'}` as SignupKey)]],
    person: [
      [c.t('review.name'), who('person')],
      [c.t('birthDate'), v('person.birthDate') ? formatDate(v('person.birthDate'), c.locale) : ''],
      [c.t('review.address'), addr('person')],
      [c.t('email'), v('person.email')],
      [c.t('mobile'), v('person.mobile')],
      ...(c.secondFactor ? [c.secondFactor.reviewRow(c)] : []),
    ],
    employer: [
      [c.t('employerName'), v('employer.name')],
      [c.t('review.address'), addr('employer')],
      [c.t('employerContact'), v('employer.contactName')],
    ],
    company: [
      [c.t('companyName'), v('company.name')],
      [c.t('legalForm'), c.t(`legalForm.${v('company.legalForm') || 'other'}` as SignupKey)],
      [c.t('review.address'), addr('company')],
      ...(c.values.separateInvoice ? ([[c.t('invoiceName'), `${v('invoiceAddress.name')}, ${addr('invoiceAddress')}`]] as [string, string][]) : []),
    ],
    contact: [
      [c.t('review.name'), who('contact')],
      [c.t('email'), v('contact.email')],
      [c.t('mobile'), v('contact.mobile')],
    ],
    payment: [
      [c.t('paymentMethod'), c.t(v('payment.method') === 'sepa' ? 'payment.sepa' : 'payment.invoice')],
      ...(v('payment.method') === 'sepa' ? ([[c.t('iban'), `${v('payment.iban').slice(0, 4)} … ${v('payment.iban').replace(/\s/g, '').slice(-4)}`]] as [string, string][]) : []),
      ...(c.values.accountType === 'professional' && c.values.separateInvoice ? ([[c.t('invoiceName'), `${v('invoiceAddress.name')}, ${addr('invoiceAddress')}`]] as [string, string][]) : []),
    ],
  };
  return ids
    .filter((id) => id in sections)
    .map((id) => ({ id, heading: c.t(`step.${id}` as SignupKey), items: sections[id]!.map(([label, value]) => ({ label, value })) }));
}

/** The order's request body: the chosen steps' paths as nested objects, empty optional fields left out. */
export function payload(steps: StepId[], v: Values, originPage: string): Record<string, unknown> {
  const out: Record<string, unknown> = { accountType: v.accountType, originPage };
  for (const step of steps) {
    for (const path of pathsOf(step, v)) {
      const value = v[path];
      if (value === undefined || value === '') continue;
      const keys = path.split('.');
      let node = out as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      node[keys.at(-1)!] = value;
    }
  }
  return out;
}
