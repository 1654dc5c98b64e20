import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/portal/login.js';
import '../../widgets/provider/provider.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import type { Kit } from '../../widgets/core/context.js';
import type { TkLogin } from '../../widgets/portal/login.js';
import type { TkTextField } from '../../widgets/primitives/text-field.js';
import { fakeKit, installFakeApi, installSecondFactorFakes, routeFakeApi, stubPasskeys } from '../../stories/fake-kit.js';
import { button, deepActive, deepAll, settle, submit as requestSubmit, typeInto as type } from '../../stories/portal-steps.js';

installFakeApi();
installSecondFactorFakes();
/** When set, the fake BFF's passkey options route answers this way (a refusal, a rate limit, no connection). */
let optionsAnswer: (() => Promise<Response>) | undefined;
routeFakeApi((path) => Boolean(optionsAnswer) && path === '/v1/sessions/passkey/options', () => optionsAnswer!());
const refusal = (status: number, code: string, title: string, retryAfter?: string) => async () =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, requestId: 'test' }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...(retryAfter && { 'retry-after': retryAfter }) },
  });
afterEach(() => (optionsAnswer = undefined));
/** The requests for another factor's step ("use another method"), counted on their way to the fake BFF. */
let factorRequests = 0;
routeFakeApi(
  (path) => {
    if (path === '/v1/sessions/factor') factorRequests++;
    return false;
  },
  () => Promise.reject(new Error('never claimed')),
);

/** The browser's passkeys end every request, the automatic one too, with `name` (`TypeError` as the plain error). */
function failPasskeys(name: string): CredentialMediationRequirement[] {
  const requests: CredentialMediationRequirement[] = [];
  const fail = (o?: CredentialRequestOptions) => {
    requests.push(o?.mediation ?? 'optional');
    return Promise.reject(name === 'TypeError' ? new TypeError('not a function') : new DOMException('failed', name));
  };
  Object.defineProperty(navigator, 'credentials', { configurable: true, value: { get: fail, create: fail } });
  return requests;
}
// The provider loads a non-default locale before its widgets show; here every catalogue comes first.
before(async () => {
  await import('../../widgets/portal/pin-step.messages.js');
  await import('../../widgets/portal/passkey.js');
  await import('../../contract/messages/factor-errors.js');
  await loadLocale('en');
});

/** The demo's dark brand theme (demo/theme-dark.css): token values only. */
const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

/** A kit whose tenant's passkeys belong to this page's host (the fake tenant's belong to the fake BFF's). */
function passkeyKit(locale: 'de' | 'en' = 'de'): Kit {
  const kit = fakeKit(locale);
  kit.tenant = { ...kit.tenant!, passkeys: { rpId: location.hostname } };
  return kit;
}

async function mount(o: { locale?: 'de' | 'en'; theme?: 'light' | 'dark'; passkeys?: boolean } = {}) {
  const kit = o.passkeys ? passkeyKit(o.locale) : fakeKit(o.locale ?? 'de');
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${o.theme ?? 'light'} .kit=${kit}><tk-login></tk-login></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkLogin>('tk-login')!;
  await settle(el);
  return el;
}
const heading = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('[data-heading]')!;
const field = (el: HTMLElement, name: string) => deepAll<TkTextField>(el, `tk-text-field[name="${name}"]`)[0]!;
const summary = (el: HTMLElement) => deepAll(el, '[data-error-summary]')[0]?.textContent ?? '';
const news = (el: HTMLElement) => el.shadowRoot!.querySelector('.pin-news')?.textContent ?? '';
async function login(el: TkLogin, username: string, title: RegExp) {
  type(el, 'username', username);
  type(el, 'current-password', 'richtig');
  requestSubmit(el);
  await waitUntil(() => title.test(heading(el).textContent ?? ''), `no step ${title}`);
  await settle(el);
}
async function press(el: HTMLElement, text: RegExp) {
  button(el, text).click();
  await settle(el as TkLogin);
}

