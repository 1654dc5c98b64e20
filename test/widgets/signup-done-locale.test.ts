import './helpers/fresh-tab.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widgets/signup/signup.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { fakeKit, installFakeApi } from '../../stories/fake-kit.js';
import { complete as fixtures } from '../../stories/signup-fixtures.js';

/**
 * The done screen's texts come with it, after the order (their own chunk). A file of its own: the page
 * must not have loaded the done screen before, as a real page has not.
 */
installFakeApi();

const button = (el: TkSignup, name: RegExp) => [...el.shadowRoot!.querySelectorAll('tk-button')].find((b) => name.test(b.textContent ?? ''));
async function press(el: TkSignup, name: RegExp) {
  button(el, name)!.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 30));
  await el.updateComplete;
}

describe('<tk-signup> done screen in another language', () => {
  it('English, then German for the order, then English again: the done screen\'s own texts follow', async () => {
    const english = fakeKit('en');
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${english} .prefill=${{ ...fixtures.private, 'payment.method': 'invoice' }}></tk-signup>`);
    await waitUntil(() => button(el, /Continue/), 'English wizard');
    const switching = { ...english, locale: 'de' as const };
    el.kit = switching;
    await waitUntil(() => button(el, /Weiter/), 'German wizard');
    for (let i = 0; i < 10 && !button(el, /E-Mail erneut senden/); i++) await press(el, button(el, /Zahlungspflichtig/) ? /Zahlungspflichtig/ : /Weiter/);
    el.kit = { ...switching, locale: 'en' };
    await waitUntil(() => button(el, /Send the e-mail again/), 'English done screen');
    expect(button(el, /Wrong address\? Change it/)).to.exist;
  });
});
