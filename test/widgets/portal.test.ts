import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../widgets/portal/login.js';
import '../../widgets/portal/password-setup.js';
import '../../widgets/portal/profile.js';
import '../../widgets/provider/provider.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import type { TkLogin } from '../../widgets/portal/login.js';
import type { TkPasswordSetup } from '../../widgets/portal/password-setup.js';
import type { TkProfile } from '../../widgets/portal/profile.js';
import type { TkTextField } from '../../widgets/primitives/text-field.js';
import { FAKE_API, FAKE_KEYS, FAKE_SESSION, fakeKit, installFakeApi } from '../../stories/fake-kit.js';
import { button, deepActive, deepAll, settle, submit as requestSubmit, typeInto as type } from '../../stories/portal-steps.js';

installFakeApi();
// The provider loads a non-default locale before its widgets show; without one, English comes first here,
// for every catalogue: the PIN step's too, which a page gets with the first code sent.
// The passkey sign-in's and the second factors' catalogues too (the login loads them after its first render).
before(async () => {
  await import('../../widgets/portal/pin-step.messages.js');
  await import('../../widgets/portal/passkey.js');
  await import('../../contract/messages/factor-errors.js');
  await import('../../widgets/portal/factors.js'); // the profile's section of sign-in factors, and its texts
  await loadLocale('en');
});

type Widget = HTMLElement & { updateComplete: Promise<unknown>; requestUpdate(): void };
async function submit(el: Widget) {
  requestSubmit(el);
  await settle(el);
}
async function press(el: Widget, text: RegExp) {
  button(el, text).click();
  await settle(el);
}
const summary = (el: HTMLElement) => deepAll(el, '[data-error-summary]')[0];
/** The success banner's text (the widget's own, not a nested login's). */
const banner = (el: HTMLElement) => el.shadowRoot!.querySelector('.notice')?.textContent ?? '';
const heading = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('[data-heading]')!;
const field = (el: HTMLElement, name: string) => deepAll<TkTextField>(el, `tk-text-field[name="${name}"]`)[0]!;
const input = (el: HTMLElement, name: string) => {
  const f = field(el, name);
  return (f.credential ? f.querySelector('input') : f.shadowRoot!.querySelector('input'))!;
};

describe('portal widgets and password managers', () => {
  it('username, password, new-password and one-time-code inputs are reachable from document', async () => {
    const login = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    await settle(login);
    expect(document.querySelector('input[autocomplete="username webauthn"]')).to.equal(input(login, 'username'));
    expect(document.querySelector('input[autocomplete="current-password"]')?.getAttribute('type')).to.equal('password');
    expect(login.shadowRoot).to.exist; // everything but the credential inputs lives in its shadow root
    // username and password share a form of their own, as password managers expect
    expect(input(login, 'username').form).to.not.equal(null);
    expect(input(login, 'username').form).to.equal(input(login, 'password').form);
    type(login, 'username', 'max.muster');
    type(login, 'current-password', 'richtig');
    await submit(login);
    // the PIN step's code is fetched with the first code sent: on a busy machine it takes longer than settle()
    await waitUntil(() => document.querySelector('input[autocomplete="one-time-code"]'), 'no PIN step');
    const pin = document.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
    expect(pin.inputMode).to.equal('numeric');
    expect(pin.closest('tk-login')).to.equal(login);

    const setup = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" username="max.muster" .kit=${fakeKit('de')}></tk-password-setup>`);
    await settle(setup);
    expect(document.querySelectorAll('tk-password-setup input[autocomplete="new-password"]')).to.have.length(2);
    // the username the new password belongs to, for the password manager to save it under
    expect(document.querySelector<HTMLInputElement>('tk-password-setup input[autocomplete="username"]')!.value).to.equal('max.muster');

    const profile = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de')}></tk-profile>`);
    await settle(profile);
    expect(document.querySelector('tk-profile tk-login input[autocomplete~="username"]')).to.exist;
    // a profile's own fields are no credentials: they stay in its shadow root
    expect(profile.shadowRoot).to.exist;
  });

  it('one focus-ring token reaches a shadow-DOM button and a light-DOM credential input', async () => {
    const login = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')} style="--tk-focus-ring-color: rgb(10, 20, 30)"></tk-login>`);
    await settle(login);
    const credential = input(login, 'username');
    credential.focus();
    expect(getComputedStyle(credential).outlineColor).to.equal('rgb(10, 20, 30)');
    const submitButton = button(login, /Anmelden/);
    submitButton.focus();
    expect(getComputedStyle(submitButton).outlineColor).to.equal('rgb(10, 20, 30)');
  });
});

