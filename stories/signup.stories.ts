import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import type { TkSignup } from '../widgets/signup/signup.js';
import { saveDraft } from '../widgets/signup/model.js';
import { fakeTenant } from './fake-kit.js';
import { complete, type Values } from './signup-fixtures.js';

/** Presses the widget's main button `times` times, waiting for each update. */
async function advance(root: HTMLElement, times: number) {
  const el = root.querySelector<TkSignup>('tk-signup')!;
  await el.updateComplete;
  for (let i = 0; i < times; i++) {
    // A step whose code or texts are still loading (the payment step, English) has no button yet: wait for it.
    let button: HTMLButtonElement | null | undefined;
    for (let tries = 0; tries < 200 && !button; tries++) {
      button = el.shadowRoot!.querySelector('tk-button[type=submit]')?.shadowRoot?.querySelector('button');
      if (!button) await new Promise((r) => setTimeout(r, 25));
    }
    if (!button) throw new Error(`no submit button at step ${i}`);
    button.click();
    await new Promise((r) => setTimeout(r, 30));
    await el.updateComplete;
  }
}

type Args = { type: 'private' | 'professional' | 'business'; step: number; values: Values };
const meta: Meta<Args> = {
  title: 'Widgets/Signup',
  component: 'tk-signup',
  args: { type: 'private', step: 0, values: {} },
  // Each story its own element id, so its tab draft (sessionStorage) is its own: none, or `parameters.draft`.
  render: (a, { id }) => html`<tk-signup id=${id} .prefill=${a.values}></tk-signup>`,
  beforeEach: ({ id, parameters }) => saveDraft(`tk-signup:${fakeTenant.id}:${id}`, ...((parameters.draft ?? []) as [Values?, number?])),
  play: async ({ canvasElement, args }) => advance(canvasElement, args.step),
};
export default meta;
type Story = StoryObj<Args>;

const at = (type: Args['type'], step: number, extra: Values = {}): Story => ({ args: { type, step, values: { ...complete[type], ...extra } } });

export const ChooseAccountType: Story = { args: { step: 0, values: {} } };
export const PrivatePersonalData = at('private', 1);
export const PrivatePayment = at('private', 2);
export const PrivateTerms = at('private', 3);
export const PrivateReview = at('private', 4);
export const ProfessionalPersonalData = at('professional', 1);
export const ProfessionalEmployer = at('professional', 2);
export const ProfessionalPaymentWithInvoiceAddress = at('professional', 3);
export const ProfessionalTerms = at('professional', 4);
export const ProfessionalReview = at('professional', 5);
export const BusinessCompany = at('business', 1);
export const BusinessContactPerson = at('business', 2);
export const BusinessPayment = at('business', 3);
export const BusinessTerms = at('business', 4);
export const BusinessReview = at('business', 5);
/** The price box: consumer prices include VAT; business prices net and gross, with the one-off fee and the first month. */
export const PriceBoxPrivate = at('private', 4);
export const PriceBoxBusiness = at('business', 5);
/** The only tariff for the account type is chosen already. */
export const OneTariffPreselected = at('private', 2, { tariffId: '' });
/** After a reload: the tab's draft is back at the payment step, without the IBAN, which the field says. */
export const RestoredWithoutIban: Story = {
  args: { step: 0, values: {} },
  parameters: { draft: [complete.private, 4] },
};
export const ValidationErrors: Story = { args: { step: 2, values: { accountType: 'private' } } };
export const RuleErrors = at('private', 2, { 'person.address.country': 'AT', 'person.mobile': '030 1234567' });
export const ServerError = at('private', 5, { 'person.email': 'server-error@example.com' });
export const Offline = at('private', 5, { 'person.email': 'offline@example.com' });
export const Busy = at('private', 5, { 'person.email': 'slow@example.com' });
export const Success = at('private', 5);
export const PresetBusiness: Story = { render: () => html`<tk-signup account-type="business"></tk-signup>` };

/** The done screen (issue 11.1): ordered, then the widget's buttons pressed by name, once each. */
async function press(el: TkSignup, name: RegExp) {
  const button = [...el.shadowRoot!.querySelectorAll('tk-button')].find((b) => name.test(b.textContent ?? ''));
  button?.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 50));
  await el.updateComplete;
}
async function onDone(root: HTMLElement, ...names: RegExp[]) {
  await advance(root, 5);
  const el = root.querySelector<TkSignup>('tk-signup')!;
  for (const name of names) await press(el, name);
  return el;
}
const done = (email: string, ...names: RegExp[]): Story => ({ ...at('private', 0, { 'person.email': email }), play: async ({ canvasElement }) => void (await onDone(canvasElement, ...names)) });

export const DoneResendAndChange = done('anna@example.com');
export const DoneResentCountdown = done('anna@example.com', /erneut senden|again/);
export const DoneResendLimited = done('limited@example.com', /erneut senden|again/);
export const DoneChangeAddress = done('anna@exmaple.com', /Ändern|Change/);
export const DoneAddressChanged: Story = {
  ...at('private', 0, { 'person.email': 'anna@exmaple.com' }),
  play: async ({ canvasElement }) => {
    const el = await onDone(canvasElement, /Ändern|Change/);
    // The field comes with the done screen's change form, which may take a moment (its texts load with it).
    let field: (HTMLElement & { value: string }) | null = null;
    for (let i = 0; i < 60 && !field; i++) {
      field = el.shadowRoot!.querySelector('tk-text-field[name="email"]');
      if (!field) await new Promise((r) => setTimeout(r, 50));
    }
    field!.value = 'anna@example.com';
    await press(el, /Speichern|Save/);
  },
};

// How logins are confirmed (private and professional): at the mobile number, SMS by default.
/** The choice: SMS to this mobile number (default), a passkey or an authenticator app. */
export const SecondFactorSms = at('private', 1);
export const SecondFactorPasskey = at('private', 1, { secondFactor: 'passkey', 'person.mobile': '' });
export const SecondFactorApp = at('professional', 1, { secondFactor: 'totp', 'person.mobile': '' });
/** SMS without a mobile number: the field says to add one or to choose a passkey or an app. */
export const SecondFactorWithoutMobile = at('private', 2, { 'person.mobile': '' });
/** The review names the choice. */
export const SecondFactorReview = at('private', 4, { secondFactor: 'passkey', 'person.mobile': '' });