describe('tk-login: passkey sign-in', () => {
  it('the username asks for passkey autofill; where the tenant\'s passkeys work, an autofill request waits and a button signs in', async () => {
    const seen = stubPasskeys('passkey-1');
    const el = await mount({ passkeys: true });
    expect(el.querySelector('input[autocomplete="username webauthn"]')).to.exist;
    await waitUntil(() => deepAll(el, 'tk-button').some((b) => /Mit Passkey anmelden/.test(b.textContent!)), 'no passkey button');
    await waitUntil(() => seen.requests.includes('conditional'), 'no autofill request');
    const done = oneEvent(el, 'tk-complete');
    await press(el, /Mit Passkey anmelden/);
    expect((await done).detail.user.username).to.equal('max.muster');
    // the pending autofill request ended before the modal one started (a browser allows one at a time)
    expect(seen.requests).to.deep.equal(['conditional', 'optional']);
    expect(el.shadowRoot!.textContent).to.contain('Sie sind angemeldet');
  });

  it('a refused passkey shows in the error summary; a cancelled one says nothing', async () => {
    stubPasskeys('refused');
    const el = await mount({ passkeys: true });
    await waitUntil(() => deepAll(el, 'tk-button').some((b) => /Mit Passkey anmelden/.test(b.textContent!)), 'no passkey button');
    await press(el, /Mit Passkey anmelden/);
    await waitUntil(() => deepAll(el, '[data-error-summary]')[0]?.textContent?.includes('Passkey wurde nicht erkannt'), 'no summary');
    await expect(el).to.be.accessible();

    stubPasskeys(null);
    const quiet = await mount({ passkeys: true });
    await waitUntil(() => deepAll(quiet, 'tk-button').some((b) => /Mit Passkey anmelden/.test(b.textContent!)), 'no passkey button');
    await press(quiet, /Mit Passkey anmelden/);
    expect(deepAll(quiet, '[data-error-summary]')[0]?.textContent ?? '').to.not.contain('Passkey');
    expect(heading(quiet).textContent).to.contain('Anmelden');
  });

  it('a passkey the device cannot use says why in the summary; the automatic request stays silent', async () => {
    const requests = failPasskeys('SecurityError');
    const el = await mount({ passkeys: true });
    await waitUntil(() => requests.includes('conditional'), 'no autofill request');
    await settle(el);
    expect(deepAll(el, '[data-error-summary]'), 'the automatic request says nothing').to.have.length(0);
    await press(el, /Mit Passkey anmelden/);
    await waitUntil(() => summary(el).includes('funktionieren in diesem Browser oder auf dieser Seite nicht'), 'no summary');
    expect(el.shadowRoot!.activeElement?.hasAttribute('data-error-summary'), 'the summary takes focus').to.equal(true);
    await expect(el).to.be.accessible();

    failPasskeys('InvalidStateError');
    const other = await mount({ passkeys: true, locale: 'en' });
    await press(other, /Log in with a passkey/);
    await waitUntil(() => summary(other).includes('did not work'), 'no summary for InvalidStateError');
  });

  it('a browser without the JSON API (TypeError) says so; a cancelled one still says nothing', async () => {
    stubPasskeys('passkey-1');
    const parse = PublicKeyCredential.parseRequestOptionsFromJSON;
    Object.defineProperty(PublicKeyCredential, 'parseRequestOptionsFromJSON', { configurable: true, value: undefined });
    try {
      const el = await mount({ passkeys: true });
      await press(el, /Mit Passkey anmelden/);
      await waitUntil(() => summary(el).includes('funktionieren in diesem Browser'), 'no summary');
    } finally {
      Object.defineProperty(PublicKeyCredential, 'parseRequestOptionsFromJSON', { configurable: true, value: parse });
    }
  });

  it('the button says why the options failed: passkeys unavailable, too many tries, no connection', async () => {
    stubPasskeys('passkey-1');
    const el = await mount({ passkeys: true });
    optionsAnswer = refusal(422, 'passkeys_unavailable', 'Passkeys lassen sich auf dieser Website nicht verwenden.');
    await press(el, /Mit Passkey anmelden/);
    await waitUntil(() => summary(el).includes('Passkeys lassen sich auf dieser Website nicht verwenden'), 'no summary for 422');
    optionsAnswer = refusal(429, 'rate_limited', 'Zu viele Anfragen.', '90');
    await press(el, /Mit Passkey anmelden/);
    await waitUntil(() => summary(el).includes('Zu viele Versuche'), 'no summary for 429');
    optionsAnswer = () => Promise.reject(new TypeError('Failed to fetch'));
    await press(el, /Mit Passkey anmelden/);
    await waitUntil(() => summary(el).includes('Keine Verbindung'), 'no summary when offline');
  });

  it('no button and no request where the tenant\'s passkeys belong to another host', async () => {
    const seen = stubPasskeys('passkey-1');
    const el = await mount();
    await new Promise((r) => setTimeout(r, 100));
    await settle(el);
    expect(deepAll(el, 'tk-button').some((b) => /Passkey/.test(b.textContent!))).to.equal(false);
    expect(seen.requests).to.deep.equal([]);
  });

  it('leaving the credentials step aborts the autofill request', async () => {
    stubPasskeys('passkey-1');
    let aborted = false;
    const get = navigator.credentials.get.bind(navigator.credentials);
    Object.defineProperty(navigator, 'credentials', {
      configurable: true,
      value: {
        get: (o: CredentialRequestOptions) => {
          o.signal?.addEventListener('abort', () => (aborted = true));
          return get(o);
        },
      },
    });
    const el = await mount({ passkeys: true });
    await waitUntil(() => deepAll(el, 'tk-button').some((b) => /Mit Passkey anmelden/.test(b.textContent!)), 'no passkey button');
    await login(el, 'app', /Authenticator-App/);
    expect(aborted).to.equal(true);
  });
});