describe('<tk-login>', () => {
  it('empty fields: errors at the fields and a summary that takes focus', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    await submit(el);
    expect(input(el, 'username').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(summary(el));
    expect(summary(el)!.textContent).to.contain('Benutzername');
    await expect(el).to.be.accessible();
  });

  it('a wrong password is said in the summary; a wrong PIN says how many tries are left; a locked PIN offers a new one', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'falsch');
    const failed = oneEvent(el, 'tk-error');
    await submit(el);
    expect((await failed).detail.code).to.equal('invalid_credentials');
    expect(summary(el)!.textContent).to.contain('Benutzername oder Passwort stimmen nicht');
    await expect(el).to.be.accessible();

    type(el, 'current-password', 'richtig');
    await submit(el);
    expect(heading(el).textContent).to.contain('Code aus der SMS');
    expect(deepActive()).to.equal(heading(el));
    expect(el.shadowRoot!.textContent).to.contain('+49 151 ••••• 78');
    type(el, 'one-time-code', '12');
    await submit(el);
    expect(field(el, 'pin').shownError).to.contain('6-stelligen Code');
    type(el, 'one-time-code', '000000');
    await submit(el);
    expect(el.shadowRoot!.querySelector('.pin-news')!.textContent).to.contain('Noch 4 Versuche');
    expect(input(el, 'pin').getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'pin').shownError).to.contain('Der Code stimmt nicht');
    await expect(el).to.be.accessible();
    type(el, 'one-time-code', '999999');
    await submit(el);
    expect(field(el, 'pin').shownError).to.contain('zu oft falsch');
    expect(button(el, /Neuen Code/).disabled).to.equal(true); // the countdown of the first code still runs
  });

  it('the right PIN logs in: the session goes to the kit, tk-complete fires, logout ends it', async () => {
    const kit = fakeKit('en');
    const el = await fixture<TkLogin>(html`<tk-login .kit=${kit}></tk-login>`);
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'richtig');
    await submit(el);
    type(el, 'one-time-code', '123 456');
    const done = oneEvent(el, 'tk-complete');
    await submit(el);
    expect((await done).detail.user.username).to.equal('max.muster');
    expect(kit.session?.token).to.equal(FAKE_SESSION.token);
    expect(el.shadowRoot!.textContent).to.contain('You are logged in as Max Muster');
    await expect(el).to.be.accessible();
    await press(el, /Log out/);
    expect(kit.session).to.equal(undefined);
    expect(el.querySelector('input[autocomplete~="username"]')).to.exist;
    expect(el.shadowRoot!.textContent).to.contain('You are logged out');
  });

  it('forgot password: the same answer for any name', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    await press(el, /vergessen/);
    // its code comes when chosen, alongside the passkey sign-in's: that may take longer than settle()
    await waitUntil(() => heading(el).textContent?.includes('vergessen'), 'no forgot step');
    type(el, 'username', 'max@muster.example');
    await submit(el);
    expect(banner(el)).to.contain('„max@muster.example“');
    await expect(el).to.be.accessible();
  });

  it('says "username or e-mail address"; a rate limit says the server\'s Retry-After in minutes and seconds', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    await settle(el);
    expect(field(el, 'username').label).to.equal('Benutzername oder E-Mail-Adresse');
    type(el, 'username', 'limited'); // the fake BFF answers 429 with Retry-After: 109
    type(el, 'current-password', 'richtig');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Bitte warten Sie 1 Min. 49 Sek.');
    expect(summary(el)!.textContent).to.not.contain('60');

    const en = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('en')}></tk-login>`);
    await settle(en);
    expect(field(en, 'username').label).to.equal('Username or e-mail address');
    type(en, 'username', 'limited');
    type(en, 'current-password', 'richtig');
    await submit(en);
    expect(summary(en)!.textContent).to.contain('Please wait 1 min 49 sec.');
  });
});

describe('portal feedback and focus', () => {
  /**
   * Each text a live region (role status or alert) of the widget takes on, in order: what a screen reader
   * announces. The busy buttons' own "please wait" is left out: it is about the button, once per submit.
   */
  function announcements(el: HTMLElement) {
    const said: string[] = [];
    const busy = /^Bitte warten, wird gesendet/;
    const seen = new Map<Element, string>();
    const look = () => {
      for (const region of deepAll(el, '[role="status"], [role="alert"]')) {
        const text = region.textContent!.trim();
        if (text && seen.get(region) !== text && !busy.test(text)) said.push(text);
        seen.set(region, text);
      }
    };
    look();
    said.length = 0; // what was there before is no news
    const observer = new MutationObserver(look);
    for (const root of [el, ...deepAll(el, '*')].map((e) => e.shadowRoot ?? e)) observer.observe(root, { subtree: true, childList: true, characterData: true });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    return { said, stop: () => observer.disconnect() };
  }
  const ring = (el: HTMLElement) => {
    const style = getComputedStyle(el);
    return [style.outlineStyle, parseFloat(style.outlineWidth) > 0];
  };

  it('login → PIN and PIN → profile: focus on the heading, with a visible focus ring even after a mouse click', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de')}></tk-profile>`);
    await settle(el);
    const login = el.querySelector('tk-login')!;
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'richtig');
    // A mouse user: the heading that takes focus after it would not match :focus-visible.
    const box = button(login, /^Anmelden$/).getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await settle(el);
    await waitUntil(() => document.querySelector('input[autocomplete="one-time-code"]'));
    await settle(el);
    expect(deepActive()).to.equal(heading(login));
    expect(ring(heading(login))).to.deep.equal(['solid', true]);
    type(el, 'one-time-code', '123456');
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('dl'));
    await settle(el);
    expect(deepActive()).to.equal(heading(el));
    expect(heading(el).textContent).to.equal('Mein Profil');
    expect(ring(heading(el))).to.deep.equal(['solid', true]);
    await expect(el).to.be.accessible();
  });

  it('"link sent", "mobile saved" and "logged out" are success banners, each announced once', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: FAKE_SESSION })}></tk-profile>`);
    await settle(el);
    await press(el, /E-Mail-Adresse ändern/);
    type(el, 'current-password', 'richtig');
    type(el, 'email', 'neu@firma.example');
    let live = announcements(el);
    await submit(el);
    live.stop();
    expect(live.said).to.deep.equal([banner(el)]);
    expect(banner(el)).to.contain('neu@firma.example');
    await expect(el).to.be.accessible();

    await press(el, /Mobilnummer ändern/);
    type(el, 'tel', '0171 9876543');
    await submit(el);
    type(el, 'one-time-code', '123456');
    live = announcements(el);
    await submit(el);
    await settle(el);
    live.stop();
    expect(live.said).to.deep.equal(['Ihre neue Mobilnummer ist gespeichert.']);
    expect(banner(el)).to.equal('Ihre neue Mobilnummer ist gespeichert.');

    live = announcements(el);
    await press(el, /Abmelden/);
    await waitUntil(() => el.querySelector('input[autocomplete~="username"]'));
    await settle(el);
    live.stop();
    expect(live.said).to.deep.equal(['Sie sind abgemeldet.']);
    expect(deepActive()?.textContent).to.equal('Anmelden');
    await expect(el).to.be.accessible();
  });

  it('"new code sent" is one live region update; a refused one says the server\'s wait', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'richtig');
    await submit(el);
    await waitUntil(() => document.querySelector('input[autocomplete="one-time-code"]'));
    const now = Date.now;
    try {
      Date.now = () => now() + 31_000;
      el.requestUpdate();
      await settle(el);
      const live = announcements(el);
      await press(el, /Neuen Code/);
      live.stop();
      expect(live.said).to.deep.equal(['Wir haben einen neuen Code an +49 151 ••••• 78 gesendet. Der vorige Code gilt nicht mehr.']);
    } finally {
      Date.now = now;
    }
  });
});

describe('the PIN step', () => {
  const atPin = async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'richtig');
    await submit(el);
    return el;
  };
  const realNow = Date.now;
  afterEach(() => (Date.now = realNow));
  /** Lets time pass for the countdown; resolves once the widget has re-rendered with it. */
  const wait = async (el: Widget, seconds: number) => {
    const now = Date.now;
    Date.now = () => now() + seconds * 1000;
    el.requestUpdate();
    await settle(el);
  };
  const resendLabel = (el: HTMLElement) => deepAll(el, 'tk-button').find((b) => /Neuen Code/.test(b.textContent!))!.textContent!.trim();

  it('a code field for SMS autofill; a new code only after the countdown, which the button shows', async () => {
    const el = await atPin();
    const code = input(el, 'pin');
    expect([code.autocomplete, code.inputMode, code.getAttribute('aria-describedby')?.length! > 0]).to.deep.equal(['one-time-code', 'numeric', true]);
    const resend = button(el, /Neuen Code/);
    expect(resend.disabled).to.equal(true);
    expect(resendLabel(el)).to.match(/^Neuen Code senden \(in 0:(30|29)\)$/);
    resend.click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('.pin-news')!.textContent).to.equal(''); // nothing was sent
    await waitUntil(() => /in 0:(29|28)\)/.test(resendLabel(el)), 'the countdown moves on by itself', { timeout: 2500 });
    await wait(el, 12);
    expect(resendLabel(el)).to.match(/in 0:1[678]\)/);
    await wait(el, 20);
    expect(button(el, /Neuen Code/).disabled).to.equal(false);
    expect(resendLabel(el)).to.equal('Neuen Code senden');
    await press(el, /Neuen Code/);
    // one live region says it once; focus goes where the new code is typed, the button counts down again
    const status = [...el.shadowRoot!.querySelectorAll('[role="status"]')].filter((r) => r.textContent!.trim());
    expect(status).to.have.length(1);
    expect(status[0]!.textContent).to.contain('Wir haben einen neuen Code an +49 151 ••••• 78 gesendet');
    expect(deepActive()).to.equal(input(el, 'pin'));
    expect(button(el, /Neuen Code/).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a refused resend waits as long as the server says (Retry-After)', async () => {
    const el = await atPin();
    await wait(el, 31);
    await press(el, /Neuen Code/);
    await wait(el, 31);
    await press(el, /Neuen Code/);
    expect(el.shadowRoot!.querySelector('.pin-news')!.textContent).to.contain('in 1 Min. 30 Sek.');
    expect(button(el, /Neuen Code/).disabled).to.equal(true);
    expect(resendLabel(el)).to.match(/\(in 1:(30|29)\)$/);
  });

  it('shows the tries left; a locked code says what to do and leads to a new one', async () => {
    const el = await atPin();
    type(el, 'one-time-code', '000000');
    await submit(el);
    expect(el.shadowRoot!.textContent).to.contain('Noch 4 Versuche mit diesem Code.');
    type(el, 'one-time-code', '999999');
    await submit(el);
    expect(field(el, 'pin').shownError).to.equal('Der Code wurde zu oft falsch eingegeben und gilt nicht mehr. Fordern Sie mit „Neuen Code senden“ einen neuen Code an.');
    expect(deepAll(el, 'tk-button').map((b) => b.textContent!.trim())).to.not.include('Bestätigen'); // nothing left to confirm
    await wait(el, 31);
    await press(el, /Neuen Code/);
    expect(field(el, 'pin').shownError).to.equal('');
    expect(deepAll(el, 'tk-button').map((b) => b.textContent!.trim())).to.include('Bestätigen');
    await expect(el).to.be.accessible();
  });
});

describe('<tk-password-setup>', () => {
  it('checks length and the repetition before sending; a common password comes back at its field', async () => {
    const el = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" .kit=${fakeKit('de')}></tk-password-setup>`);
    type(el, 'new-password', 'zu kurz');
    type(el, 'new-password', 'anders', 1);
    await submit(el);
    expect(field(el, 'password').shownError).to.contain('mindestens 12 Zeichen');
    expect(document.getElementById(input(el, 'repeat').id + '-error')!.textContent).to.contain('stimmen nicht überein');
    await expect(el).to.be.accessible();
    type(el, 'new-password', 'passwortpasswort');
    type(el, 'new-password', 'passwortpasswort', 1);
    await submit(el);
    expect(summary(el)!.textContent).to.contain('weit verbreitet');
    await expect(el).to.be.accessible();
  });

  it('an expired link says so and where to get a new one', async () => {
    const el = await fixture<TkPasswordSetup>(html`<tk-password-setup token="expired-token-0123456789" .kit=${fakeKit('de')}></tk-password-setup>`);
    type(el, 'new-password', 'ein langes gutes Passwort');
    type(el, 'new-password', 'ein langes gutes Passwort', 1);
    await submit(el);
    expect(summary(el)!.textContent).to.contain('abgelaufen');
    expect(el.shadowRoot!.textContent).to.contain('Passwort vergessen?');
    await expect(el).to.be.accessible();
  });

  it('the PIN confirms the password; success leads to the login', async () => {
    const el = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" login-url="/#portal" .kit=${fakeKit('de')}></tk-password-setup>`);
    type(el, 'new-password', 'ein langes gutes Passwort');
    type(el, 'new-password', 'ein langes gutes Passwort', 1);
    await submit(el);
    type(el, 'one-time-code', '123456');
    const done = oneEvent(el, 'tk-complete');
    await submit(el);
    expect((await done).detail.username).to.equal('max.muster');
    expect(deepAll(el, 'a[href="/#portal"]')).to.have.length(1);
    await expect(el).to.be.accessible();
  });
});

