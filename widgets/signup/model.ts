import type { AccountType } from '../../contract/enums.js';
import type { Country } from '../../contract/rules.js';
import type * as BankRules from '../../contract/iban.js';
import { isAdult, isMobile, isPostalCode, signupTextKind, textProblem, toE164 } from '../../contract/rules.js';
import type { WizardStep } from '../core/wizard.js';

export type { AccountType } from '../../contract/enums.js';

/** The IBAN and BIC rules (`contract/iban.ts`) come when the payment step shows, not with the page. */
let bankRules: typeof BankRules | undefined;
export async function loadBankRules(): Promise<void> {
  bankRules ??= await import('../../contract/iban.js');
}

/** The values of the form, by field path (`person.address.city`). */
export type Values = Record<string, string | boolean>;

export type StepId = 'type' | 'person' | 'employer' | 'company' | 'contact' | 'payment' | 'terms' | 'review';

const STEPS: Record<AccountType, StepId[]> = {
  private: ['type', 'person', 'payment', 'terms', 'review'],
  professional: ['type', 'person', 'employer', 'payment', 'terms', 'review'],
  business: ['type', 'company', 'contact', 'payment', 'terms', 'review'],
};

export function stepsFor(type: AccountType | undefined, preset: boolean): StepId[] {
  const steps = STEPS[type as AccountType] ?? STEPS.private;
  return preset ? steps.slice(1) : steps;
}

export const wizardSteps = (ids: StepId[], label: (id: StepId) => string): WizardStep[] => ids.map((id) => ({ id, label: label(id) }));

const ADDRESS = ['street', 'houseNumber', 'postalCode', 'city', 'country'];
const address = (prefix: string) => ADDRESS.map((f) => `${prefix}.address.${f}`);
const PERSON = ['salutation', 'title', 'firstName', 'lastName', 'birthDate', 'email', 'mobile', 'phone'].map((f) => `person.${f}`);

/** The paths each step owns; what is not listed for the chosen account type is not sent. */
export function pathsOf(step: StepId, v: Values): string[] {
  switch (step) {
    case 'type':
      return ['accountType'];
    case 'person':
      // `secondFactor`: how logins are confirmed (`second-factor.ts`, which also checks it against the mobile number).
      return [...PERSON, 'secondFactor', ...address('person')];
    case 'employer':
      return ['employer.name', 'employer.contactName', ...address('employer')];
    case 'company':
      return [
        'company.name',
        'company.legalForm',
        'company.vatId',
        'company.registerNumber',
        ...address('company'),
        ...(v.separateInvoice ? ['invoiceAddress.name', ...address('invoiceAddress')] : []),
      ];
    case 'contact':
      return ['salutation', 'firstName', 'lastName', 'email', 'mobile', 'phone'].map((f) => `contact.${f}`);
    case 'payment':
      return [
        'tariffId',
        'payment.method',
        ...(v['payment.method'] === 'sepa' ? ['payment.accountHolder', 'payment.iban', 'payment.bic', 'payment.mandateAccepted'] : []),
        ...(v.accountType === 'professional' && v.separateInvoice ? ['invoiceAddress.name', ...address('invoiceAddress')] : []),
      ];
    case 'terms':
      return ['terms.accepted', 'terms.version'];
    case 'review':
      return [];
  }
}

/**
 * The contract's rules on one step, before the server sees it: a field error code per path. The server
 * checks the same rules with the same codes.
 */
export function checkStep(step: StepId, v: Values, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const s = (p: string) => String(v[p] ?? '');
  const checkAddress = (prefix: string) => {
    const country = s(`${prefix}.address.country`) as Country;
    const code = s(`${prefix}.address.postalCode`);
    if (country && code && !isPostalCode(country, code)) errors[`${prefix}.address.postalCode`] = 'postal_code';
  };
  const checkPhones = (prefix: string, country: Country) => {
    const mobile = toE164(s(`${prefix}.mobile`), country);
    if (s(`${prefix}.mobile`) && (!mobile || !isMobile(mobile))) errors[`${prefix}.mobile`] = 'mobile_invalid';
    if (s(`${prefix}.phone`) && !toE164(s(`${prefix}.phone`), country)) errors[`${prefix}.phone`] = 'phone_invalid';
  };
  if (step === 'person') {
    checkAddress('person');
    checkPhones('person', (s('person.address.country') || 'DE') as Country);
    if (s('person.birthDate') && !isAdult(s('person.birthDate'), today)) errors['person.birthDate'] = 'underage';
  }
  if (step === 'employer') checkAddress('employer');
  if (step === 'company') {
    checkAddress('company');
    if (v.separateInvoice) checkAddress('invoiceAddress');
  }
  if (step === 'contact') checkPhones('contact', (s('company.address.country') || 'DE') as Country);
  // Free text (names, companies, addresses): no URLs, line breaks or invisible characters, as the BFF checks.
  for (const path of pathsOf(step, v)) {
    const kind = signupTextKind(path);
    const problem = kind && s(path) && textProblem(kind, s(path).trim());
    if (problem) errors[path] = problem;
  }
  if (step === 'payment' && v['payment.method'] === 'sepa') {
    // Without the rules yet (see `loadBankRules`), the BFF's check stands alone.
    const problem = s('payment.iban') && bankRules?.ibanProblem(s('payment.iban'));
    if (problem) errors['payment.iban'] = problem;
    if (s('payment.bic') && bankRules && !bankRules.isBic(s('payment.bic'))) errors['payment.bic'] = 'bic_invalid';
    if (v.accountType === 'professional' && v.separateInvoice) checkAddress('invoiceAddress');
  }
  return errors;
}

/**
 * Autofill puts the whole first address line ("Musterstraße 12a") into the street, the field with
 * `address-line1`: a house number at its end moves to the house number field while that is empty.
 */
export function splitHouseNumber(v: Values, path: string): Values {
  const house = path.replace(/street$/, 'houseNumber');
  const m = house !== path && !v[house] && /^(.*\D)\s+(\d\S*)$/.exec(String(v[path]));
  return m ? { ...v, [path]: m[1]!, [house]: m[2]! } : v;
}

/** What a tab keeps of a signup across reloads (sessionStorage): the values without the IBAN, and the step. */
export interface Draft {
  values: Values;
  index: number;
  /** An IBAN was entered and not kept. */
  iban: boolean;
}

export function loadDraft(key: string): Draft | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(key)!) ?? undefined;
  } catch {
    return undefined; // storage blocked (sandboxed frame) or not ours
  }
}

/** Stores the draft; `values` undefined drops it. The IBAN is never stored. */
export function saveDraft(key: string, values?: Values, index = 0): void {
  try {
    if (!values) return sessionStorage.removeItem(key);
    const { 'payment.iban': iban, ...kept } = values;
    sessionStorage.setItem(key, JSON.stringify({ values: kept, index, iban: Boolean(iban) } satisfies Draft));
  } catch {
    // storage blocked or full: the form works without
  }
}
