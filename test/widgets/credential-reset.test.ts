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
  POTSDAM_CONTRACT,
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
/** The contracts' names as seen (the label without its visually hidden site). */
const names = (el: TkCredentialReset) =>
  cards(el).map((c) => [...c.querySelector('label')!.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim());
const card = (el: TkCredentialReset, id: string) => radio(el, id).closest<HTMLElement>('.card')!;
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
    // Those that can be chosen first, by site (then name); the others after, by site.
    expect(names(el)).to.deep.equal(['CompanyFlex MSN Complete', 'Cloud PBX Hauptstandortvertrag', 'CompanyFlex Complete', 'IP Voice / Data Connect', 'CompanyFlex Voice', 'SIP-Trunk Business']);
    const berlin = text(card(el, BERLIN_CONTRACT));
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
    expect(disabled[0]).to.contain('Dieser Vertrag ist beendet');
    expect(disabled[2]).to.contain('oben genannten Verträge');
    expect(radio(el, BERLIN_CONTRACT).disabled).to.equal(false);
    voice.click();
    await settle(el);
    expect(voice.checked).to.equal(false);
  });

  it('no PPPoE username on record (no_credentials): disabled, "noch keine Zugangsdaten eingerichtet" and whom to ask, in both languages', async () => {
    const el = await mount('unset');
    expect(radio(el, POTSDAM_CONTRACT).disabled).to.equal(true);
    expect(root(el).getElementById(`reason-${POTSDAM_CONTRACT}`)!.textContent).to.contain(
      'Für diesen Anschluss sind noch keine Zugangsdaten eingerichtet. Bitte wenden Sie sich an den Kundenservice.',
    );
    expect(radio(el, POTSDAM_CONTRACT).getAttribute('aria-describedby')).to.contain(`reason-${POTSDAM_CONTRACT}`);
    // Among the ineligible, by site: Alte Werkstatt, Büro Potsdam, Lager Berlin, Zentrale Berlin.
    expect(names(el).slice(2)).to.deep.equal(['IP Voice / Data Connect', 'CompanyFlex MSN Complete', 'CompanyFlex Voice', 'SIP-Trunk Business']);
    const en = await mount('unset', { locale: 'en' });
    await waitUntil(() => text(en).includes('No access credentials have been set up for this line yet. Please contact customer service.'), 'the English reason');
  });

  it('none left in the 24 hours: disabled, "Neue Zugangsdaten wieder ab" date and time, after the available ones', async () => {
    const el = await mount('exhausted');
    const berlin = radio(el, BERLIN_CONTRACT);
    expect(berlin.disabled).to.equal(true);
    const reason = root(el).getElementById(`reason-${BERLIN_CONTRACT}`)!;
    expect(reason.textContent!.replace(/\s+/g, ' ').trim()).to.equal('nicht möglich: Neue Zugangsdaten wieder ab 23.11.2026, 14:32 MEZ');
    expect(berlin.getAttribute('aria-describedby')).to.contain(`reason-${BERLIN_CONTRACT}`);
    expect(names(el)).to.deep.equal(['CompanyFlex MSN Complete', 'Cloud PBX Hauptstandortvertrag', 'CompanyFlex Complete', 'IP Voice / Data Connect', 'CompanyFlex Voice', 'SIP-Trunk Business']);
    berlin.click();
    await settle(el);
    expect(berlin.checked).to.equal(false);
    const en = await mount('exhausted', { locale: 'en' });
    await waitUntil(() => /New credentials possible again from 23\/11\/2026, 14:32/.test(text(en)), `the English time: ${text(en)}`);
  });

  it("each radio's accessible name is unique: the contract's name and its site", async () => {
    const el = await mount();
    const labels = [...root(el).querySelectorAll<HTMLInputElement>('input[name="contract"]')].map((r) => r.labels![0]!.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels).to.include('CompanyFlex Complete – Zentrale Berlin');
    expect(labels).to.include('Cloud PBX Hauptstandortvertrag – Zentrale Berlin');
    expect(new Set(labels).size).to.equal(labels.length);
    expect(card(el, BERLIN_CONTRACT).querySelector('label .visually-hidden')!.textContent).to.equal(' – Zentrale Berlin');
  });

  it('changing "Kundennummer" or "Produkt" is said once, politely, in one status region; not on the first load', async () => {
    const el = await mount();
    const status = () => [...root(el).querySelectorAll('[data-filter-status]')];
    expect(status()).to.have.length(1);
    expect(status()[0]!.getAttribute('role')).to.equal('status');
    expect(status()[0]!.textContent).to.equal('');
    await select(el, 'product', 'cloud_pbx');
    expect(status()[0]!.textContent).to.equal('1 Vertrag, 1 davon auswählbar');
    await select(el, 'product', '');
    expect(status()[0]!.textContent).to.equal('6 Verträge, 3 davon auswählbar');
    await select(el, 'account', HAMBURG_ID);
    expect(status()).to.have.length(1);
    expect(status()[0]!.textContent).to.equal('2 Verträge, 2 davon auswählbar');
    const en = await mount('list', { locale: 'en' });
    await waitUntil(() => heading(en).textContent!.trim() === 'New internet access credentials', 'English');
    await select(en, 'product', 'sip_trunk');
    expect(root(en).querySelector('[data-filter-status]')!.textContent).to.equal('1 contract, 0 of them can be chosen');
    await select(en, 'product', '');
    expect(root(en).querySelector('[data-filter-status]')!.textContent).to.equal('6 contracts, 3 of them can be chosen');
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
    focused(el, radio(el, POTSDAM_CONTRACT));
  });

  it('without a session: tk-login in its place', async () => {
    const el = await mount('list', { session: false });
    expect(el.querySelector('tk-login')).to.exist;
    expect(text(el)).to.contain('Bitte melden Sie sich');
    expect(text(el)).to.not.contain('Wenn Sie ein neues Passwort');
    await expect(el).to.be.accessible();
  });

  it('a co-user (403): the refusal first, before the intro, and who can; a load error: the reason and "Erneut versuchen" loads again', async () => {
    const forbidden = await mount('forbidden');
    expect(text(forbidden)).to.contain('kann nur die Verwaltung eines Kundenkontos generieren');
    const refusal = root(forbidden).querySelector('tk-alert')!;
    expect(refusal.textContent).to.contain('Bitten Sie die Verwaltung Ihres Kundenkontos, neue Zugangsdaten zu generieren.');
    const intro = [...root(forbidden).querySelectorAll('p')].find((p) => p.textContent!.startsWith('Wenn Sie ein neues Passwort'))!;
    expect(refusal.compareDocumentPosition(intro) & Node.DOCUMENT_POSITION_FOLLOWING, 'the refusal before the intro').to.not.equal(0);
    expect(root(forbidden).querySelectorAll('tk-alert')).to.have.length(1);
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
    // A note, no live region: it shows as focus moves to the heading, and is read once, in order.
    expect(root(el).querySelector('tk-alert')).to.equal(null);
    const warning = root(el).querySelector<HTMLElement>('[role="note"]')!;
    expect(warning.querySelector('.note-title')!.textContent).to.equal('Hinweis');
    expect(warning.getAttribute('aria-labelledby')).to.equal('warning-title');
    expect(root(el).querySelector('[aria-live], [role="alert"], [role="status"]:not(:empty)')?.textContent?.trim() ?? '').to.equal('');
    expect(getComputedStyle(warning).borderInlineStartWidth).to.equal('8px');
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
    // Read aloud without the bullets: they are hidden, a shortened text in their place.
    const [email, mobile] = [...root(el).querySelectorAll('dl.contact dd')];
    expect(email!.querySelector('[aria-hidden="true"]')!.textContent).to.equal(CONTACT.email);
    expect(email!.querySelector('.visually-hidden')!.textContent).to.equal('m … @muster-hoertechnik.example, gekürzt');
    expect(mobile!.querySelector('[aria-hidden="true"]')!.textContent).to.equal(CONTACT.mobile);
    expect(mobile!.querySelector('.visually-hidden')!.textContent).to.equal('+49 151 …, endet auf 78');
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
    const moves: Element[] = [];
    root(el).addEventListener('focusin', (e) => moves.push(e.target as Element));
    setTimeout(() => button(el, /^Zurück$/).click());
    const cancel = (await oneEvent(el, 'tk-cancel')) as TkCancelEvent;
    expect(cancel.detail).to.deep.equal({ step: 'confirm' });
    await settle(el);
    expect(heading(el).textContent).to.equal('Neue Internet-Zugangsdaten');
    focused(el, radio(el, BERLIN_CONTRACT));
    expect(radio(el, BERLIN_CONTRACT).checked).to.equal(true);
    // One move of focus: to the contract, not first to the heading.
    expect(moves.filter((m) => m !== radio(el, BERLIN_CONTRACT) && !(m.tagName === 'TK-BUTTON'))).to.deep.equal([]);
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

  it("the BFF's 422 validation_failed with a field error at consent lands at the checkbox and in the summary", async () => {
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
    expect(done).to.contain(`Zugangsdaten Nr. 4: Die E-Mail mit den neuen Zugangsdaten als verschlüsselter PDF-Anhang geht an ${CONTACT.email}`);
    expect(done).to.contain('In den nächsten 24 Stunden können Sie für diesen Vertrag noch 2-mal neue Zugangsdaten generieren.');
    expect(done).to.not.contain('heute');
    expect(root(el).querySelectorAll('.visually-hidden')).to.have.length.at.least(2);
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

  it('none left: "wieder ab" date and time, with the sequence; English one/other', async () => {
    const el = await mount('last');
    await toWarning(el);
    await generate(el);
    await arrive(el, /unterwegs/);
    expect(text(el)).to.contain('Zugangsdaten Nr. 3: Die E-Mail');
    expect(text(el)).to.contain('Für diesen Vertrag können Sie wieder ab 23.11.2026, 14:32 MEZ neue Zugangsdaten generieren.');
    for (const [scenario, said] of [
      ['once', 'In the next 24 hours you can generate new credentials for this contract 1 more time.'],
      ['list', 'In the next 24 hours you can generate new credentials for this contract 2 more times.'],
    ] as const) {
      const en = await mount(scenario, { locale: 'en' });
      await toWarning(en);
      await generate(en);
      await arrive(en, /on their way/);
      expect(text(en), scenario).to.contain(said);
      expect(text(en), scenario).to.contain('Credentials no. 4: The e-mail');
    }
  });
});

describe('<tk-credential-reset>: keyboard, reflow, themes, languages', () => {
  it('keyboard only: a contract, "Weiter", the consent, generate', async () => {
    const el = await mount('single');
    radio(el, BERLIN_CONTRACT).focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(radio(el, BERLIN_CONTRACT).checked).to.equal(true);
    // CompanyFlex Complete is the last that can be chosen: the arrow keys skip the disabled ones after it.
    const all = [...root(el).querySelectorAll<HTMLInputElement>('input[name="contract"]')];
    expect(all.indexOf(radio(el, BERLIN_CONTRACT))).to.equal(2);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(deepActive()).to.equal(all[0]);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect((deepActive() as HTMLInputElement).value).to.equal(all[1]!.value);
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

  it('reflows at 320 px without horizontal scrolling, in every step, in English too', async function () {
    this.timeout(60_000);
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

  // One test per theme and language (each some dozen axe runs): under load one test for all four took too long.
  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['de', 'en'] as const) {
      const where = `${theme} ${locale}`;
      it(`is axe-clean in every state: ${where}`, async function () {
        this.timeout(60_000);
        for (const scenario of ['list', 'single', 'slow', 'error', 'forbidden', 'exhausted', 'unset'] as const) {
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
        const ok = await mount('last', { theme, locale });
        await toWarning(ok);
        await generate(ok);
        await arrive(ok, /unterwegs|on their way/);
        await expect(ok, `done ${where}`).to.be.accessible();
      });
    }
  }

  it('English: every text of the widget', async () => {
    const el = await mount('list', { locale: 'en' });
    await waitUntil(() => heading(el).textContent!.trim() === 'New internet access credentials', 'English texts');
    expect(text(el)).to.contain('Customer number');
    expect(text(el)).to.contain('This contract has no access line.');
    await toWarning(el);
    expect(text(el)).to.contain('This also applies if Easy Login is switched on.');
  });
});

describe('<tk-credential-reset>: an admin without a mobile number', () => {
  it('says new credentials need one for the code, links to the profile, and offers no generating', async () => {
    const el = await mount('noMobile');
    await toWarning(el);
    expect(text(el)).to.contain('Mobilfunk-Rufnummer keine hinterlegt');
    const needed = root(el).querySelector('[data-mobile-needed]')!;
    expect(needed.textContent).to.contain('Den Code zum Öffnen der PDF senden wir per SMS');
    expect(needed.querySelector('a')!.getAttribute('href')).to.equal('/profil');
    expect(needed.querySelector('a')!.textContent).to.equal('Mobilnummer im Profil hinterlegen');
    expect(root(el).querySelector('#consent')).to.equal(null);
    expect(() => button(el, /generieren/)).to.throw();
    button(el, /Zurück/).click();
    await settle(el);
    expect(radio(el, BERLIN_CONTRACT)).to.exist;
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['de', 'en'] as const) {
      it(`is axe-clean: ${theme} ${locale}`, async () => {
        const el = await mount('noMobile', { theme, locale });
        await toWarning(el);
        if (locale === 'en') expect(text(el)).to.contain('Add a mobile number in your profile');
        await expect(el).to.be.accessible();
      });
    }
  }
});
