import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/portal/password-setup.js';
import '../../widgets/provider/provider.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import type { TkPasswordSetup } from '../../widgets/portal/password-setup.js';
import type { TkCheckbox } from '../../widgets/primitives/checkbox.js';
import type { TkTextField } from '../../widgets/primitives/text-field.js';
import { FAKE_RECOVERY_CODES, fakeKit, installFakeApi, installSecondFactorFakes, stubPasskeys } from '../../stories/fake-kit.js';
import { button, deepActive, deepAll, settle, submit as requestSubmit, typeInto as type } from '../../stories/portal-steps.js';

installFakeApi();
installSecondFactorFakes();
// The provider loads a non-default locale before its widgets show; here every catalogue comes first.
before(async () => {
  await import('../../widgets/portal/pin-step.messages.js');
  await import('../../widgets/portal/enrol.js');
  await loadLocale('en');
});

const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

async function mount(o: { locale?: 'de' | 'en'; theme?: 'light' | 'dark' } = {}) {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${o.theme ?? 'light'} .kit=${fakeKit(o.locale ?? 'de')}
      ><tk-password-setup token="nomobile-token-0123456789" login-url="/#portal"></tk-password-setup
    ></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkPasswordSetup>('tk-password-setup')!;
  await settle(el);
  return el;
}
const heading = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('[data-heading]')!;
async function arrive(el: HTMLElement, title: RegExp) {
  await waitUntil(() => title.test(heading(el)?.textContent ?? ''), `no step ${title}`);
  await settle(el as TkPasswordSetup);
}
/** Sets the password, which leads to the choice (this account has no mobile number). */
async function toChoice(el: TkPasswordSetup) {
  type(el, 'new-password', 'ein langes gutes Passwort');
  type(el, 'new-password', 'ein langes gutes Passwort', 1);
  requestSubmit(el);
  await arrive(el, /Anmeldung absichern|Secure your login/);
}
const radio = (el: HTMLElement, value: string) => deepAll<HTMLInputElement>(el, `input[type="radio"][value="${value}"]`)[0]!;
async function choose(el: TkPasswordSetup, value: 'passkey' | 'totp') {
  radio(el, value).click();
  await settle(el);
  button(el, /^(Weiter|Continue)$/).click();
  await settle(el);
}
const field = (el: HTMLElement, name: string) => deepAll<TkTextField>(el, `tk-text-field[name="${name}"]`)[0]!;
const checkbox = (el: HTMLElement) => deepAll<TkCheckbox>(el, 'tk-checkbox')[0]!;

