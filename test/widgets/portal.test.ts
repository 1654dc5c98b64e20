import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
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
before(async () => {
  await import('../../widgets/portal/pin-step.messages.js');
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
    expect(document.querySelector('input[autocomplete="username"]')).to.equal(input(login, 'username'));
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
    expect(document.querySelector('tk-profile tk-login input[autocomplete="username"]')).to.exist;
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
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Noch 4 Versuche');
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
    expect(el.querySelector('input[autocomplete="username"]')).to.exist;
    expect(el.shadowRoot!.textContent).to.contain('You are logged out');
  });

  it('forgot password: the same answer for any name', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    await press(el, /vergessen/);
    type(el, 'username', 'max@muster.example');
    await submit(el);
    expect(el.shadowRoot!.querySelector('tk-alert[variant="success"]')!.textContent).to.contain('„max@muster.example“');
    await expect(el).to.be.accessible();
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
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(''); // nothing was sent
    await waitUntil(() => /in 0:(29|28)\)/.test(resendLabel(el)), 'the countdown moves on by itself', { timeout: 2500 });
    await wait(el, 12);
    expect(resendLabel(el)).to.match(/in 0:1[678]\)/);
    await wait(el, 20);
    expect(button(el, /Neuen Code/).disabled).to.equal(false);
    expect(resendLabel(el)).to.equal('Neuen Code senden');
    await press(el, /Neuen Code/);
    // one live region says it once; focus goes where the new code is typed, the button counts down again
    const status = el.shadowRoot!.querySelectorAll('[role="status"]');
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
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('in 2 Minuten');
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
    await expect(el).to.be.accessible();
    await press(el, /E-Mail-Adresse ändern/);
    type(el, 'email', 'kein-at');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('gültige E-Mail');
    type(el, 'email', 'neu@firma.example');
    await submit(el);
    expect(el.shadowRoot!.querySelector('tk-alert[variant="success"]')!.textContent).to.contain('neu@firma.example');

    await press(el, /Mobilnummer ändern/);
    type(el, 'tel', '030 1234567');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Mobilnummer');
    type(el, 'tel', '0171 9876543');
    await submit(el);
    type(el, 'one-time-code', '123456');
    await submit(el);
    expect(el.shadowRoot!.querySelector('tk-alert[variant="success"]')!.textContent).to.contain('neue Mobilnummer');
    expect(el.shadowRoot!.querySelector('dl')!.textContent).to.contain('43');
    await expect(el).to.be.accessible();
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
    expect(deepActive()?.textContent).to.equal('Benutzerverwaltung');
    await press(el, /Abmelden/);
    await waitUntil(() => el.querySelector('input[autocomplete="username"]'));
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
    await waitUntil(() => profile.querySelector('input[autocomplete="username"]'));
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
    await waitUntil(() => login.querySelector('input[autocomplete="username"]'), 'the login is back', { timeout: 4000 });
  });
});
