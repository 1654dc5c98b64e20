import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widgets/portal/login.js';
import '../../widgets/portal/password-setup.js';
import '../../widgets/portal/profile.js';
import '../../widgets/provider/provider.js';
import type { TkLogin } from '../../widgets/portal/login.js';
import type { TkPasswordSetup } from '../../widgets/portal/password-setup.js';
import type { TkProfile } from '../../widgets/portal/profile.js';
import { FAKE_API, FAKE_KEYS, FAKE_SESSION, fakeKit, installFakeApi } from '../../stories/fake-kit.js';

installFakeApi();

const settle = async (el: HTMLElement & { updateComplete: Promise<unknown> }) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
  }
};
function type(el: HTMLElement, autocomplete: string, value: string, index = 0) {
  const input = el.querySelectorAll<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`)[index]!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
async function submit(el: HTMLElement & { updateComplete: Promise<unknown> }) {
  el.querySelector<HTMLFormElement>('form')!.requestSubmit();
  await settle(el);
}
const summary = (el: HTMLElement) => el.querySelector<HTMLElement>('[data-summary]');

describe('portal widgets and password managers', () => {
  it('username, password, new-password and one-time-code inputs are reachable from document', async () => {
    const login = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    expect(document.querySelector('input[autocomplete="username"]')).to.equal(login.querySelector('input[name="username"]'));
    expect(document.querySelector('input[autocomplete="current-password"]')?.getAttribute('type')).to.equal('password');
    expect(login.shadowRoot).to.equal(null);
    type(login, 'username', 'max.muster');
    type(login, 'current-password', 'richtig');
    await submit(login);
    const pin = document.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
    expect(pin.inputMode).to.equal('numeric');
    expect(pin.closest('tk-login')).to.equal(login);

    const setup = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" username="max.muster" .kit=${fakeKit('de')}></tk-password-setup>`);
    expect(document.querySelectorAll('tk-password-setup input[autocomplete="new-password"]')).to.have.length(2);
    // the username the new password belongs to, for the password manager to save it under
    expect(document.querySelector<HTMLInputElement>('tk-password-setup input[autocomplete="username"]')!.value).to.equal('max.muster');
    expect(setup.shadowRoot).to.equal(null);

    const profile = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de')}></tk-profile>`);
    await settle(profile);
    expect(document.querySelector('tk-profile tk-login input[autocomplete="username"]')).to.exist;
  });
});

