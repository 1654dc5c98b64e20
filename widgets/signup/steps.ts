import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../contract/enums.js';
import { countries } from '../../contract/rules.js';
import { legalForms, salutations } from '../../contract/enums.js';
import type { TenantConfig } from '../../contract/tenant.js';
import { type AccountType, type StepId, type Values } from './model.js';
import { type SignupKey, st } from './messages.js';

/** The steps `ordering.ts` renders: loaded while the step before the payment shows. */
export type OrderingStep = 'payment' | 'terms' | 'review';

/** What the step render functions need from the element. */
export interface StepContext {
  locale: Locale;
  values: Values;
  errors: Record<string, string>;
  tenant: TenantConfig;
  t: (key: SignupKey, params?: Record<string, string | number>) => string;
  /** The choice how logins are confirmed and its review, once its chunk is there (`second-factor.ts`; private and professional). */
  secondFactor?: typeof import('./second-factor.js');
  /** A draft was restored without its IBAN (it is never stored): the IBAN field says so. */
  ibanDropped?: boolean;
}

type FieldOptions = { optional?: boolean; autocomplete?: string; type?: string; inputmode?: string; hint?: string; maxlength?: number; label?: string };

export function text(c: StepContext, path: string, key: SignupKey, o: FieldOptions = {}) {
  return html`<tk-text-field
    name=${path}
    label=${o.label ?? c.t(key)}
    hint=${o.hint ?? ''}
    .value=${String(c.values[path] ?? '')}
    .error=${c.errors[path] ?? ''}
    ?required=${!o.optional}
    type=${o.type ?? 'text'}
    autocomplete=${o.autocomplete ?? 'off'}
    inputmode=${o.inputmode ?? nothing}
    maxlength=${o.maxlength ?? nothing}
  ></tk-text-field>`;
}

function select(c: StepContext, path: string, key: SignupKey, options: { value: string; label: string }[], autocomplete?: string) {
  return html`<tk-select
    name=${path}
    label=${c.t(key)}
    .options=${options}
    .value=${String(c.values[path] ?? '')}
    .error=${c.errors[path] ?? ''}
    required
    autocomplete=${autocomplete ?? nothing}
  ></tk-select>`;
}

/** A required one names itself in the error summary by `label` and says how to fix it by `code`. */
export function checkbox(c: StepContext, path: string, content: TemplateResult | string, label?: string, code?: string) {
  return html`<tk-checkbox name=${path} label=${label ?? ''} required-code=${code ?? nothing} .checked=${Boolean(c.values[path])} .error=${c.errors[path] ?? ''} ?required=${Boolean(code)}>${content}</tk-checkbox>`;
}

function address(c: StepContext, prefix: string, section: string) {
  // Autofill sections: '' for the person's own address, `section-…` for others, `billing` for invoices.
  const ac = (f: string) => (section ? `${section} ${f}` : f);
  return html`<div class="row">
      ${text(c, `${prefix}.address.street`, 'street', { autocomplete: ac('address-line1'), maxlength: 100 })}
      ${text(c, `${prefix}.address.houseNumber`, 'houseNumber', { autocomplete: 'off', maxlength: 20 })}
    </div>
    <div class="row">
      ${text(c, `${prefix}.address.postalCode`, 'postalCode', { autocomplete: ac('postal-code'), inputmode: 'numeric', maxlength: 5 })}
      ${text(c, `${prefix}.address.city`, 'city', { autocomplete: ac('address-level2'), maxlength: 100 })}
    </div>
    ${select(c, `${prefix}.address.country`, 'country', countries.map((k) => ({ value: k, label: c.t(`country.${k}`) })), ac('country'))}`;
}

function salutation(c: StepContext, path: string) {
  return select(c, path, 'salutation', salutations.map((s) => ({ value: s, label: c.t(`salutation.${s}`) })), 'honorific-prefix');
}

