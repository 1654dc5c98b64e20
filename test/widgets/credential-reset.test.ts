import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TkCancelEvent, TkCompleteEvent, TkErrorEvent, TkStepChangeEvent } from '../../widgets/core/events.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/credential-reset/credential-reset.js';
import type { CredentialResetCompleteDetail, TkCredentialReset } from '../../widgets/credential-reset/credential-reset.js';
import '../../widgets/provider/provider.js';
import {
  BERLIN_CONTRACT,
  CONTACT,
  credentialRequests,
  credentialResetKit,
  type CredentialResetScenario,
  HAMBURG_CONTRACT,
  HAMBURG_ID,
  RATE_DETAIL,
  VOICE_CONTRACT,
} from '../../stories/credential-reset-fixtures.js';
import { button, deepActive, settle } from '../../stories/portal-steps.js';

before(async () => {
  await loadLocale('en');
});
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

const root = (el: TkCredentialReset) => el.shadowRoot!;
const heading = (el: TkCredentialReset) => root(el).querySelector<HTMLElement>('[data-heading]')!;
const text = (el: Element | ShadowRoot) => ((el as Element).shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
const summary = (el: TkCredentialReset) => root(el).querySelector<HTMLElement>('[data-error-summary]');
const radio = (el: TkCredentialReset, id: string) => root(el).querySelector<HTMLInputElement>(`input[value="${id}"]`)!;
const consent = (el: TkCredentialReset) => root(el).querySelector<HTMLInputElement>('#consent')!;
const cards = (el: TkCredentialReset) => [...root(el).querySelectorAll<HTMLElement>('.card')];
const names = (el: TkCredentialReset) => cards(el).map((c) => c.querySelector('label')!.textContent!.trim());
const focused = (el: TkCredentialReset, target: Element | null) =>
  expect(root(el).activeElement === target, `focus on ${target?.outerHTML.slice(0, 80)}, not ${root(el).activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);
const posts = () => credentialRequests.filter((r) => r.method === 'POST');

/** The demo's dark brand theme (demo/theme-dark.css): token values only. */
const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

async function mount(scenario: CredentialResetScenario = 'list', o: { locale?: 'de' | 'en'; theme?: 'light' | 'dark'; profileUrl?: string; session?: boolean } = {}) {
  const kit = credentialResetKit(o.locale ?? 'de', scenario);
  if (o.session === false) kit.session = undefined;
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${o.theme ?? 'light'} .kit=${kit}
      ><tk-credential-reset profile-url=${o.profileUrl ?? '/profil'}></tk-credential-reset
    ></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkCredentialReset>('tk-credential-reset')!;
  await settle(el);
  if (scenario !== 'slow' && o.session !== false) await waitUntil(() => !root(el).querySelector('.loading'), 'the contracts did not load');
  await settle(el);
  return el;
}
async function arrive(el: TkCredentialReset, title: RegExp) {
  await waitUntil(() => title.test(heading(el)?.textContent ?? ''), `no step ${title}`);
  await settle(el);
}
async function choose(el: TkCredentialReset, id = BERLIN_CONTRACT) {
  radio(el, id).click();
  await settle(el);
}
async function toWarning(el: TkCredentialReset, id = BERLIN_CONTRACT) {
  await choose(el, id);
  button(el, /^Weiter$|^Next$/).click();
  await arrive(el, /für|for/);
}
async function generate(el: TkCredentialReset) {
  consent(el).click();
  await settle(el);
  button(el, /generieren|Generate/).click();
  await settle(el);
}
async function select(el: TkCredentialReset, name: string, value: string) {
  const s = root(el).querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  s.value = value;
  s.dispatchEvent(new Event('change'));
  await settle(el);
}

describe('<tk-credential-reset>: the contract overview', () => {
  it("the seed's intro with the five contracts, the customer numbers, the products present, the contracts as cards", async () => {
    const el = await mount();
    expect(heading(el).textContent!.trim()).to.equal('Neue Internet-Zugangsdaten');
    const all = text(el);
    expect(all).to.contain('per E-Mail mit verschlüsseltem Dateianhang');
    expect(all).to.contain('per SMS an die hinterlegte Mobilfunk-Rufnummer');
    expect([...root(el).querySelectorAll('ul.eligible li')].map((l) => l.textContent)).to.deep.equal([
      'CompanyFlex mit Standortvertrag CompanyFlex Complete',
      'CompanyFlex mit Standortvertrag CompanyFlex MSN Complete',
      'CompanyFlex Access Plus',
      'Cloud PBX Hauptstandortvertrag',
      'Cloud PBX Filialvertrag',
    ]);
    const options = (name: string) => [...root(el).querySelectorAll(`select[name="${name}"] option`)].map((o) => o.textContent!.trim());
    expect(root(el).querySelector('label[for="account"]')!.textContent).to.equal('Kundennummer');
    expect(options('account')).to.deep.equal(['DR90000019 – Muster Hörtechnik GmbH', 'DR90000035 – Filiale Hamburg']);
    expect(root(el).querySelector('label[for="product"]')!.textContent).to.equal('Produkt');
    expect(options('product')).to.deep.equal(['Alle Produkte', 'CompanyFlex', 'Cloud PBX', 'SIP-Trunk', 'IP Voice / Data']);
    expect(root(el).querySelector('legend')!.textContent).to.equal('Vertrag');
    expect(names(el)).to.deep.equal(['CompanyFlex Complete', 'CompanyFlex MSN Complete', 'CompanyFlex Voice', 'Cloud PBX Hauptstandortvertrag', 'SIP-Trunk Business', 'IP Voice / Data Connect']);
    const berlin = text(cards(el)[0]!);
    for (const part of ['Standort/FilialeZentrale Berlin', 'AdresseMusterstraße 1, 10115 Berlin', 'VertragsnummerV-0299737', 'PPPoE-Benutzernamemh8101@business.telkit.example']) {
      expect(berlin).to.contain(part);
    }
    await expect(el).to.be.accessible();
  });

  it('an ineligible contract is shown with its radio disabled and the reason in words, tied to it', async () => {
    const el = await mount();
    const voice = radio(el, VOICE_CONTRACT);
    expect(voice.disabled).to.equal(true);
    const reasonIds = voice.getAttribute('aria-describedby')!.split(' ');
    const reason = reasonIds.map((id) => root(el).getElementById(id)!.textContent!).join(' ');
    expect(reason).to.contain('Dieser Vertrag hat keinen Anschluss');
    const disabled = cards(el).filter((c) => c.querySelector('input')!.disabled).map((c) => c.querySelector('.reason')!.textContent!);
    expect(disabled).to.have.length(3);
    expect(disabled[1]).to.contain('oben genannten Verträge');
    expect(disabled[2]).to.contain('Dieser Vertrag ist beendet');
    expect(radio(el, BERLIN_CONTRACT).disabled).to.equal(false);
    voice.click();
    await settle(el);
    expect(voice.checked).to.equal(false);
  });

  it('filters by customer number (the sub-account) and by product; a choice out of view is dropped', async () => {
    const el = await mount();
    await choose(el);
    await select(el, 'product', 'cloud_pbx');
    expect(names(el)).to.deep.equal(['Cloud PBX Hauptstandortvertrag']);
    await select(el, 'account', HAMBURG_ID);
    expect(names(el)).to.deep.equal(['Cloud PBX Filialvertrag']);
    await select(el, 'product', '');
    expect(names(el)).to.deep.equal(['Cloud PBX Filialvertrag', 'CompanyFlex Access Plus']);
    expect(el.contractId).to.equal('');
    button(el, /^Weiter$/).click();
    await settle(el);
    expect(summary(el)!.textContent).to.contain('Vertrag: Bitte wählen Sie einen Vertrag.');
  });

  it('one account: no customer number to choose, it is named', async () => {
    const el = await mount('single');
    expect(root(el).querySelector('select[name="account"]')).to.equal(null);
    expect(text(el)).to.contain('Kundennummer: DR90000019 – Muster Hörtechnik GmbH');
  });

  it('"Weiter" without a contract: the error at "Vertrag" and in the summary, focused; nothing sent', async () => {
    const el = await mount();
    const before = credentialRequests.length;
    button(el, /^Weiter$/).click();
    await settle(el);
    focused(el, summary(el));
    expect(summary(el)!.textContent).to.contain('Vertrag: Bitte wählen Sie einen Vertrag.');
    expect(root(el).querySelector('#contract-error')!.textContent).to.equal('Bitte wählen Sie einen Vertrag.');
    expect(radio(el, BERLIN_CONTRACT).getAttribute('aria-describedby')).to.contain('contract-error');
    expect(credentialRequests.length).to.equal(before);
    await expect(el).to.be.accessible();
    // The summary's link leads to the first contract that can be chosen.
    summary(el)!.querySelector<HTMLButtonElement>('.error-link')!.click();
    focused(el, radio(el, BERLIN_CONTRACT));
  });

  it('without a session: tk-login in its place', async () => {
    const el = await mount('list', { session: false });
    expect(el.querySelector('tk-login')).to.exist;
    expect(text(el)).to.contain('Bitte melden Sie sich');
    await expect(el).to.be.accessible();
  });

  it('a co-user (403): only the administration can; a load error: the reason and "Erneut versuchen" loads again', async () => {
    const forbidden = await mount('forbidden');
    expect(text(forbidden)).to.contain('kann nur die Verwaltung eines Kundenkontos generieren');
    const failed = await mount('error');
    expect(text(failed)).to.contain('Die Verträge konnten nicht geladen werden. Ein unerwarteter Fehler ist aufgetreten.');
    const gets = credentialRequests.filter((r) => r.method === 'GET').length;
    button(failed, /Erneut versuchen/).click();
    await settle(failed);
    expect(credentialRequests.filter((r) => r.method === 'GET').length).to.equal(gets + 1);
  });
});

describe('<tk-credential-reset>: warning, consent, generating', () => {
  it("the chosen contract in the heading, the seed's warning, the masked contact with the profile link, the consent", async () => {
    const el = await mount();
    const steps: string[] = [];
    el.addEventListener('tk-step-change', (e) => steps.push((e as TkStepChangeEvent).detail.step));
    await toWarning(el);
    focused(el, heading(el));
    expect(steps).to.deep.equal(['confirm']);
    expect(heading(el).textContent).to.equal('Neue Internet-Zugangsdaten für CompanyFlex Complete');
    const warning = root(el).querySelector('tk-alert[variant="warning"]')!;
    for (const part of [
      'werden Ihre bisherigen Zugangsdaten sofort ungültig',
      'die aktive Internetverbindung einschließlich aktiver Telefongespräche unterbrochen',
      'dass Sie Zugang zum Router haben',
      'Das gilt auch, wenn Easy Login aktiviert ist.',
    ]) {
      expect(warning.textContent).to.contain(part);
    }
    expect(text(el)).to.contain(`E-Mail-Adresse ${CONTACT.email}`);
    expect(text(el)).to.contain(`Mobilfunk-Rufnummer ${CONTACT.mobile}`);
    expect(root(el).querySelector('a')!.getAttribute('href')).to.equal('/profil');
    expect(root(el).querySelector('label[for="consent"]')!.textContent).to.contain('zur Zustellung der Internet-Zugangsdaten verwendet werden');
    await expect(el).to.be.accessible();
  });

  it('without profile-url the sentence names the profile, no link', async () => {
    const el = await mount('list', { profileUrl: '' });
    el.profileUrl = undefined;
    await toWarning(el);
    expect(root(el).querySelector('a')).to.equal(null);
    expect(text(el)).to.contain('Ändern Sie sie zuerst in Ihrem Profil.');
  });

  it('consent missing: the error at the checkbox and in the summary, focused; nothing sent', async () => {
    const el = await mount();
    await toWarning(el);
    const before = posts().length;
    button(el, /generieren/).click();
    await settle(el);
    focused(el, summary(el));
    expect(summary(el)!.textContent).to.contain('Einverständnis: Bitte bestätigen Sie');
    expect(consent(el).getAttribute('aria-invalid')).to.equal('true');
    expect(consent(el).getAttribute('aria-describedby')).to.equal('consent-error');
    expect(posts().length).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('"Zurück" goes to the overview with the contract still chosen, focused; tk-cancel', async () => {
    const el = await mount();
    await toWarning(el);
    setTimeout(() => button(el, /^Zurück$/).click());
    const cancel = (await oneEvent(el, 'tk-cancel')) as TkCancelEvent;
    expect(cancel.detail).to.deep.equal({ step: 'confirm' });
    await settle(el);
    expect(heading(el).textContent).to.equal('Neue Internet-Zugangsdaten');
    focused(el, radio(el, BERLIN_CONTRACT));
    expect(radio(el, BERLIN_CONTRACT).checked).to.equal(true);
  });

  it('a double click sends one request; busy meanwhile', async () => {
    const el = await mount('busy');
    await toWarning(el);
    const before = posts().length;
    consent(el).click();
    await settle(el);
    const b = button(el, /generieren/);
    b.click();
    b.click();
    await settle(el);
    b.click();
    await settle(el);
    expect(posts().length).to.equal(before + 1);
    expect(posts().at(-1)!.body).to.deep.equal({ consent: true });
    expect(posts().at(-1)!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(root(el).querySelector('tk-button[busy]')!.textContent).to.contain('generieren');
    await expect(el).to.be.accessible();
  });

  it("429: the BFF's detail (when the next is possible), focused; tk-error", async () => {
    const el = await mount('limited');
    await toWarning(el);
    const errored = oneEvent(el, 'tk-error');
    await generate(el);
    expect(((await errored) as TkErrorEvent).detail.code).to.equal('rotation_limit');
    await waitUntil(() => summary(el), 'the summary');
    await settle(el);
    expect(summary(el)!.textContent).to.contain(RATE_DETAIL);
    focused(el, summary(el));
    await expect(el).to.be.accessible();
  });

  it('500: the reason and "Erneut versuchen"; a lost connection: the retry reuses the Idempotency-Key and succeeds', async () => {
    const server = await mount('server');
    await toWarning(server);
    await generate(server);
    await waitUntil(() => summary(server), 'the summary');
    expect(summary(server)!.textContent).to.contain('Ein unerwarteter Fehler ist aufgetreten.');
    expect(() => button(summary(server)!, /Erneut versuchen/)).not.to.throw();

    const el = await mount('flaky');
    await toWarning(el);
    await generate(el);
    await waitUntil(() => summary(el), 'the summary');
    await settle(el);
    focused(el, summary(el));
    const first = posts().at(-1)!.idempotencyKey;
    button(summary(el)!, /Erneut versuchen/).click();
    await arrive(el, /unterwegs/);
    expect(posts().at(-1)!.idempotencyKey).to.equal(first);
  });

  it("the BFF's 422 consent_required lands at the checkbox and in the summary", async () => {
    const el = await mount('consent');
    await toWarning(el);
    await generate(el);
    await waitUntil(() => consent(el).getAttribute('aria-invalid') === 'true', 'the error at the checkbox');
    await settle(el);
    expect(root(el).querySelector('#consent-error')!.textContent).to.contain('Bitte stimmen Sie der Zustellung');
    expect(summary(el)!.textContent).to.contain('Einverständnis: Bitte stimmen Sie der Zustellung');
    focused(el, summary(el));
  });

  it('a reason code (422) or a contract gone (404) from the BFF is said in words, without "Erneut versuchen"', async () => {
    for (const [scenario, said] of [
      ['ended', 'Für diesen Vertrag können keine neuen Internet-Zugangsdaten generiert werden.'],
      ['gone', 'Diesen Vertrag gibt es nicht.'],
    ] as const) {
      const el = await mount(scenario);
      await toWarning(el);
      await generate(el);
      await waitUntil(() => summary(el), 'the summary');
      await settle(el);
      expect(summary(el)!.textContent, scenario).to.contain(said);
      expect(summary(el)!.querySelector('tk-button'), scenario).to.equal(null);
      focused(el, summary(el));
    }
  });
});

describe('<tk-credential-reset>: done', () => {
  it('where the e-mail and the SMS went (masked), what to do; tk-complete; "Zurück zur Vertragsübersicht" loads the overview again', async () => {
    const el = await mount();
    await select(el, 'account', HAMBURG_ID);
    await toWarning(el, HAMBURG_CONTRACT);
    const completed = oneEvent(el, 'tk-complete');
    await generate(el);
    expect(((await completed) as TkCompleteEvent<CredentialResetCompleteDetail>).detail).to.deep.equal({ contractId: HAMBURG_CONTRACT });
    await arrive(el, /Neue Zugangsdaten sind unterwegs/);
    focused(el, heading(el));
    const done = text(el);
    expect(done).to.contain(`als verschlüsselter PDF-Anhang geht an ${CONTACT.email}`);
    expect(done).to.contain(`per SMS an ${CONTACT.mobile}`);
    expect(done).to.contain('Die bisherigen Zugangsdaten gelten nicht mehr.');
    expect(done).to.contain('mit dem Code aus der SMS');
    expect(done).to.contain('Benutzernamen und das neue Passwort');
    await expect(el).to.be.accessible();
    const gets = credentialRequests.filter((r) => r.method === 'GET').length;
    button(el, /Zurück zur Vertragsübersicht/).click();
    await arrive(el, /^Neue Internet-Zugangsdaten$/);
    await waitUntil(() => !root(el).querySelector('.loading'), 'reloaded');
    await settle(el);
    expect(credentialRequests.filter((r) => r.method === 'GET').length).to.equal(gets + 1);
    focused(el, heading(el));
    expect(root(el).querySelector('input[name="contract"]:checked')).to.equal(null);
  });
});

describe('<tk-credential-reset>: keyboard, reflow, themes, languages', () => {
  it('keyboard only: a contract, "Weiter", the consent, generate', async () => {
    const el = await mount('single');
    radio(el, BERLIN_CONTRACT).focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(radio(el, BERLIN_CONTRACT).checked).to.equal(true);
    // Arrow keys skip the disabled contracts.
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(deepActive()).to.equal(root(el).querySelectorAll('input[name="contract"]')[1]);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect((deepActive() as HTMLInputElement).value).to.equal(root(el).querySelectorAll<HTMLInputElement>('input[name="contract"]')[3]!.value);
    await sendKeys({ press: 'Tab' }); // "Weiter"
    await sendKeys({ press: 'Enter' });
    await arrive(el, /für Cloud PBX Hauptstandortvertrag/);
    focused(el, heading(el));
    consent(el).focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(consent(el).checked).to.equal(true);
    await sendKeys({ press: 'Tab' }); // "Neue Internet-Zugangsdaten generieren"
    expect((deepActive()!.getRootNode() as ShadowRoot).host.textContent).to.contain('generieren');
    await sendKeys({ press: 'Enter' });
    await arrive(el, /unterwegs/);
    focused(el, heading(el));
  });

  it('reflows at 320 px without horizontal scrolling, in every step, in English too', async () => {
    await setViewport({ width: 320, height: 640 });
    for (const locale of ['de', 'en'] as const) {
      const el = await mount('list', { locale });
      const fits = (where: string) => {
        expect(document.documentElement.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
        expect(el.scrollWidth, `${locale} ${where}`).to.be.at.most(window.innerWidth);
      };
      fits('overview');
      button(el, /^Weiter$|^Next$/).click();
      await settle(el);
      fits('no contract');
      await toWarning(el);
      fits('warning');
      await generate(el);
      await arrive(el, /unterwegs|on their way/);
      fits('done');
    }
  });

  it('is axe-clean in both themes and languages, in every state', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const locale of ['de', 'en'] as const) {
        const where = `${theme} ${locale}`;
        for (const scenario of ['list', 'single', 'slow', 'error', 'forbidden'] as const) {
          const el = await mount(scenario, { theme, locale });
          await expect(el, `${scenario} ${where}`).to.be.accessible();
        }
        const el = await mount('limited', { theme, locale });
        button(el, /^Weiter$|^Next$/).click();
        await settle(el);
        await expect(el, `no contract ${where}`).to.be.accessible();
        await toWarning(el);
        await expect(el, `warning ${where}`).to.be.accessible();
        button(el, /generieren|Generate/).click();
        await settle(el);
        await expect(el, `consent missing ${where}`).to.be.accessible();
        await generate(el);
        await waitUntil(() => summary(el)?.textContent?.includes(RATE_DETAIL), 'limited');
        await expect(el, `limited ${where}`).to.be.accessible();
        const ok = await mount('list', { theme, locale });
        await toWarning(ok);
        await generate(ok);
        await arrive(ok, /unterwegs|on their way/);
        await expect(ok, `done ${where}`).to.be.accessible();
      }
    }
  });

  it('English: every text of the widget', async () => {
    const el = await mount('list', { locale: 'en' });
    await waitUntil(() => heading(el).textContent!.trim() === 'New internet access credentials', 'English texts');
    expect(text(el)).to.contain('Customer number');
    expect(text(el)).to.contain('This contract has no access line.');
    await toWarning(el);
    expect(text(el)).to.contain('This also applies if Easy Login is switched on.');
  });
});
