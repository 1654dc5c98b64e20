import './helpers/fresh-tab.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/signup/signup.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { fakeKit, installFakeApi } from '../../stories/fake-kit.js';
import { complete as fixtures } from '../../stories/signup-fixtures.js';

/** Issue 11.1: the done screen offers "send again" (with the server's countdown) and "wrong address? change it". */
installFakeApi();
const kit = fakeKit('de');

const buttons = (el: TkSignup) => [...el.shadowRoot!.querySelectorAll('tk-button')];
const button = (el: TkSignup, name: RegExp) => buttons(el).find((b) => name.test(b.textContent ?? ''));
async function press(el: TkSignup, name: RegExp) {
  button(el, name)!.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 30));
  await el.updateComplete;
}
const alerts = (el: TkSignup) => [...el.shadowRoot!.querySelectorAll('tk-alert')].map((a) => `${a.getAttribute('variant')}: ${a.textContent!.replace(/\s+/g, ' ').trim()}`);

/** Through the wizard to the done screen, however many steps it has. */
async function signedUp(email = 'anna@example.com') {
  const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...fixtures.private, 'payment.method': 'invoice', 'person.email': email }}></tk-signup>`);
  for (let i = 0; i < 10 && !button(el, /E-Mail erneut senden/); i++) {
    await press(el, button(el, /Zahlungspflichtig/) ? /Zahlungspflichtig/ : /Weiter/);
  }
  await waitUntil(() => button(el, /E-Mail erneut senden/), 'no done screen');
  return el;
}

describe('<tk-signup> done screen', () => {
  it('"send again": a success banner naming the address, then the button counts down and is disabled; focus stays on the screen', async () => {
    const el = await signedUp();
    expect(button(el, /Falsche Adresse\? Ändern/)).to.exist;
    await press(el, /E-Mail erneut senden/);
    await waitUntil(() => alerts(el).length === 2);
    expect(alerts(el)[1]).to.match(/^success: .*erneut an anna@example\.com gesendet/);
    const resend = button(el, /E-Mail erneut senden/)!;
    expect(resend.disabled).to.equal(true);
    expect(resend.textContent).to.match(/\((1:00|0:59)\)/);
    expect(el.shadowRoot!.activeElement).to.equal(button(el, /Falsche Adresse/));
    await new Promise((r) => setTimeout(r, 1100));
    await el.updateComplete;
    expect(button(el, /E-Mail erneut senden/)!.textContent).to.match(/\(0:5\d\)/);
    await expect(el).to.be.accessible();
  });

  it('a refused resend shows the server\'s Retry-After, as a countdown and in words', async () => {
    const el = await signedUp('limited@example.com');
    await press(el, /E-Mail erneut senden/);
    await waitUntil(() => alerts(el).length === 2);
    expect(alerts(el)[1]).to.match(/^info: .*in 1:30 Minuten möglich/);
    const resend = button(el, /E-Mail erneut senden/)!;
    expect(resend.disabled).to.equal(true);
    expect(resend.textContent).to.match(/\(1:(30|29)\)/);
  });

  it('"wrong address? change it": inline field, a field error, then "link sent" to the new address, once', async () => {
    const el = await signedUp('anna@exmaple.com');
    await press(el, /Falsche Adresse/);
    const field = el.shadowRoot!.querySelector<HTMLElement & { value: string; error: string; updateComplete: Promise<unknown> }>('tk-text-field[name="email"]')!;
    expect(field.value).to.equal('anna@exmaple.com');
    await waitUntil(() => el.shadowRoot!.activeElement === field, 'the field takes focus');

    field.value = 'anna-at-example';
    await field.updateComplete;
    await press(el, /Speichern und senden/);
    expect(field.error).to.equal('Bitte geben Sie eine gültige E-Mail-Adresse ein.');

    field.focus();
    field.value = '';
    await sendKeys({ type: 'Anna@Example.com' });
    await press(el, /Speichern und senden/);
    await waitUntil(() => alerts(el).length === 2);
    expect(alerts(el)).to.have.length(2); // the done text and one banner: one announcement
    expect(alerts(el)[1]).to.match(/^success: Adresse geändert: Link an anna@example\.com gesendet/);
    expect(alerts(el)[0]).to.contain('an anna@example.com geschickt');
    expect(el.shadowRoot!.querySelector('tk-text-field[name="email"]')).to.equal(null);
    expect(button(el, /E-Mail erneut senden/)!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('text with a long address wraps at 320 px (the alerts\' overflow-wrap)', async () => {
    const email = 'a.very.long.address.without.any.break@a-subdomain.of-an-even-longer-domain.example';
    const el = await signedUp(email);
    el.style.width = '320px';
    el.style.display = 'block';
    await el.updateComplete;
    const edge = el.getBoundingClientRect().right;
    const texts = [...el.shadowRoot!.querySelectorAll('p')];
    expect(texts.some((p) => p.textContent!.includes(email))).to.equal(true);
    for (const p of texts) expect(p.getBoundingClientRect().right, p.textContent!).to.be.at.most(edge + 0.5);
  });
});
