import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widgets/signup/signup.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { mandateText, orderButtonLabel } from '../../contract/legal.js';
import { fakeKit, fakeTenant, installFakeApi } from '../../stories/fake-kit.js';
import { complete as fixtures } from '../../stories/signup-fixtures.js';

installFakeApi();
const kit = fakeKit('de');

const complete = { ...fixtures.private, 'payment.method': 'invoice' };

async function press(el: TkSignup, name: RegExp) {
  const buttons = [...el.shadowRoot!.querySelectorAll('tk-button')];
  const button = buttons.find((b) => name.test(b.textContent ?? ''))!;
  button.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}
const heading = (el: TkSignup) => el.shadowRoot!.querySelector('[data-step-heading]')!.textContent!.trim();

describe('<tk-signup>', () => {
  it('a preset account type skips the first step; business orders with "Absenden"', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup account-type="business" .kit=${kit}></tk-signup>`);
    expect(heading(el)).to.equal('Firma');
    expect(el.shadowRoot!.querySelector('tk-stepper')!.steps.map((s) => s.id)).to.deep.equal(['company', 'contact', 'payment', 'terms', 'review']);
  });

  it('back keeps what was entered', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete}></tk-signup>`);
    await press(el, /Weiter/);
    await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    await press(el, /Zurück/);
    const first = el.shadowRoot!.querySelector<HTMLElement & { value: string }>('tk-text-field[name="person.firstName"]')!;
    expect(first.value).to.equal('Anna');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[data-step-heading]'));
  });

  it('checks the IBAN in the browser too, with rules that load when the payment step shows', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'payment.method': 'sepa', 'payment.accountHolder': 'A', 'payment.iban': 'DE89370400440532013001', 'payment.mandateAccepted': true }}></tk-signup>`);
    for (let i = 0; i < 3; i++) await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    await waitUntil(() => el.shadowRoot!.querySelector<HTMLElement & { error: string }>('tk-text-field[name="payment.iban"]')!.error);
    expect(el.shadowRoot!.querySelector('[data-error-summary]')!.textContent).to.contain('IBAN');
  });

  it('a field the server refuses takes the user back to its step, with the error at the field and in the summary', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'payment.method': 'sepa', 'payment.accountHolder': 'A', 'payment.iban': 'DE89370400440532013000', 'payment.mandateAccepted': true, 'person.email': 'server-error@example.com' }}></tk-signup>`);
    for (let i = 0; i < 4; i++) await press(el, /Weiter/);
    expect(heading(el)).to.equal('Prüfen und bestellen');
    const error = oneEvent(el, 'tk-error');
    await press(el, /Zahlungspflichtigen Vertrag schließen/);
    expect((await error).detail.code).to.equal('validation_failed');
    await waitUntil(() => heading(el) === 'Tarif und Zahlung');
    const iban = el.shadowRoot!.querySelector<HTMLElement & { error: string }>('tk-text-field[name="payment.iban"]')!;
    expect(iban.error).to.contain('Prüfziffer');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[data-error-summary]'));
    await expect(el).to.be.accessible();
  });

  it('success: says what happens next, fires tk-complete, and no longer warns before leaving', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete}></tk-signup>`);
    await press(el, /Weiter/);
    // the user types: from now on, leaving the page asks first
    el.shadowRoot!.querySelector('tk-text-field[name="person.firstName"]')!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    for (let i = 0; i < 3; i++) await press(el, /Weiter/);
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).to.equal(true);
    const done = oneEvent(el, 'tk-complete');
    await press(el, /Zahlungspflichtigen Vertrag schließen/);
    expect((await done).detail).to.deep.equal({ signupId: '00000000-0000-4000-8000-0000000000c1', email: 'anna@example.com' });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('bitte bestätigen Sie Ihre E-Mail-Adresse');
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).to.equal(false);
    await expect(el).to.be.accessible();
  });

  // The BFF stores mandateText(locale, scheme, tenant name) as evidence (test/bff/signups.test.ts): the
  // review step must show that text, word for word, above the order button with the § 312j wording.
  for (const [type, scheme, steps] of [['private', 'core', 4], ['business', 'b2b', 5]] as const) {
    it(`${type}: the review shows the ${scheme} mandate text the BFF stores, above "${orderButtonLabel('de', type)}"`, async () => {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${fixtures[type]}></tk-signup>`);
      for (let i = 0; i < steps - 2; i++) await press(el, /Weiter/);
      expect(heading(el)).to.equal('Tarif und Zahlung');
      expect(el.shadowRoot!.querySelector('#mandate-text')!.textContent).to.equal(mandateText('de', scheme, fakeTenant.name));
      await press(el, /Weiter/);
      await press(el, /Weiter/);
      expect(heading(el)).to.equal('Prüfen und bestellen');
      expect(el.shadowRoot!.querySelector('[data-mandate-text]')!.textContent).to.equal(mandateText('de', scheme, fakeTenant.name));
      const order = el.shadowRoot!.querySelector('tk-button[type="submit"]')!;
      expect(order.textContent!.trim()).to.equal(orderButtonLabel('de', type));
      await expect(el).to.be.accessible();
    });
  }

  it('a preset business type is the type of every step: business tariffs, the B2B mandate', async () => {
    const { accountType: _, ...values } = fixtures.business;
    const el = await fixture<TkSignup>(html`<tk-signup account-type="business" .kit=${kit} .prefill=${values}></tk-signup>`);
    await press(el, /Weiter/);
    await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    const tariffs = el.shadowRoot!.querySelector<HTMLElement & { options: { value: string }[] }>('tk-radio-group[name="tariffId"]')!.options;
    expect(tariffs.map((o) => o.value)).to.deep.equal([values.tariffId]);
    expect(el.shadowRoot!.querySelector('#mandate-text')!.textContent).to.equal(mandateText('de', 'b2b', fakeTenant.name));
  });
});
