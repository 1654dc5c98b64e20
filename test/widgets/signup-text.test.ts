import './helpers/fresh-tab.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widgets/signup/signup.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { fakeKit, installFakeApi } from '../../stories/fake-kit.js';
import { complete as fixtures } from '../../stories/signup-fixtures.js';

// The contract's free-text rule (contract/rules.ts `textProblem`) in the widget: the field error shows at the
// field before anything is sent, with the BFF's code and message.
installFakeApi();
const kit = fakeKit('de');
const complete = { ...fixtures.private, 'payment.method': 'invoice' };

async function next(el: TkSignup) {
  const button = [...el.shadowRoot!.querySelectorAll('tk-button')].find((b) => /Weiter/.test(b.textContent ?? ''))!;
  button.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}
const field = (el: TkSignup, name: string) => el.shadowRoot!.querySelector<HTMLElement & { error: string }>(`tk-text-field[name="${name}"]`)!;

describe('<tk-signup> free text', () => {
  it('a URL in the first name and a line break in the street: field errors, the step stays', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'person.firstName': 'Anna https://evil.example', 'person.address.street': 'Haupt\nstraße' }}></tk-signup>`);
    await next(el);
    const heading = () => el.shadowRoot!.querySelector('[data-step-heading]')!.textContent!.trim();
    const step = heading();
    await next(el);
    await waitUntil(() => field(el, 'person.firstName').error);
    expect(heading()).to.equal(step);
    expect(field(el, 'person.firstName').error).to.equal('Bitte keine Web-Adressen.');
    expect(field(el, 'person.address.street').error).to.contain('Zeilenumbrüche');
    expect(el.shadowRoot!.querySelector('[data-error-summary]')!.textContent).to.contain('Web-Adressen');
  });

  it('real names pass', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'person.firstName': "Zoë O'Brien-Łukasz", 'person.address.street': 'Straße des 17. Juni' }}></tk-signup>`);
    await next(el);
    const first = el.shadowRoot!.querySelector('[data-step-heading]')!.textContent;
    await next(el);
    expect(el.shadowRoot!.querySelector('[data-step-heading]')!.textContent).not.to.equal(first);
  });
});