describe('<tk-profile>', () => {
  it('shows the user, changes the e-mail address by link and the mobile number by PIN', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: FAKE_SESSION })}></tk-profile>`);
    await settle(el);
    expect(el.shadowRoot!.querySelector('dl')!.textContent).to.contain('DR90000019');
    expect(el.shadowRoot!.querySelector('dl')!.textContent).to.contain('Administrator Kundenportal'); // a business account's admin
    await expect(el).to.be.accessible();
    await press(el, /E-Mail-Adresse ändern/);
    type(el, 'current-password', 'richtig');
    type(el, 'email', 'kein-at');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('gültige E-Mail');
    type(el, 'email', 'neu@firma.example');
    await submit(el);
    expect(banner(el)).to.contain('neu@firma.example');

    await press(el, /Mobilnummer ändern/);
    type(el, 'tel', '030 1234567');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Mobilnummer');
    type(el, 'tel', '0171 9876543');
    await submit(el);
    type(el, 'one-time-code', '123456');
    await submit(el);
    expect(banner(el)).to.contain('neue Mobilnummer');
    expect(el.shadowRoot!.querySelector('dl')!.textContent).to.contain('43');
    await expect(el).to.be.accessible();
  });

  it('asks for the password inline before an e-mail or mobile change, once for 5 minutes; again when the server says it ran out', async () => {
    const requests: string[] = [];
    const real = window.fetch;
    window.fetch = (i, init) => (requests.push(new Request(i, init).url.replace(FAKE_API, '')), real(i, init));
    try {
      const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: FAKE_SESSION })}></tk-profile>`);
      await settle(el);
      await press(el, /E-Mail-Adresse ändern/);
      // one short prompt in the same form, in the light DOM for password managers
      const password = document.querySelector<HTMLInputElement>('tk-profile input[autocomplete="current-password"]')!;
      expect(password.type).to.equal('password');
      expect(field(el, 'password').label).to.equal('Passwort bestätigen');
      await expect(el).to.be.accessible();
      type(el, 'email', 'neu@firma.example');
      await submit(el);
      expect(summary(el)!.textContent).to.contain('Passwort bestätigen: Bitte füllen Sie dieses Feld aus.');
      // nothing sent (the view's section of sign-in factors loaded with it, before)
      expect(requests.filter((u) => u.startsWith('/v1/me/') && u !== '/v1/me/factors')).to.deep.equal([]);
      type(el, 'current-password', 'falsch');
      await submit(el);
      expect(field(el, 'password').shownError).to.contain('Das Passwort stimmt nicht');
      expect(summary(el)!.textContent).to.contain('Passwort bestätigen: Das Passwort stimmt nicht');
      await expect(el).to.be.accessible();
      type(el, 'current-password', 'richtig');
      await submit(el);
      expect(requests.slice(-2)).to.deep.equal(['/v1/me/step-up', '/v1/me']); // then the change goes on
      expect(banner(el)).to.contain('neu@firma.example');

      await press(el, /Mobilnummer ändern/);
      expect(document.querySelector('tk-profile input[autocomplete="current-password"]')).to.equal(null); // no second prompt
      await press(el, /Abbrechen/);
      await press(el, /E-Mail-Adresse ändern/);
      type(el, 'email', 'abgelaufen@firma.example'); // the server finds the step-up over
      await submit(el);
      expect(summary(el)!.textContent).to.contain('Bitte bestätigen Sie zuerst Ihr Passwort');
      expect(document.querySelector('tk-profile input[autocomplete="current-password"]')).to.exist;
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = real;
    }
  });

  it('changes the password with the rules and hints of setting one', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: FAKE_SESSION })}></tk-profile>`);
    await settle(el);
    await press(el, /Passwort ändern/);
    expect(deepActive()).to.equal(heading(el));
    expect(heading(el).textContent).to.equal('Passwort ändern');
    expect(document.querySelectorAll('tk-profile input[autocomplete="new-password"]')).to.have.length(2);
    expect(document.querySelector<HTMLInputElement>('tk-profile input[autocomplete="username"]')!.value).to.equal('max.muster');
    expect(field(el, 'newPassword').hint).to.equal('12 bis 128 Zeichen, keine weiteren Regeln'); // as when setting one
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Aktuelles Passwort: Bitte füllen Sie dieses Feld aus.');
    type(el, 'current-password', 'falsch');
    type(el, 'new-password', 'zu kurz');
    type(el, 'new-password', 'anders', 1);
    await submit(el);
    expect(field(el, 'newPassword').shownError).to.contain('mindestens 12 Zeichen');
    expect(field(el, 'repeat').shownError).to.contain('stimmen nicht überein');
    await expect(el).to.be.accessible();
    type(el, 'new-password', 'passwortpasswort');
    type(el, 'new-password', 'passwortpasswort', 1);
    await submit(el);
    expect(field(el, 'currentPassword').shownError).to.contain('Das Passwort stimmt nicht');
    type(el, 'current-password', 'richtig');
    await submit(el);
    expect(field(el, 'newPassword').shownError).to.contain('weit verbreitet');
    type(el, 'new-password', 'blaue Berge im Abendlicht');
    type(el, 'new-password', 'blaue Berge im Abendlicht', 1);
    const done = oneEvent(el, 'tk-complete');
    await submit(el);
    expect((await done).detail).to.deep.equal({ change: 'password' });
    expect(banner(el)).to.contain('Ihr neues Passwort ist gespeichert');
    expect(deepActive()).to.equal(heading(el));
    expect(document.querySelector('tk-profile input[autocomplete="new-password"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('"Mein Profil" / "My profile"; a private customer is the account holder, not the portal administrator', async () => {
    // A token the fake BFF does not know: the profile shows what the session knows, a private customer.
    const privateUser = { ...FAKE_SESSION, token: 'tk_ses_unknown', user: { ...FAKE_SESSION.user, account: { customerNumber: 'DR1', accountType: 'private' } } };
    for (const [locale, title, role] of [['de', 'Mein Profil', 'Kontoinhaber'], ['en', 'My profile', 'Account holder']] as const) {
      const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit(locale, { session: privateUser })}></tk-profile>`);
      await settle(el);
      expect(heading(el).textContent).to.equal(title);
      expect(el.shadowRoot!.querySelector('dl')!.textContent).to.contain(role);
      expect(el.shadowRoot!.querySelector('dl')!.textContent).to.not.match(/Administrator|administrator/);
    }
  });

  it('loads /v1/me with the session; a failed load says so', async () => {
    const requests: string[] = [];
    const real = window.fetch;
    window.fetch = (i, init) => (requests.push(new Request(i, init).url), real(i, init));
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: FAKE_SESSION })}></tk-profile>`);
    await settle(el);
    window.fetch = real;
    expect(requests.filter((u) => u.endsWith('/v1/me'))).to.have.length(1);
    expect(el.shadowRoot!.querySelector('tk-alert')).to.equal(null);

    const refused = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: { ...FAKE_SESSION, token: 'tk_ses_unknown' } })}></tk-profile>`);
    await settle(refused);
    expect(refused.shadowRoot!.querySelector('tk-alert[variant="error"]')!.textContent).to.contain('Unauthorized');
    expect(refused.shadowRoot!.querySelector('dl')!.textContent).to.contain('max.muster'); // what the session knows
  });

  it('logging in inside the profile moves focus to the profile; logging out back to the login', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de')}></tk-profile>`);
    await settle(el);
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'richtig');
    await submit(el);
    type(el, 'one-time-code', '123456');
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('dl'));
    expect(deepActive()?.textContent).to.equal('Mein Profil');
    await press(el, /Abmelden/);
    await waitUntil(() => el.querySelector('input[autocomplete~="username"]'));
    await settle(el);
    expect(deepActive()?.textContent).to.equal('Anmelden');
    await expect(el).to.be.accessible();
  });

  it('an expired session: the provider fires tk-session-expired and the login comes back', async () => {
    sessionStorage.setItem(`telkit.session.v1|${FAKE_API}|${FAKE_KEYS.good}`, JSON.stringify({ ...FAKE_SESSION, token: FAKE_KEYS.expiredSession }));
    const provider = await fixture(html`<tk-provider api=${FAKE_API} publishable-key=${FAKE_KEYS.good} persist-session><tk-profile></tk-profile></tk-provider>`);
    const expired = await oneEvent(provider, 'tk-session-expired');
    expect(expired).to.exist;
    const profile = provider.querySelector('tk-profile')!;
    await waitUntil(() => profile.querySelector('input[autocomplete~="username"]'));
    expect(profile.shadowRoot!.textContent).to.contain('Sitzung ist abgelaufen');
    expect(sessionStorage.getItem(`telkit.session.v1|${FAKE_API}|${FAKE_KEYS.good}`)).to.equal(null);
  });
});