/** A person may go without a mobile number (no SMS code then): the check says so at the field (`second-factor.ts` `check`). */
function contactFields(c: StepContext, prefix: string) {
  const person = prefix === 'person';
  return html`${text(c, `${prefix}.email`, 'email', { type: 'email', autocomplete: 'email', hint: c.t('email.hint'), maxlength: 254 })}
  ${person ? c.secondFactor?.renderChoice(c) : nothing}
  ${text(c, `${prefix}.mobile`, 'mobile', { type: 'tel', autocomplete: 'tel', hint: c.t('mobile.hint'), maxlength: 30, optional: person })}
  ${text(c, `${prefix}.phone`, 'phone', { type: 'tel', optional: true, autocomplete: 'off', maxlength: 30 })}`;
}

/** The steps before the payment; the payment, the terms and the review are in `ordering.ts`. */
export const steps: Record<Exclude<StepId, OrderingStep>, (c: StepContext) => TemplateResult> = {
  type: (c) => html`<tk-radio-group
    name="accountType"
    variant="cards"
    label=${c.t('type.label')}
    required
    .value=${String(c.values.accountType ?? '')}
    .options=${(['private', 'professional', 'business'] as AccountType[]).map((v) => ({ value: v, label: c.t(`type.${v}`), description: c.t(`type.${v}.hint`) }))}
  ></tk-radio-group>`,

  person: (c) => html`${salutation(c, 'person.salutation')}
    ${text(c, 'person.title', 'personTitle', { optional: true, autocomplete: 'honorific-suffix', maxlength: 40 })}
    <div class="row">
      ${text(c, 'person.firstName', 'firstName', { autocomplete: 'given-name', maxlength: 100 })}
      ${text(c, 'person.lastName', 'lastName', { autocomplete: 'family-name', maxlength: 100 })}
    </div>
    <tk-date-field name="person.birthDate" label=${c.t('birthDate')} required autocomplete-section="bday" .value=${String(c.values['person.birthDate'] ?? '')} .error=${c.errors['person.birthDate'] ?? ''}></tk-date-field>
    ${address(c, 'person', '')} ${contactFields(c, 'person')}`,

  employer: (c) => html`${text(c, 'employer.name', 'employerName', { autocomplete: 'organization', maxlength: 150 })}
    ${address(c, 'employer', 'section-employer')}
    ${text(c, 'employer.contactName', 'employerContact', { autocomplete: 'off', maxlength: 150 })}`,

  company: (c) => html`${text(c, 'company.name', 'companyName', { autocomplete: 'organization', maxlength: 150 })}
    ${select(c, 'company.legalForm', 'legalForm', legalForms.map((f) => ({ value: f, label: c.t(`legalForm.${f}`) })))}
    <div class="row">
      ${text(c, 'company.vatId', 'vatId', { optional: true, maxlength: 20 })} ${text(c, 'company.registerNumber', 'registerNumber', { optional: true, maxlength: 40 })}
    </div>
    ${address(c, 'company', 'section-company')} ${invoiceAddress(c)}`,

  contact: (c) => html`${salutation(c, 'contact.salutation')}
    <div class="row">
      ${text(c, 'contact.firstName', 'firstName', { autocomplete: 'given-name', maxlength: 100 })}
      ${text(c, 'contact.lastName', 'lastName', { autocomplete: 'family-name', maxlength: 100 })}
    </div>
    ${contactFields(c, 'contact')}`,

};

export function invoiceAddress(c: StepContext) {
  return html`${checkbox(c, 'separateInvoice', c.t('separateInvoice'))}
  ${c.values.separateInvoice
    ? html`<fieldset class="group">
        <legend>${c.t('invoiceName')}</legend>
        ${text(c, 'invoiceAddress.name', 'invoiceName', { autocomplete: 'off', maxlength: 150 })} ${address(c, 'invoiceAddress', 'billing')}
      </fieldset>`
    : nothing}`;
}