describe('<tk-login>', () => {
  it('empty fields: errors at the fields and a summary that takes focus', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    await submit(el);
    expect(el.querySelector('input[name="username"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(summary(el));
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
    expect(el.querySelector('[data-heading]')!.textContent).to.contain('Code aus der SMS');
    expect(document.activeElement).to.equal(el.querySelector('[data-heading]'));
    expect(el.textContent).to.contain('+49 151 ••••• 78');
    type(el, 'one-time-code', '12');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('6-stelligen Code');
    type(el, 'one-time-code', '000000');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Noch 4 Versuche');
    expect(el.querySelector('input[name="pin"]')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    type(el, 'one-time-code', '999999');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('zu oft falsch');
    [...el.querySelectorAll('button')].find((b) => /Neuen Code/.test(b.textContent!))!.click();
    await settle(el);
    expect(el.querySelector('[role="status"]')!.textContent).to.contain('neuen Code');
    await expect(el).to.be.accessible();
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
    expect(el.textContent).to.contain('You are logged in as Max Muster');
    await expect(el).to.be.accessible();
    [...el.querySelectorAll('button')].find((b) => /Log out/.test(b.textContent!))!.click();
    await settle(el);
    expect(kit.session).to.equal(undefined);
    expect(el.querySelector('input[autocomplete="username"]')).to.exist;
  });

  it('forgot password: the same answer for any name', async () => {
    const el = await fixture<TkLogin>(html`<tk-login .kit=${fakeKit('de')}></tk-login>`);
    [...el.querySelectorAll('button')].find((b) => /vergessen/.test(b.textContent!))!.click();
    await settle(el);
    type(el, 'username', 'max@muster.example');
    await submit(el);
    expect(el.querySelector('.tk-success')!.textContent).to.contain('„max@muster.example“');
    await expect(el).to.be.accessible();
  });
});

describe('<tk-password-setup>', () => {
  it('checks length and the repetition before sending; a common password comes back at its field', async () => {
    const el = await fixture<TkPasswordSetup>(html`<tk-password-setup token="good-token-0123456789" .kit=${fakeKit('de')}></tk-password-setup>`);
    type(el, 'new-password', 'zu kurz');
    type(el, 'new-password', 'anders', 1);
    await submit(el);
    expect(el.querySelector('#' + el.querySelector('input[name="password"]')!.id + '-error')!.textContent).to.contain('mindestens 12 Zeichen');
    expect(el.querySelector('#' + el.querySelector('input[name="repeat"]')!.id + '-error')!.textContent).to.contain('stimmen nicht überein');
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
    expect(el.textContent).to.contain('Passwort vergessen?');
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
    expect(el.querySelector('a[href="/#portal"]')).to.exist;
    await expect(el).to.be.accessible();
  });
});

describe('<tk-profile>', () => {
  it('shows the user, changes the e-mail address by link and the mobile number by PIN', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de', { session: FAKE_SESSION })}></tk-profile>`);
    await settle(el);
    expect(el.querySelector('dl')!.textContent).to.contain('DR90000019');
    await expect(el).to.be.accessible();
    [...el.querySelectorAll('button')].find((b) => /E-Mail-Adresse ändern/.test(b.textContent!))!.click();
    await settle(el);
    type(el, 'email', 'kein-at');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('gültige E-Mail');
    type(el, 'email', 'neu@firma.example');
    await submit(el);
    expect(el.querySelector('[role="status"]')!.textContent).to.contain('neu@firma.example');

    [...el.querySelectorAll('button')].find((b) => /Mobilnummer ändern/.test(b.textContent!))!.click();
    await settle(el);
    type(el, 'tel', '030 1234567');
    await submit(el);
    expect(summary(el)!.textContent).to.contain('Mobilnummer');
    type(el, 'tel', '0171 9876543');
    await submit(el);
    type(el, 'one-time-code', '123456');
    await submit(el);
    expect(el.querySelector('[role="status"]')!.textContent).to.contain('neue Mobilnummer');
    expect(el.querySelector('dl')!.textContent).to.contain('43');
    await expect(el).to.be.accessible();
  });

  it('logging in inside the profile moves focus to the profile; logging out back to the login', async () => {
    const el = await fixture<TkProfile>(html`<tk-profile .kit=${fakeKit('de')}></tk-profile>`);
    await settle(el);
    type(el, 'username', 'max.muster');
    type(el, 'current-password', 'richtig');
    el.querySelector('tk-login')!.querySelector('form')!.requestSubmit();
    await settle(el);
    type(el, 'one-time-code', '123456');
    el.querySelector('tk-login')!.querySelector('form')!.requestSubmit();
    await settle(el);
    await waitUntil(() => el.querySelector('dl'));
    expect(document.activeElement?.textContent).to.equal('Benutzerverwaltung');
    [...el.querySelectorAll('button')].find((b) => /Abmelden/.test(b.textContent!))!.click();
    await settle(el);
    await waitUntil(() => el.querySelector('input[autocomplete="username"]'));
    expect(document.activeElement?.textContent).to.equal('Anmelden');
    await expect(el).to.be.accessible();
  });

  it('an expired session: the provider fires tk-session-expired and the login comes back', async () => {
    sessionStorage.setItem(`telkit.session.v1|${FAKE_API}|${FAKE_KEYS.good}`, JSON.stringify({ ...FAKE_SESSION, token: FAKE_KEYS.expiredSession }));
    const provider = await fixture(html`<tk-provider api=${FAKE_API} publishable-key=${FAKE_KEYS.good} persist-session><tk-profile></tk-profile></tk-provider>`);
    const expired = await oneEvent(provider, 'tk-session-expired');
    expect(expired).to.exist;
    const profile = provider.querySelector('tk-profile')!;
    await waitUntil(() => profile.querySelector('input[autocomplete="username"]'));
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
    expect(alive.querySelector('tk-profile dl')).to.exist;
    alive.remove();

    sessionStorage.setItem(key, JSON.stringify({ ...FAKE_SESSION, token: FAKE_KEYS.expiredSession, expiresAt: soon() }));
    const idle = await fixture(html`<tk-provider api=${FAKE_API} publishable-key=${FAKE_KEYS.good} persist-session><tk-login></tk-login></tk-provider>`);
    const login = idle.querySelector('tk-login')!;
    await waitUntil(() => login.textContent!.includes('angemeldet als'), 'logged in at first');
    await oneEvent(idle, 'tk-session-expired');
    await waitUntil(() => login.querySelector('input[autocomplete="username"]'), 'the login is back', { timeout: 4000 });
  });
});