describe('tk-password-setup without a mobile number', () => {
  it('explains the choice; nothing chosen is an error; the choice is reached by keyboard', async () => {
    const el = await mount();
    await toChoice(el);
    expect(deepActive()).to.equal(heading(el));
    expect(el.shadowRoot!.textContent).to.contain('keine Mobilnummer');
    const options = deepAll(el, 'tk-radio-group')[0]!.shadowRoot!.textContent;
    expect(options).to.contain('Passkey — anmelden mit Fingerabdruck, Gesicht oder Geräte-PIN');
    expect(options).to.contain('Authenticator-App — ein 6-stelliger Code aus einer App');
    button(el, /^Weiter$/).click();
    await settle(el);
    expect(deepAll(el, '[data-error-summary]')[0]!.textContent).to.contain('Womit');
    await expect(el).to.be.accessible();
    // keyboard: the radios are one stop, arrows move between them
    radio(el, 'passkey').focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(radio(el, 'totp').checked).to.equal(true);
  });

  it('passkey: the browser creates one, then the recovery codes, which must be kept before going on', async () => {
    const seen = stubPasskeys('passkey-1');
    const el = await mount();
    await toChoice(el);
    await choose(el, 'passkey');
    await arrive(el, /Wiederherstellungscodes/);
    expect(seen.requests).to.deep.equal(['optional']);
    expect(deepActive()).to.equal(heading(el));
    const codes = deepAll(el, '.codes li code').map((code) => code.textContent!.trim());
    expect(codes).to.deep.equal(FAKE_RECOVERY_CODES);
    expect(el.shadowRoot!.textContent).to.contain('nur jetzt sichtbar');
    await expect(el).to.be.accessible();
    // the download's object URL lives on a moment after the click (revoked at once, Firefox and Safari may cancel it)
    const revoked: string[] = [];
    const { revokeObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    HTMLAnchorElement.prototype.click = () => undefined;
    try {
      button(el, /Textdatei/).click();
      expect(revoked).to.have.length(0);
      await waitUntil(() => revoked.length === 1, 'never revoked', { timeout: 2000 });
    } finally {
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    button(el, /^Weiter$/).click();
    await settle(el);
    expect(deepAll(el, '[data-error-summary]')[0]!.textContent).to.contain('aufbewahrt');
    await expect(el).to.be.accessible();
    checkbox(el).shadowRoot!.querySelector('input')!.click();
    await settle(el);
    const done = oneEvent(el, 'tk-complete');
    button(el, /^Weiter$/).click();
    expect((await done).detail.username).to.equal('max.muster');
    await settle(el);
    expect(deepAll(el, 'a[href="/#portal"]')).to.have.length(1);
  });

  it('passkey cancelled: says so and stays on the choice', async () => {
    stubPasskeys(null);
    const el = await mount();
    await toChoice(el);
    await choose(el, 'passkey');
    await waitUntil(() => el.shadowRoot!.querySelector('.pin-news')?.textContent?.includes('nicht gespeichert'), 'no word');
    expect(heading(el).textContent).to.contain('Anmeldung absichern');
  });

  it('passkey not created for another reason: says which (already on this device, not supported), not "cancelled"', async () => {
    for (const [name, text] of [['InvalidStateError', 'schon ein Passkey für Ihr Konto'], ['SecurityError', 'funktionieren in diesem Browser']] as const) {
      const fail = () => Promise.reject(new DOMException('failed', name));
      Object.defineProperty(navigator, 'credentials', { configurable: true, value: { get: fail, create: fail } });
      const el = await mount();
      await toChoice(el);
      await choose(el, 'passkey');
      await waitUntil(() => el.shadowRoot!.querySelector('[data-error-summary]')?.textContent?.includes(text), `no summary for ${name}`);
      expect(el.shadowRoot!.querySelector('.pin-news')?.textContent ?? '').to.not.contain('nicht gespeichert');
      expect(el.shadowRoot!.activeElement?.hasAttribute('data-error-summary'), 'the summary takes focus').to.equal(true);
      expect(heading(el).textContent).to.contain('Anmeldung absichern');
    }
  });

  it('app: QR code with a name, the key in groups of 4, a wrong first code at its field, then the codes', async () => {
    const el = await mount();
    await toChoice(el);
    await choose(el, 'totp');
    await arrive(el, /Authenticator-App einrichten/);
    expect(deepActive()).to.equal(heading(el));
    const img = el.shadowRoot!.querySelector('img')!;
    expect(img.getAttribute('alt')).to.equal('QR-Code für Ihre Authenticator-App');
    expect(img.getAttribute('src')).to.match(/^data:image\/svg\+xml;base64,/);
    expect(el.shadowRoot!.querySelector('.secret')!.textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    // read out character by character, group by group
    expect(el.shadowRoot!.querySelector('.secret + .visually-hidden')!.textContent).to.match(/^J B S W, Y 3 D P, /);
    const code = el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
    expect(code.inputMode).to.equal('numeric');
    await expect(el).to.be.accessible();
    type(el, 'one-time-code', '12');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'code').shownError).to.contain('6 Ziffern');
    type(el, 'one-time-code', '000000');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'code').shownError).to.contain('stimmt nicht');
    expect(el.shadowRoot!.querySelector('.pin-news')!.textContent).to.contain('Noch 4 Versuche');
    await expect(el).to.be.accessible();
    type(el, 'one-time-code', '123456');
    requestSubmit(el);
    await arrive(el, /Wiederherstellungscodes/);
  });

  it('reflows at 320 px in every new step, in English too', async function () {
    this.timeout(60_000);
    await setViewport({ width: 320, height: 640 });
    stubPasskeys('passkey-1');
    for (const locale of ['de', 'en'] as const) {
      const fits = (el: HTMLElement, where: string) => {
        expect(document.documentElement.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
        expect(el.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
      };
      const el = await mount({ locale });
      await toChoice(el);
      fits(el, 'choice');
      await choose(el, 'totp');
      await arrive(el, /authenticator/i);
      fits(el, 'app');
      type(el, 'one-time-code', '123456');
      requestSubmit(el);
      await arrive(el, /recovery codes|Wiederherstellungscodes/i);
      fits(el, 'codes');
    }
    await setViewport({ width: 800, height: 600 });
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['de', 'en'] as const) {
      it(`is axe-clean in every new step: ${theme} ${locale}`, async function () {
        this.timeout(60_000);
        const el = await mount({ locale, theme });
        await toChoice(el);
        await expect(el, 'choice').to.be.accessible();
        await choose(el, 'totp');
        await arrive(el, /authenticator/i);
        await expect(el, 'app').to.be.accessible();
        type(el, 'one-time-code', '000000');
        requestSubmit(el);
        await settle(el);
        await expect(el, 'wrong code').to.be.accessible();
        type(el, 'one-time-code', '123456');
        requestSubmit(el);
        await arrive(el, /recovery codes|Wiederherstellungscodes/i);
        await expect(el, 'codes').to.be.accessible();
      });
    }
  }
});
