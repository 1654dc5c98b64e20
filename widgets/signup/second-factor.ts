import { html } from 'lit';
import type { Locale } from '../../contract/enums.js';
import { type SecondFactorKey, secondFactorMessages } from './second-factor.messages.js';
import type { StepId, Values } from './model.js';
import type { StepContext } from './steps.js';

/** Whether the texts of `locale` are there. */
export const loaded = (locale: Locale) => secondFactorMessages.has(locale);
/** Loads the texts of `locale` (a missing file leaves German). */
export const load = (locale: Locale) => secondFactorMessages.load(locale).catch(() => undefined);

/** The contract's `setupFactors`, without importing the contract's schemas here. */
const choices = ['sms', 'passkey', 'totp'] as const;
type Choice = (typeof choices)[number];

/**
 * The person's choice how logins are confirmed (private and professional accounts): an SMS code to the
 * mobile number (the default), or a passkey or an authenticator app, set up with the password. Its code
 * and texts are a chunk of their own, loaded while the account type shows: the page does not carry them.
 */
export function renderChoice(c: StepContext) {
  const t = (key: SecondFactorKey) => secondFactorMessages.t(c.locale, key);
  return html`<tk-radio-group
    name="secondFactor"
    variant="cards"
    label=${t('title')}
    .value=${String(c.values.secondFactor || 'sms')}
    .options=${choices.map((value) => ({ value, label: t(value), description: t(`${value}.hint`) }))}
  ></tk-radio-group>`;
}

/** For the review: what was chosen. */
export const reviewRow = (c: StepContext): [string, string] => [
  secondFactorMessages.t(c.locale, 'review'),
  secondFactorMessages.t(c.locale, (String(c.values.secondFactor || 'sms') as Choice)),
];

/**
 * The choice's rule on a step, beside `checkStep` (`model.ts`) and as the contract: without a mobile number, no
 * SMS code — a passkey or an authenticator app instead. Until this chunk is there, the BFF's check stands alone.
 */
export const check = (step: StepId, v: Values): Record<string, string> =>
  step === 'person' && !v['person.mobile'] && (v.secondFactor || 'sms') === 'sms' ? { 'person.mobile': 'mobile_required_without_factor' } : {};

/** The text of this choice's field error (`mobile_required_without_factor`); undefined for the others. */
export const message = (locale: Locale, code: string) => (code === 'mobile_required_without_factor' ? secondFactorMessages.t(locale, 'mobileRequired') : undefined);
