import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TkCompleteEvent } from '../../widgets/core/events.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/portal/profile.js';
import type { TkProfile } from '../../widgets/portal/profile.js';
import '../../widgets/provider/provider.js';
import { FAKE_SESSION, fakeKit, type FakeFactors, installFakeApi, useFakeFactors } from '../../stories/fake-kit.js';
import { button, deepActive, deepAll, settle, submit as requestSubmit, typeInto as type } from '../../stories/portal-steps.js';

installFakeApi();
before(async () => {
  await import('../../widgets/portal/factors.js');
  await loadLocale('en');
});
const create = navigator.credentials.create;
afterEach(async () => {
  navigator.credentials.create = create;
  await setViewport({ width: 800, height: 600 });
});

/** The demo's dark brand theme (demo/theme-dark.css): token values only. */
const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

const root = (el: TkProfile) => el.shadowRoot!;
const text = (el: TkProfile) => root(el).textContent!.replace(/\s+/g, ' ');
const heading = (el: TkProfile) => root(el).querySelector<HTMLElement>('[data-heading]')!;
const summary = (el: TkProfile) => root(el).querySelector<HTMLElement>('[data-error-summary]');
const notices = (el: TkProfile) => [...root(el).querySelectorAll('[role="status"] .notice')].map((n) => n.textContent!.trim());
const focused = (el: TkProfile, target: Element | null) => expect(root(el).activeElement === target, `focus on ${root(el).activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);

async function mount(preset: FakeFactors = 'sms', o: { locale?: 'de' | 'en'; theme?: 'light' | 'dark' } = {}) {
  useFakeFactors(preset);
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${o.theme ?? 'light'} .kit=${fakeKit(o.locale ?? 'de', { session: FAKE_SESSION })}><tk-profile></tk-profile></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkProfile>('tk-profile')!;
  await waitUntil(() => root(el).querySelector('.factors .minorheading'), 'the factors did not load');
  await settle(el);
  return el;
}
async function press(el: TkProfile, label: RegExp) {
  button(el, label).click();
  await settle(el);
}
async function submit(el: TkProfile) {
  requestSubmit(el);
  await settle(el);
}
async function confirmPassword(el: TkProfile) {
  type(el, 'current-password', 'richtig');
  await submit(el);
}
/** A device that creates a passkey (what `navigator.credentials.create` resolves to, as far as the widget reads it). */
const device = (answer: () => Promise<unknown>) => {
  const calls: CredentialCreationOptions[] = [];
  navigator.credentials.create = (options?: CredentialCreationOptions) => (calls.push(options!), answer()) as Promise<Credential | null>;
  return calls;
};
const madePasskey = async () => ({ toJSON: () => ({ id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'o2M' } }) });
async function toApp(el: TkProfile) {
  await press(el, /Authenticator-App einrichten|Set up an authenticator/);
  await confirmPassword(el);
  await waitUntil(() => root(el).querySelector('img.qr'), 'no QR code');
  await settle(el);
}

describe('<tk-profile>: sign-in and security', () => {
  it('lists passkeys (added, last used, synced), the app, SMS and the recovery codes left', async () => {
    const el = await mount('all');
    const t = text(el);
    expect(t).to.contain('Anmeldung und Sicherheit');
    expect(t).to.contain('Passkey — anmelden mit Fingerabdruck, Gesicht oder Geräte-PIN');
    expect(t).to.contain('Laptop');
    expect(t).to.match(/hinzugefügt am 02\.10\.2026 · zuletzt verwendet am 20\.10\.2026/);
    expect(t).to.contain('iPhone');
    expect(t).to.contain('noch nicht verwendet · synchronisiert');
    expect(t).to.contain('SMS-Code an +49 151 ••••• 78');
    expect(t).to.contain('7 von 10 übrig');
    expect(deepAll(el, 'tk-button').map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.include.members([
      'Entfernen Laptop',
      'Entfernen iPhone',
      'Entfernen Authenticator-App',
      'Passkey hinzufügen',
      'Neue Codes erstellen',
    ]);
    expect(t).to.not.contain('Authenticator-App einrichten');
  });

  it('offers "Passkey hinzufügen" only where the browser has passkeys', async () => {
    const native = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const el = await mount('all');
      expect(() => button(el, /Passkey hinzufügen/)).to.throw();
      expect(text(el)).to.contain('Laptop'); // the list stays, and "Entfernen"
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', native);
    }
    expect(button(await mount('all'), /Passkey hinzufügen/)).to.exist;
  });

  it('without a mobile number: "keine Mobilnummer hinterlegt" and "hinzufügen"', async () => {
    const el = await mount('noMobile');
    await waitUntil(() => text(el).includes('Keine Mobilnummer hinterlegt'), 'profile without mobile');
    expect(text(el)).to.contain('keine Mobilnummer hinterlegt');
    expect(button(el, /Mobilnummer hinzufügen/)).to.exist;
    expect(text(el)).to.not.contain('Mobilnummer ändern');
  });

  it('a first mobile number: the section shows it with SMS sign-in off, to turn on (the factors load again)', async () => {
    const el = await mount('noMobile');
    await waitUntil(() => text(el).includes('Keine Mobilnummer hinterlegt'), 'profile without mobile');
    await press(el, /Mobilnummer hinzufügen/);
    type(el, 'current-password', 'richtig');
    type(el, 'tel', '0171 9876543');
    await submit(el);
    await waitUntil(() => {
      try {
        type(el, 'one-time-code', '123456');
        return true;
      } catch {
        return false;
      }
    }, 'no PIN step');
    useFakeFactors('smsOff'); // what the BFF says after the change: the number, SMS sign-in off
    await submit(el);
    await waitUntil(() => text(el).includes('Die Anmeldung per SMS ist ausgeschaltet'), 'the factors were not loaded again');
    expect(button(el, /SMS-Anmeldung einschalten/)).to.exist;
  });

  it('adds a passkey after the password: the device creates it, the recovery codes show once, then the list has it', async () => {
    const el = await mount('sms');
    const calls = device(madePasskey);
    await press(el, /Passkey hinzufügen/);
    focused(el, heading(el));
    expect(heading(el).textContent).to.equal('Passkey hinzufügen');
    type(el, 'off', 'Arbeitslaptop');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Passwort bestätigen'); // the password first
    expect(calls).to.have.length(0);
    type(el, 'current-password', 'richtig');
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<{ change: string }>>;
    requestSubmit(el);
    expect((await complete).detail).to.deep.equal({ change: 'passkey_added' });
    await waitUntil(() => root(el).querySelector('ol.codes'), 'no recovery codes');
    await settle(el);
    // the options went to the device as the native API parsed them
    expect(calls[0]!.publicKey!.challenge).to.be.instanceOf(ArrayBuffer);
    expect(heading(el).textContent).to.equal('Ihre Wiederherstellungscodes');
    focused(el, heading(el));
    expect(root(el).querySelectorAll('ol.codes li')).to.have.length(10);
    // each code read out character by character, group by group (as a word it would be read "K7PM")
    const first = root(el).querySelector('ol.codes li')!;
    expect(first.querySelector('code')!.getAttribute('aria-hidden')).to.equal('true');
    expect(first.querySelector('.visually-hidden')!.textContent).to.match(/^K 7 P M, [A-Z] Q 4 R, X [A-Z] N W$/);
    // the download's object URL lives on a moment after the click (revoked at once, Firefox and Safari may cancel it)
    const revoked: string[] = [];
    const { revokeObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    HTMLAnchorElement.prototype.click = () => undefined;
    try {
      button(el, /herunterladen/).click();
      expect(revoked).to.have.length(0);
      await waitUntil(() => revoked.length === 1, 'never revoked', { timeout: 2000 });
    } finally {
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(text(el)).to.contain('nur dieses eine Mal');
    await press(el, /Ich habe sie sicher aufbewahrt/);
    await waitUntil(() => text(el).includes('Arbeitslaptop'), 'the new passkey');
    expect(notices(el)).to.deep.equal(['Ihr Passkey ist gespeichert.']); // one announcement
    expect(root(el).querySelector('ol.codes')).to.equal(null); // never again
    expect(text(el)).to.contain('10 von 10 übrig');
  });

  it('a passkey the device does not create: a plain alert with focus, nothing sent', async () => {
    const el = await mount('sms');
    device(() => Promise.reject(new DOMException('cancelled', 'NotAllowedError')));
    await press(el, /Passkey hinzufügen/);
    await confirmPassword(el);
    await waitUntil(() => root(el).querySelector('[data-failed]'), 'no alert');
    await settle(el);
    focused(el, root(el).querySelector('[data-failed]'));
    expect(text(el)).to.contain('Der Passkey wurde nicht erstellt');
    expect(notices(el)).to.deep.equal([]); // "confirm on your device" is gone
  });

  it('a passkey already on this device says so, not "not created"', async () => {
    const el = await mount('sms');
    device(() => Promise.reject(new DOMException('excluded', 'InvalidStateError')));
    await press(el, /Passkey hinzufügen/);
    await confirmPassword(el);
    await waitUntil(() => root(el).querySelector('[data-failed]'), 'no alert');
    expect(text(el)).to.contain('schon ein Passkey für Ihr Konto');
    expect(text(el)).to.not.contain('Der Passkey wurde nicht erstellt');
  });

  it('while the device asks, the button is busy and the banner says what to do, once', async () => {
    const el = await mount('sms');
    device(() => new Promise(() => {}));
    await press(el, /Passkey hinzufügen/);
    await confirmPassword(el);
    expect(deepAll(el, 'tk-button').find((b) => b.textContent!.includes('Passkey erstellen'))!.hasAttribute('busy')).to.equal(true);
    expect(notices(el)).to.deep.equal(['Bitte bestätigen Sie jetzt auf Ihrem Gerät, zum Beispiel mit Fingerabdruck oder Geräte-PIN.']);
  });

  it('sets up the app: QR code, the key in groups of 4, the first code (format, wrong, right), then the codes', async () => {
    const el = await mount('sms');
    await toApp(el);
    focused(el, heading(el));
    const img = root(el).querySelector<HTMLImageElement>('img.qr')!;
    expect(img.alt).to.equal('QR-Code für Ihre Authenticator-App');
    expect(img.src).to.match(/^data:image\/svg\+xml;base64,/);
    expect(root(el).querySelector('.secret code')!.textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    // read out character by character, group by group
    expect(root(el).querySelector('.secret code')!.getAttribute('aria-hidden')).to.equal('true');
    expect(root(el).querySelector('.secret .visually-hidden')!.textContent).to.match(/^J B S W, Y 3 D P, /);
    const code = deepAll<HTMLInputElement>(el, 'input[autocomplete="one-time-code"]')[0]!;
    expect(code.inputMode).to.equal('numeric');
    type(el, 'one-time-code', '12');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('6 Ziffern');
    focused(el, summary(el));
    type(el, 'one-time-code', '000000');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('stimmt nicht oder ist schon verwendet');
    type(el, 'one-time-code', '123 456');
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<{ change: string }>>;
    requestSubmit(el);
    expect((await complete).detail).to.deep.equal({ change: 'totp_added' });
    await waitUntil(() => root(el).querySelector('ol.codes'), 'no recovery codes');
    await press(el, /Ich habe sie sicher aufbewahrt/);
    await waitUntil(() => text(el).includes('noch nicht verwendet'), 'the app in the list');
    expect(notices(el)).to.deep.equal(['Ihre Authenticator-App ist eingerichtet.']);
  });

  it('refuses to remove the last factor, plainly; removes one that is not', async () => {
    const el = await mount('passkeyOnly');
    await press(el, /Entfernen/);
    expect(heading(el).textContent).to.equal('Passkey „Laptop“ entfernen?');
    await confirmPassword(el);
    await waitUntil(() => summary(el), 'no refusal');
    expect(summary(el)!.textContent).to.contain('letzte Anmeldemethode');
    focused(el, summary(el));

    const all = await mount('all');
    await press(all, /Entfernen Authenticator/);
    type(all, 'current-password', 'richtig');
    const complete = oneEvent(all, 'tk-complete') as Promise<TkCompleteEvent<{ change: string }>>;
    requestSubmit(all);
    expect((await complete).detail).to.deep.equal({ change: 'totp_removed' });
    await waitUntil(() => text(all).includes('Authenticator-App einrichten'), 'the app is gone');
    expect(notices(all)).to.deep.equal(['Die Authenticator-App ist entfernt.']);
    focused(all, heading(all));
  });

  it('turns SMS sign-in off after the password: one DELETE, one notice, focus on the view, "einschalten" offered', async () => {
    const el = await mount('all');
    const sent: string[] = [];
    const real = window.fetch;
    window.fetch = (i, init) => {
      const r = new Request(i, init);
      if (r.url.endsWith('/v1/me/factors/sms')) sent.push(r.method);
      return real(i, init);
    };
    try {
      await press(el, /SMS-Anmeldung ausschalten/);
      expect(heading(el).textContent).to.equal('SMS-Anmeldung ausschalten');
      focused(el, heading(el));
      expect(text(el)).to.contain('nur noch mit Passkey, Authenticator-App oder Wiederherstellungscode an. Ihre Mobilnummer bleibt für Hinweise. Alle anderen Anmeldungen werden beendet.');
      await submit(el); // no password yet: asked first, nothing sent
      expect(summary(el)!.textContent).to.contain('Passwort bestätigen');
      expect(sent).to.deep.equal([]);
      type(el, 'current-password', 'richtig');
      const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<{ change: string }>>;
      requestSubmit(el);
      expect((await complete).detail).to.deep.equal({ change: 'sms_off' });
      await waitUntil(() => text(el).includes('Die Anmeldung per SMS ist ausgeschaltet. Ihre Mobilnummer +49 151 ••••• 78 bleibt für Hinweise.'), 'SMS is not off');
      await settle(el);
      expect(sent).to.deep.equal(['DELETE']);
      expect(notices(el)).to.deep.equal(['Die Anmeldung per SMS ist ausgeschaltet.']); // announced once
      focused(el, heading(el));
      const box = heading(el).getBoundingClientRect();
      expect(box.height > 0 && box.bottom > 0 && box.top < window.innerHeight, 'the focused heading is on screen').to.equal(true);
      expect(button(el, /SMS-Anmeldung einschalten/)).to.exist;
      expect(() => button(el, /SMS-Anmeldung ausschalten/)).to.throw();
      expect(text(el)).to.not.contain('SMS-Code an');
    } finally {
      window.fetch = real;
    }
  });

  it('turns SMS sign-in on again; within 5 minutes of the password no second prompt', async () => {
    const el = await mount('smsOff');
    expect(text(el)).to.contain('Die Anmeldung per SMS ist ausgeschaltet. Ihre Mobilnummer +49 151 ••••• 78 bleibt für Hinweise.');
    await press(el, /SMS-Anmeldung einschalten/);
    expect(heading(el).textContent).to.equal('SMS-Anmeldung einschalten');
    focused(el, heading(el));
    type(el, 'current-password', 'richtig');
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<{ change: string }>>;
    requestSubmit(el);
    expect((await complete).detail).to.deep.equal({ change: 'sms_on' });
    await waitUntil(() => text(el).includes('SMS-Code an +49 151 ••••• 78'), 'SMS is not on');
    await settle(el);
    expect(notices(el)).to.deep.equal(['Die Anmeldung per SMS ist eingeschaltet.']);
    focused(el, heading(el));
    await press(el, /SMS-Anmeldung ausschalten/);
    expect(document.querySelector('tk-profile input[autocomplete="current-password"]')).to.equal(null);
    expect(deepAll(el, 'tk-button').map((b) => b.textContent!.trim())).to.include('Ausschalten');
  });

  it('no "ausschalten" while SMS is the only way to confirm a login; without a number none either', async () => {
    const el = await mount('sms');
    expect(text(el)).to.contain('SMS-Code an +49 151 ••••• 78');
    expect(() => button(el, /SMS-Anmeldung/)).to.throw();
    const none = await mount('noMobile');
    expect(text(none)).to.contain('keine Mobilnummer hinterlegt');
    expect(() => button(none, /SMS-Anmeldung/)).to.throw();
    // A passkey alone, every recovery code used: SMS is the way back where the passkey is not at hand.
    const noCodes = await mount('passkeyNoCodes');
    expect(text(noCodes)).to.contain('SMS-Code an +49 151 ••••• 78');
    expect(() => button(noCodes, /SMS-Anmeldung/)).to.throw();
  });

  it('SMS as the last factor meanwhile (removed elsewhere): the refusal in words, focused', async () => {
    const el = await mount('all');
    await press(el, /SMS-Anmeldung ausschalten/);
    useFakeFactors('sms'); // the passkeys and the app went in another tab
    await confirmPassword(el);
    await waitUntil(() => summary(el), 'no refusal');
    expect(summary(el)!.textContent).to.contain('letzte Anmeldemethode');
    focused(el, summary(el));
    expect(heading(el).textContent).to.equal('SMS-Anmeldung ausschalten'); // still the step
    // "Abbrechen": the view shows the factors as they are now (no "ausschalten" any more).
    await press(el, /Abbrechen/);
    await waitUntil(() => text(el).includes('SMS-Code an') && !text(el).includes('Laptop'), 'the factors were not loaded again');
    expect(() => button(el, /SMS-Anmeldung ausschalten/)).to.throw();
  });

  it('English: SMS sign-in off and on', async () => {
    const el = await mount('all', { locale: 'en' });
    await waitUntil(() => text(el).includes('Sign-in and security'), 'English texts');
    await press(el, /Turn off SMS sign-in/);
    expect(heading(el).textContent).to.equal('Turn off SMS sign-in');
    expect(text(el)).to.contain('Afterwards you sign in only with a passkey, an authenticator app or a recovery code. Your mobile number stays for notices.');
    expect(deepAll(el, 'tk-button').map((b) => b.textContent!.trim())).to.include('Turn off');
    await confirmPassword(el);
    await waitUntil(() => text(el).includes('SMS sign-in is off. Your mobile number +49 151 ••••• 78 stays for notices.'), 'SMS is not off');
    await settle(el);
    expect(notices(el)).to.deep.equal(['SMS sign-in is off.']);
    await press(el, /Turn on SMS sign-in/);
    expect(deepAll(el, 'tk-button').map((b) => b.textContent!.trim())).to.include('Turn on');
    requestSubmit(el);
    await waitUntil(() => text(el).includes('SMS code to +49 151 ••••• 78'), 'SMS is not on');
    await settle(el);
    expect(notices(el)).to.deep.equal(['SMS sign-in is on.']);
  });

  it('SMS off and on reflow at 320 px, in German and English', async function () {
    this.timeout(30_000);
    await setViewport({ width: 320, height: 640 });
    for (const locale of ['de', 'en'] as const) {
      const fits = (el: TkProfile, where: string) => {
        expect(document.documentElement.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
        expect(el.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
      };
      const el = await mount('smsOff', { locale });
      fits(el, 'SMS off');
      const off = await mount('all', { locale });
      await press(off, /SMS-Anmeldung ausschalten|Turn off SMS/);
      fits(off, 'turn-off step');
    }
  });

  it('new recovery codes after the password; within 5 minutes no second prompt', async () => {
    const el = await mount('all');
    await press(el, /Neue Codes erstellen/);
    expect(text(el)).to.contain('Die bisherigen Codes gelten danach nicht mehr.');
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<{ change: string }>>;
    await confirmPassword(el);
    expect((await complete).detail).to.deep.equal({ change: 'recovery_codes' });
    await waitUntil(() => root(el).querySelectorAll('ol.codes li').length === 10, 'the codes');
    await press(el, /Ich habe sie sicher aufbewahrt/);
    expect(notices(el)).to.deep.equal(['Ihre neuen Wiederherstellungscodes gelten ab jetzt.']);
    await press(el, /Passkey hinzufügen/);
    expect(document.querySelector('tk-profile input[autocomplete="current-password"]')).to.equal(null);
  });

  it('keyboard only: to "Passkey hinzufügen", the step, back with "Abbrechen"', async () => {
    const el = await mount('sms');
    const add = button(el, /Passkey hinzufügen/);
    add.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    focused(el, heading(el));
    await sendKeys({ press: 'Tab' }); // the password, in the light DOM
    expect(deepActive()).to.equal(document.querySelector('tk-profile input[autocomplete="current-password"]'));
    await sendKeys({ type: 'richtig' });
    await sendKeys({ press: 'Tab' }); // the name
    expect(((deepActive()!.getRootNode() as ShadowRoot).host as HTMLInputElement).name).to.equal('label');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect((deepActive()!.getRootNode() as ShadowRoot).host.textContent).to.contain('Abbrechen');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(text(el)).to.contain('Anmeldung und Sicherheit');
    focused(el, heading(el));
  });

  it('reflows at 320 px: the list, the app with its QR code, the codes; in English too', async function () {
    this.timeout(60_000);
    await setViewport({ width: 320, height: 640 });
    for (const locale of ['de', 'en'] as const) {
      const fits = (el: TkProfile, where: string) => {
        expect(document.documentElement.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
        expect(el.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
      };
      const el = await mount('all', { locale });
      fits(el, 'list');
      const app = await mount('sms', { locale });
      await toApp(app);
      fits(app, 'app');
      type(app, 'one-time-code', '123456');
      await submit(app);
      await waitUntil(() => root(app).querySelector('ol.codes'), 'no recovery codes');
      fits(app, 'codes');
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['de', 'en'] as const) {
      const where = `${theme} ${locale}`;
      it(`is axe-clean in every state: ${where}`, async function () {
        this.timeout(60_000);
        for (const preset of ['all', 'passkeyOnly', 'noMobile', 'smsOff'] as const) {
          const el = await mount(preset, { theme, locale });
          await expect(el, `${preset} ${where}`).to.be.accessible();
        }
        const el = await mount('sms', { theme, locale });
        device(() => new Promise(() => {}));
        await press(el, /Passkey hinzufügen|Add a passkey/);
        await expect(el, `step-up ${where}`).to.be.accessible();
        await confirmPassword(el);
        await expect(el, `passkey busy ${where}`).to.be.accessible();
        const app = await mount('sms', { theme, locale });
        await toApp(app);
        await expect(app, `app ${where}`).to.be.accessible();
        type(app, 'one-time-code', '000000');
        await submit(app);
        await waitUntil(() => summary(app), 'wrong code');
        await expect(app, `wrong code ${where}`).to.be.accessible();
        type(app, 'one-time-code', '123456');
        await submit(app);
        await waitUntil(() => root(app).querySelector('ol.codes'), 'no recovery codes');
        await expect(app, `codes ${where}`).to.be.accessible();
        const last = await mount('passkeyOnly', { theme, locale });
        await press(last, /Entfernen|Remove/);
        await confirmPassword(last);
        await waitUntil(() => summary(last), 'no refusal');
        await expect(last, `last factor ${where}`).to.be.accessible();
        const sms = await mount('all', { theme, locale });
        await press(sms, /SMS-Anmeldung ausschalten|Turn off SMS/);
        await expect(sms, `SMS off step ${where}`).to.be.accessible();
        useFakeFactors('sms');
        await confirmPassword(sms);
        await waitUntil(() => summary(sms), 'no refusal');
        await expect(sms, `SMS last factor ${where}`).to.be.accessible();
        const on = await mount('smsOff', { theme, locale });
        await press(on, /SMS-Anmeldung einschalten|Turn on SMS/);
        await expect(on, `SMS on step ${where}`).to.be.accessible();
        await confirmPassword(on);
        await waitUntil(() => notices(on).length, 'no notice');
        await expect(on, `SMS on ${where}`).to.be.accessible();
      });
    }
  }

  it('while acting for a location: no factors (its own administration has them), none fetched', async () => {
    const requests: string[] = [];
    const real = window.fetch;
    window.fetch = (i, init) => (requests.push(new Request(i, init).url), real(i, init));
    try {
      const acting = { actor: { username: 'max.muster', displayName: 'Max Muster' }, mainAccount: { customerNumber: 'DR90000019', displayName: 'Muster Hörtechnik GmbH' } };
      const session = { ...FAKE_SESSION, user: { ...FAKE_SESSION.user, acting } };
      const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session })}></tk-profile>`);
      await settle(el);
      expect(root(el).querySelector('[data-acting]')).to.exist;
      expect(root(el).querySelector('.factors')).to.equal(null);
      expect(requests.filter((u) => u.includes('/v1/me/factors'))).to.deep.equal([]);
    } finally {
      window.fetch = real;
    }
  });

  it('English: the section and the app step', async () => {
    const el = await mount('all', { locale: 'en' });
    await waitUntil(() => text(el).includes('Sign-in and security'), 'English texts');
    expect(text(el)).to.contain('7 of 10 left');
    expect(text(el)).to.contain('SMS code to +49 151 ••••• 78');
    expect(text(el)).to.contain('Passkey — sign in with your fingerprint, face or device PIN.');
  });
});
