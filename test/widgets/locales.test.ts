import './helpers/fresh-tab.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { mandateText, orderButtonLabel } from '../../contract/legal.js';
import type { Locale } from '../../contract/locales.js';
import type { TenantConfig } from '../../contract/tenant.js';
import type { Kit } from '../../widgets/core/context.js';
import { errorMessage, formatMoney, registerLocale, resolveLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/portal/login.js';
import type { TkLogin } from '../../widgets/portal/login.js';
import '../../widgets/portal/password-setup.js';
import type { TkPasswordSetup } from '../../widgets/portal/password-setup.js';
import '../../widgets/signup/signup.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { fakeKit, fakeTenant, installFakeApi } from '../../stories/fake-kit.js';
import { submit, typeInto } from '../../stories/portal-steps.js';
import { complete } from '../../stories/signup-fixtures.js';

// A third locale from its files alone: test/fixtures/locale-fr/<feature>.ts, registered here as an
// embedder would (see README "Locales"). Pseudo-translated: "[fr] …"; loaded only when first used.
const fr = 'fr' as Locale;
registerLocale(fr, { tag: 'fr-CH', load: (feature) => import(`../fixtures/locale-fr/${feature}.ts`) });

installFakeApi();
const tenant: TenantConfig = { ...fakeTenant, locales: ['de', 'en', fr], defaultLocale: fr };
const kit: Kit = { ...fakeKit(fr), tenant };

const button = (el: HTMLElement, text: string) => [...el.shadowRoot!.querySelectorAll('tk-button')].find((b) => b.textContent!.trim() === text);
const heading = (el: HTMLElement) => el.shadowRoot!.querySelector('[data-step-heading]')?.textContent!.trim();
async function press(el: TkSignup, name: string) {
  [...el.shadowRoot!.querySelectorAll('tk-button')].find((b) => b.textContent!.trim() === name)!.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}

describe('a third locale added as a fixture', () => {
  it('is a locale the tenant can enable and the browser can ask for', () => {
    expect(resolveLocale(null, tenant, [])).to.equal('fr');
    expect(resolveLocale(null, undefined, ['fr-CH', 'de'])).to.equal('fr');
    expect(resolveLocale('fr', { locales: ['de'], defaultLocale: 'de' }, [])).to.equal('de');
  });

  it('<tk-signup> speaks it, the legal texts included: headings, kit texts, field errors, mandate, order button, prices', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete.business}></tk-signup>`);
    await waitUntil(() => heading(el) === '[fr] Kontoart', 'the fixture locale was not loaded');
    await press(el, '[fr] Weiter');
    expect(heading(el)).to.equal('[fr] Firma');
    expect(el.shadowRoot!.querySelector('.legend')!.textContent).to.equal('[fr] Mit * markierte Felder müssen ausgefüllt werden.');
    await press(el, '[fr] Weiter');
    await press(el, '[fr] Weiter');
    expect(el.shadowRoot!.querySelector('#mandate-text')!.textContent).to.equal(mandateText(fr, 'b2b', tenant.name));
    expect(el.shadowRoot!.querySelector('tk-checkbox[name="payment.mandateAccepted"]')!.textContent).to.equal('[fr] Wir erteilen das SEPA-Lastschriftmandat für Firmenlastschriften (Wortlaut oben).');
    await press(el, '[fr] Weiter');
    await press(el, '[fr] Weiter');
    expect(heading(el)).to.equal('[fr] Prüfen und bestellen');
    expect(el.shadowRoot!.querySelector('[data-mandate-text]')!.textContent).to.match(/^\[fr\] SEPA-Firmenlastschrift-Mandat: Wir ermächtigen Demo Reseller/);
    expect(el.shadowRoot!.querySelector('.facts')!.textContent).to.contain(formatMoney(3490, 'EUR', fr));
    expect(formatMoney(3490, 'EUR', fr)).to.equal(new Intl.NumberFormat('fr-CH', { style: 'currency', currency: 'EUR' }).format(34.9)); // the registered tag
    expect(formatMoney(3490, 'EUR', fr)).not.to.equal(formatMoney(3490, 'EUR', 'de'));
    expect(el.shadowRoot!.querySelector('tk-button[type="submit"]')!.textContent!.trim()).to.equal(orderButtonLabel(fr, 'business'));
    expect(orderButtonLabel(fr, 'business')).to.equal('[fr] Absenden');
    expect(errorMessage(fr, 'required')).to.equal('[fr] Bitte füllen Sie dieses Feld aus.');
  });

  it('the portal widgets speak it too', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${kit}></tk-login>`);
    // The heading in the shadow root, the credential field's label in the light DOM (for password managers).
    await waitUntil(() => el.shadowRoot!.querySelector('[data-heading]')?.textContent === '[fr] Anmelden', 'the portal catalogue in the fixture locale was not loaded');
    expect(el.querySelector('label[for]')!.textContent).to.contain('[fr] Benutzername');
    // the PIN step's texts come with the step, the fixture locale's too
    typeInto(el, 'username', 'max.muster');
    typeInto(el, 'current-password', 'richtig');
    submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-heading]')?.textContent === '[fr] Code aus der SMS eingeben', 'the PIN step in the fixture locale');
  });

  it('so does a portal widget with a catalogue of its own beside the portal\'s', async () => {
    const el = await fixture<TkPasswordSetup>(html`<tk-password-setup .kit=${kit} token="t"></tk-password-setup>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-heading]')?.textContent === '[fr] Passwort festlegen', 'the password-setup catalogue in the fixture locale was not loaded');
    expect(el.querySelector('label[for]')!.textContent).to.contain('[fr] Neues Passwort'); // its own catalogue
    expect(button(el, '[fr] Passwort anzeigen')).to.exist; // the portal's
  });
});
