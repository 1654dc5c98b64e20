import { html, nothing } from 'lit';
import type { TariffInfo } from '../../contract/tenant.js';
import { formatDate } from '../core/i18n/index.js';
import '../primitives/summary.js';
import type { SummarySection } from '../primitives/summary.js';
import type { SignupKey } from './messages.js';
import type { StepId } from './model.js';
import { months, price, reviewMandate, type StepContext } from './steps.js';

/**
 * The review step, loaded while the step before it shows (`TkSignup.loadReview`): what was entered, step by
 * step, each with "change" (`edit`), the mandate wording once more, and the price box right above the order
 * button.
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