describe('<tk-provider> and an idle session', () => {
  const key = `telkit.session.v1|${FAKE_API}|${FAKE_KEYS.good}`;
  it('at the known expiry it asks the BFF: a session still alive moves on, an ended one brings the login back', async () => {
    const soon = () => new Date(Date.now() + 200).toISOString();
    sessionStorage.setItem(key, JSON.stringify({ ...FAKE_SESSION, expiresAt: soon() }));
    const alive = await fixture(html`<tk-provider api=${FAKE_API} publishable-key=${FAKE_KEYS.good} persist-session><tk-profile></tk-profile></tk-provider>`);
    await waitUntil(() => Date.parse(JSON.parse(sessionStorage.getItem(key) ?? '{}').expiresAt) > Date.now() + 60_000, 'expiry moved on', { timeout: 4000 });
    expect(alive.querySelector('tk-profile')!.shadowRoot!.querySelector('dl')).to.exist;
    alive.remove();

    sessionStorage.setItem(key, JSON.stringify({ ...FAKE_SESSION, token: FAKE_KEYS.expiredSession, expiresAt: soon() }));
    const idle = await fixture(html`<tk-provider api=${FAKE_API} publishable-key=${FAKE_KEYS.good} persist-session><tk-login></tk-login></tk-provider>`);
    const login = idle.querySelector('tk-login')!;
    await waitUntil(() => login.shadowRoot!.textContent!.includes('angemeldet als'), 'logged in at first');
    await oneEvent(idle, 'tk-session-expired');
    await waitUntil(() => login.querySelector('input[autocomplete~="username"]'), 'the login is back', { timeout: 4000 });
  });
});