describe('tk-login: the second step by factor', () => {
  it('authenticator app: a 6-digit code, no new code to ask for; a wrong code says so with the tries left', async () => {
    const el = await mount();
    await login(el, 'app', /Authenticator-App/);
    expect(deepActive()).to.equal(heading(el));
    const input = el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!;
    expect(input.inputMode).to.equal('numeric');
    expect(deepAll(el, 'tk-button').some((b) => /Neuen Code/.test(b.textContent!))).to.equal(false);
    type(el, 'one-time-code', '12');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'pin').shownError).to.contain('6 Ziffern');
    type(el, 'one-time-code', '000000');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'pin').shownError).to.contain('stimmt nicht');
    expect(news(el)).to.contain('Noch 4 Versuche');
    await expect(el).to.be.accessible();
    type(el, 'one-time-code', '123 456');
    const done = oneEvent(el, 'tk-complete');
    requestSubmit(el);
    await done;
  });

  it('a locked app code points to the other methods, not to a new SMS', async () => {
    const el = await mount();
    await login(el, 'app', /Authenticator-App/);
    type(el, 'one-time-code', '999999');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'pin').shownError).to.contain('andere Methode');
    expect(deepAll(el, 'tk-button').some((b) => /Neuen Code/.test(b.textContent!))).to.equal(false);
    expect(deepAll(el, 'tk-button[data-factor]')).to.have.length(2);
  });

  it('"use another method": the others in order with one line each; keyboard reaches them; the new step takes focus and is announced once', async () => {
    const el = await mount();
    await login(el, 'app', /Authenticator-App/);
    const choices = deepAll(el, 'tk-button[data-factor]');
    expect(choices.map((b) => b.getAttribute('data-factor'))).to.deep.equal(['sms', 'recovery']);
    expect(el.shadowRoot!.textContent).to.contain('SMS-Code an Ihre Mobilnummer');
    // keyboard: from the code field, Tab walks to the choices
    el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!.focus();
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await sendKeys({ press: 'Tab' });
      reached = (deepActive()?.getRootNode() as ShadowRoot | undefined)?.host?.getAttribute('data-factor') === 'recovery';
    }
    expect(reached, 'Tab reaches "Wiederherstellungscode"').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => /Wiederherstellungscode eingeben/.test(heading(el).textContent!), 'no recovery step');
    await settle(el);
    expect(deepActive()).to.equal(heading(el));
    expect(news(el)).to.equal('Jetzt mit: Wiederherstellungscode.');
    const input = el.querySelector<HTMLInputElement>('tk-text-field[name="pin"] input')!;
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(deepAll(el, 'tk-button[data-factor]').map((b) => b.getAttribute('data-factor'))).to.deep.equal(['totp', 'sms']);
    await expect(el).to.be.accessible();

    type(el, 'off', 'abc');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'pin').shownError).to.contain('12 Zeichen');
    type(el, 'off', 'aaaa-aaaa-aaaa');
    requestSubmit(el);
    await settle(el);
    expect(field(el, 'pin').shownError).to.contain('Wiederherstellungscode stimmt nicht');

    await press(el, /^SMS-Code$/);
    await waitUntil(() => /Code aus der SMS/.test(heading(el).textContent!), 'no SMS step');
    expect(el.shadowRoot!.textContent).to.contain('+49 151 ••••• 78');
    expect(deepAll(el, 'tk-button').some((b) => /Neuen Code/.test(b.textContent!))).to.equal(true);
  });

  it('app → recovery code → app again is the same step, without a request; a step opened for recovery codes asks for the app', async () => {
    const el = await mount();
    await login(el, 'app', /Authenticator-App/);
    factorRequests = 0;
    await press(el, /^Wiederherstellungscode$/);
    await waitUntil(() => /Wiederherstellungscode eingeben/.test(heading(el).textContent!), 'no recovery step');
    await press(el, /^Authenticator-App$/);
    await waitUntil(() => /Code aus der Authenticator-App/.test(heading(el).textContent!), 'no app step');
    expect(factorRequests, 'no request either way').to.equal(0);
    expect(news(el)).to.equal('Jetzt mit: Authenticator-App.');
    expect(deepAll(el, 'tk-button[data-factor]').map((b) => b.getAttribute('data-factor'))).to.deep.equal(['sms', 'recovery']);

    // SMS, then recovery codes: steps the server opened; the app from there is a new step too.
    await press(el, /^SMS-Code$/);
    await waitUntil(() => /Code aus der SMS/.test(heading(el).textContent!), 'no SMS step');
    await press(el, /^Wiederherstellungscode$/);
    await waitUntil(() => /Wiederherstellungscode eingeben/.test(heading(el).textContent!), 'no recovery step');
    await press(el, /^Authenticator-App$/);
    await waitUntil(() => /Code aus der Authenticator-App/.test(heading(el).textContent!), 'no app step');
    expect(factorRequests).to.equal(3);
    const done = oneEvent(el, 'tk-complete');
    type(el, 'one-time-code', '123456');
    requestSubmit(el);
    await done;
  });

  it('passkey step: a button runs the ceremony (never by itself), then logs in', async () => {
    const seen = stubPasskeys('passkey-1');
    const el = await mount();
    await login(el, 'passkey', /Mit Passkey bestätigen/);
    expect(seen.requests).to.deep.equal([]);
    expect(el.querySelector('tk-text-field[name="pin"]')).to.equal(null);
    expect(deepAll(el, 'tk-button[data-factor]').map((b) => b.getAttribute('data-factor'))).to.deep.equal(['totp', 'sms', 'recovery']);
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'tk-complete');
    await press(el, /Passkey verwenden/);
    await done;
    expect(seen.requests).to.deep.equal(['optional']);
  });

  it('passkey step: a device error says so in the step\'s alert, a cancelled ceremony says nothing', async () => {
    stubPasskeys(null);
    const el = await mount();
    await login(el, 'passkey', /Mit Passkey bestätigen/);
    await press(el, /Passkey verwenden/);
    expect(el.shadowRoot!.querySelector('.pin-error')).to.equal(null);
    failPasskeys('NotSupportedError');
    await press(el, /Passkey verwenden/);
    await waitUntil(() => el.shadowRoot!.querySelector('.pin-error[role="alert"]')?.textContent?.includes('funktionieren in diesem Browser'), 'no alert');
    failPasskeys('InvalidStateError');
    await press(el, /Passkey verwenden/);
    await waitUntil(() => el.shadowRoot!.querySelector('.pin-error')?.textContent?.includes('hat nicht geklappt'), 'no alert for InvalidStateError');
    await expect(el).to.be.accessible();
  });

  it('reflows at 320 px in every new state, in English too', async function () {
    this.timeout(60_000);
    await setViewport({ width: 320, height: 640 });
    stubPasskeys('passkey-1');
    for (const locale of ['de', 'en'] as const) {
      const fits = (el: HTMLElement, where: string) => {
        expect(document.documentElement.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
        expect(el.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
      };
      const start = await mount({ locale, passkeys: true });
      await waitUntil(() => deepAll(start, 'tk-button').some((b) => /passkey/i.test(b.textContent!)), 'no passkey button');
      fits(start, 'credentials with passkey');
      const app = await mount({ locale });
      await login(app, 'app', /authenticator/i);
      fits(app, 'app');
      await press(app, /^(Wiederherstellungscode|Recovery code)$/);
      await waitUntil(() => /Wiederherstellungscode eingeben|recovery code/i.test(heading(app).textContent!), 'no recovery step');
      fits(app, 'recovery');
      const passkey = await mount({ locale });
      await login(passkey, 'passkey', /Passkey|passkey/);
      fits(passkey, 'passkey');
    }
    await setViewport({ width: 800, height: 600 });
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['de', 'en'] as const) {
      it(`is axe-clean in every new state: ${theme} ${locale}`, async function () {
        this.timeout(60_000);
        stubPasskeys('passkey-1');
        const start = await mount({ locale, theme, passkeys: true });
        await waitUntil(() => deepAll(start, 'tk-button').some((b) => /passkey/i.test(b.textContent!)), 'no passkey button');
        await expect(start, 'credentials with passkey').to.be.accessible();
        for (const [user, title] of [['app', /authenticator/i], ['passkey', /Passkey|passkey/]] as const) {
          const el = await mount({ locale, theme });
          await login(el, user, title);
          await expect(el, user).to.be.accessible();
        }
        const el = await mount({ locale, theme });
        await login(el, 'app', /authenticator/i);
        await press(el, /^(Wiederherstellungscode|Recovery code)$/);
        await waitUntil(() => el.querySelector('input[autocomplete="off"]'), 'no recovery step');
        type(el, 'off', 'aaaa-aaaa-aaaa');
        requestSubmit(el);
        await settle(el);
        await expect(el, 'recovery wrong').to.be.accessible();
      });
    }
  }
});
