import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Session } from '../../widgets/core/context.js';
import type { TkCancelEvent, TkCompleteEvent, TkSessionChangeEvent, TkStepChangeEvent } from '../../widgets/core/events.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/locations/locations.js';
import type { LocationsCompleteDetail, TkLocations } from '../../widgets/locations/locations.js';
import '../../widgets/portal/profile.js';
import type { TkProfile } from '../../widgets/portal/profile.js';
import '../../widgets/provider/provider.js';
import type { TkProvider } from '../../widgets/provider/provider.js';
import '../../widgets/signup/signup.js';
import '../../widgets/sub-users/sub-users.js';
import type { TkSubUsers } from '../../widgets/sub-users/sub-users.js';
import { subUsersKit } from '../../stories/sub-users-fixtures.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { FAKE_API, FAKE_KEYS, fakeKit } from '../../stories/fake-kit.js';
import { actingProfile, actingSession, EXPIRED_INTENT, HAMBURG_ID, locationRequests, locationsKit, mainSession, type LocationsScenario, ZURICH_ID } from '../../stories/locations-fixtures.js';
import { button, deepActive, settle, skip, typeInto } from '../../stories/portal-steps.js';
import { complete as signupValues } from '../../stories/signup-fixtures.js';

before(async () => {
  await loadLocale('en');
});
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
  sessionStorage.clear();
});

const root = (el: TkLocations) => el.shadowRoot!;
const heading = (el: TkLocations) => root(el).querySelector<HTMLElement>('[data-heading]')!;
const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ');
const summary = (el: TkLocations) => root(el).querySelector<HTMLElement>('[data-error-summary]');
const control = (el: TkLocations, name: string) => root(el).querySelector(`[name="${name}"]`) as HTMLElement & { value: string; error: string; checked: boolean };
const cards = (el: TkLocations) => [...root(el).querySelectorAll<HTMLElement>('.card')];
const card = (el: TkLocations, name: string) => cards(el).find((c) => c.querySelector('.name')!.textContent!.includes(name))!;
const actionsOf = (c: HTMLElement) => [...c.querySelectorAll('tk-button')].map((b) => b.textContent!.split('(')[0]!.trim());
const focused = (el: TkLocations, target: Element | null) => expect(root(el).activeElement === target, `focus on ${target?.outerHTML.slice(0, 80)}, not ${root(el).activeElement?.outerHTML.slice(0, 80)}`).to.equal(true);

/** The demo's dark brand theme (demo/theme-dark.css): token values only. */
const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

async function mount(scenario: LocationsScenario = 'linked', locale: 'de' | 'en' = 'de', theme: 'light' | 'dark' = 'light') {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${theme} .kit=${locationsKit(locale, scenario)}><tk-locations></tk-locations></tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkLocations>('tk-locations')!;
  await settle(el);
  if (scenario !== 'slow') await waitUntil(() => !root(el).querySelector('.loading'), 'the overview did not load');
  await settle(el);
  return el;
}
async function press(scope: HTMLElement, name: RegExp, el?: TkLocations) {
  button(scope, name).click();
  await settle(el ?? (scope as TkLocations));
}
async function arrive(el: TkLocations, title: RegExp) {
  await waitUntil(() => title.test(heading(el)?.textContent ?? ''), `no step ${title}`);
  await settle(el);
}
async function tab(times = 1) {
  for (let i = 0; i < times; i++) await sendKeys({ press: 'Tab' });
}
const posts = (path: RegExp) => locationRequests.filter((r) => r.method !== 'GET' && path.test(r.path));

describe('<tk-locations>: the overview', () => {
  it('main account first, then each sub-account: customer number, site address, status, collective invoice, linked since; actions per card', async () => {
    const el = await mount();
    expect(heading(el).textContent!.trim()).to.equal('Standorte');
    expect(cards(el).map((c) => c.querySelector('.name')!.textContent!.trim())).to.deep.equal(['Muster Hörtechnik GmbH', 'Filiale Zürich', 'Filiale Hamburg']);
    const badge = (name: string) => card(el, name).querySelector('.badge')!.textContent!.replace(/\s+/g, ' ').trim();
    // The word alone says it (the e2e test finds "Hauptaccount" as a text of its own).
    expect(badge('Muster Hörtechnik GmbH')).to.equal('Hauptaccount');
    expect(badge('Filiale Zürich')).to.equal('Nebenaccount');
    const zurich = text(card(el, 'Filiale Zürich'));
    for (const part of ['KundennummerDR90000027', 'StandortadresseBahnhofstrasse 10, 8001 Zürich, CH', 'StatusAktiv', 'Sammelrechnungjaab 01.12.2026: nein', 'Verknüpft seit02.03.2026']) {
      expect(zurich).to.contain(part);
    }
    expect(text(card(el, 'Filiale Hamburg'))).to.contain('Sammelrechnungnein');
    expect(text(card(el, 'Muster Hörtechnik GmbH'))).not.to.contain('Sammelrechnung');
    // Buttons above the list, and on each sub-account's card; none on the main account's.
    expect(actionsOf(root(el).querySelector('.actions.top')!)).to.deep.equal(['Bestehendes Konto hinzufügen', 'Neuen Standort bestellen']);
    expect(actionsOf(card(el, 'Muster Hörtechnik GmbH'))).to.deep.equal([]);
    // Zürich leaves the collective invoice on 1 December: the action takes that change back, and says so (walk 8).
    expect(actionsOf(card(el, 'Filiale Zürich'))).to.deep.equal(['Zu diesem Standort wechseln', 'Geplante Änderung zurücknehmen', 'Verknüpfung lösen']);
    expect(actionsOf(card(el, 'Filiale Hamburg'))).to.deep.equal(['Zu diesem Standort wechseln', 'Auf Sammelrechnung nehmen', 'Verknüpfung lösen']);
    // The accessible name starts with the visible label, then the account (WCAG 2.5.3).
    for (const b of card(el, 'Filiale Zürich').querySelectorAll('tk-button')) expect(b.querySelector('.visually-hidden')!.textContent).to.equal('(Filiale Zürich)');
    await expect(el).to.be.accessible();
  });

  it('is axe-clean in both themes, in every state of the overview', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const scenario of ['linked', 'empty', 'ordered', 'sub', 'error', 'forbidden'] as const) {
        const el = await mount(scenario, 'de', theme);
        await expect(el, `${scenario} ${theme}`).to.be.accessible();
      }
    }
  });

  it('empty: explains what a location is and offers both ways to add one', async () => {
    const el = await mount('empty');
    const empty = text(root(el).querySelector('.empty')!);
    expect(empty).to.contain('Noch keine Standorte verknüpft');
    expect(empty).to.contain('muss sich so nicht mehrere Zugänge merken');
    expect(empty).to.contain('Die Teams vor Ort behalten ihren eigenen Zugang');
    expect(actionsOf(root(el).querySelector('.actions.top')!)).to.deep.equal(['Bestehendes Konto hinzufügen', 'Neuen Standort bestellen']);
  });

  it('an ordered location shows as waiting for confirmation', async () => {
    const el = await mount('ordered');
    const ordered = card(el, 'Standort München');
    expect(text(ordered)).to.contain('Status: Bestellt – wartet auf Bestätigung');
    expect(text(ordered)).to.contain('Bestellt am21.11.2026');
    expect(text(ordered)).to.contain('erscheint er hier als verknüpfter Nebenaccount');
    expect(root(el).querySelector('.empty')).to.equal(null);
  });

  it("a sub-account's view: its own card, a sentence that it is a location of a main account, no actions", async () => {
    const el = await mount('sub');
    expect(cards(el)).to.have.length(1);
    expect(text(el)).to.contain('Dieses Konto ist ein Standort (Nebenaccount) eines Hauptaccounts.');
    expect(root(el).querySelectorAll('tk-button')).to.have.length(0);
  });

  it('loading, a load error with retry, and a 403 said in words; without a session the login in its light DOM', async () => {
    const slow = await mount('slow');
    expect(text(slow)).to.contain('Standorte werden geladen');
    const failing = await mount('error');
    expect(text(failing)).to.contain('Die Standorte konnten nicht geladen werden.');
    expect(actionsOf(root(failing).querySelector('[data-load-error]')!)).to.deep.equal(['Erneut versuchen']);
    const forbidden = await mount('forbidden');
    expect(text(forbidden)).to.contain('Standorte kann nur die Verwaltung eines Geschäftskontos');
    const out = await fixture<TkLocations>(html`<tk-locations .kit=${fakeKit('de')}></tk-locations>`);
    await settle(out);
    expect(out.querySelector('tk-login')).to.exist;
    expect(text(out)).to.contain('Bitte melden Sie sich mit dem Zugang Ihres Geschäftskontos an');
  });

  it('reflows at 320 px without horizontal scrolling, in English too, in the overview and every step', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount('linked', 'en');
    await waitUntil(() => heading(el).textContent!.trim() === 'Locations', 'English texts');
    const fits = (where: string) => {
      expect(document.documentElement.scrollWidth, where).to.be.at.most(window.innerWidth);
      expect(el.scrollWidth, where).to.be.at.most(window.innerWidth);
    };
    fits('overview');
    expect(text(card(el, 'Filiale Zürich'))).to.contain('from 01/12/2026: no');
    await press(el, /Add an existing account/);
    await arrive(el, /Add an existing account/);
    fits('link');
    control(el, 'customerNumber').value = 'DR90000043';
    control(el, 'customerNumber').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    root(el).querySelector('form')!.requestSubmit();
    await arrive(el, /Enter the code/);
    fits('code');
    expect(text(el)).to.contain('It is valid for 24 hours.');
    await press(el, /^Back$/);
    await arrive(el, /Add an existing account/);
    await press(el, /^Cancel$/);
    await press(card(el, 'Filiale Zürich'), /Unlink/, el);
    await arrive(el, /Unlink/);
    fits('unlink');
  });
});

describe('<tk-locations>: linking an existing account', () => {
  it('keyboard only: customer number → errors at the field and in the summary → the code step → wrong, then right code; focus after each step', async () => {
    const el = await mount('empty');
    const steps: string[] = [];
    el.addEventListener('tk-step-change', (e) => steps.push((e as TkStepChangeEvent).detail.step));
    button(el, /Bestehendes Konto hinzufügen/).focus();
    await sendKeys({ press: 'Enter' });
    await arrive(el, /Bestehendes Konto hinzufügen/);
    focused(el, heading(el));
    expect(control(el, 'customerNumber').getAttribute('label')).to.equal('Kundennummer');
    expect(control(el, 'customerNumber').getAttribute('hint')).to.contain('auf jeder Rechnung');
    expect(control(el, 'collectiveInvoice').getAttribute('label')).to.equal('Über die Sammelrechnung abrechnen');
    await expect(el).to.be.accessible();

    // Nothing entered: the summary names the field, focused.
    await tab(); // the customer number
    await sendKeys({ press: 'Enter' });
    await settle(el);
    focused(el, summary(el));
    expect(summary(el)!.textContent).to.contain('Kundennummer');
    expect(control(el, 'customerNumber').error).to.not.equal('');

    // The BFF's field error (localized), at the field and in the summary.
    control(el, 'customerNumber').focus();
    await sendKeys({ type: 'DR00000000' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => control(el, 'customerNumber').error.includes('kein Geschäftskonto'), 'the BFF\'s error at the field');
    await settle(el);
    focused(el, summary(el));
    expect(summary(el)!.textContent).to.contain('Kundennummer');
    expect(summary(el)!.textContent).to.contain('Zu dieser Kundennummer finden wir kein Geschäftskonto');
    await expect(el).to.be.accessible();

    control(el, 'customerNumber').focus();
    for (let i = 0; i < 10; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'DR90000043' });
    await tab(); // the checkbox
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(control(el, 'collectiveInvoice').checked).to.equal(true);
    await tab(); // "Code anfordern"
    await sendKeys({ press: 'Enter' });
    await arrive(el, /Code eingeben/);
    focused(el, heading(el));
    expect(posts(/\/link-requests$/).at(-1)!.body).to.deep.equal({ customerNumber: 'DR90000043', collectiveInvoice: true });
    const intro = text(el);
    expect(intro).to.contain('an die Verwaltung von Filiale Köln (DR90000043)');
    expect(intro).to.contain('per SMS an +49 170 ••••• 34 und per E-Mail an v•••••g@koeln.muster-hoertechnik.example');
    expect(intro).to.contain('Er ist 24 Stunden gültig.');
    const code = el.querySelector<HTMLElement & { label: string; error: string }>('tk-text-field[autocomplete="one-time-code"]')!;
    expect(code.label).to.equal('Code');
    expect(actionsOf(root(el) as never)).to.include('Verknüpfen');
    await expect(el).to.be.accessible();

    // A wrong code: at the field, with the tries left.
    typeInto(el, 'one-time-code', '000000');
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => code.error, 'the wrong code said at the field');
    await settle(el);
    expect(code.error).to.contain('Der Code stimmt nicht');
    expect(root(el).querySelector('.pin-news')!.textContent).to.equal('Noch 4 Versuche.');

    const done = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<LocationsCompleteDetail>>;
    typeInto(el, 'one-time-code', '123456');
    el.querySelector('form')!.requestSubmit();
    expect((await done).detail.action).to.equal('linked');
    await waitUntil(() => card(el, 'Filiale Köln'), 'the new sub-account in the overview');
    await settle(el);
    const notice = card(el, 'Filiale Köln').querySelector('[data-card-notice]')!;
    expect(notice.textContent).to.equal('Filiale Köln (DR90000043) ist jetzt als Standort verknüpft.');
    focused(el, notice);
    expect(text(card(el, 'Filiale Köln'))).to.contain('Sammelrechnungneinab 01.12.2026: ja');
    expect(steps).to.deep.equal(['link', 'code']);
  });

  it('a locked code says what to do and leads to a new code; the second new code is refused with the time to wait', async () => {
    const el = await mount();
    await press(el, /Bestehendes Konto hinzufügen/);
    await arrive(el, /Bestehendes Konto/);
    control(el, 'customerNumber').value = 'DR90000043';
    control(el, 'customerNumber').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    root(el).querySelector('form')!.requestSubmit();
    await arrive(el, /Code eingeben/);
    typeInto(el, 'one-time-code', '999999');
    el.querySelector('form')!.requestSubmit();
    const code = el.querySelector<HTMLElement & { error: string }>('tk-text-field[autocomplete="one-time-code"]')!;
    await waitUntil(() => code.error, 'locked');
    expect(code.error).to.equal(
      'Der Code wurde zu oft falsch eingegeben und gilt nicht mehr. Fordern Sie mit „Neuen Code senden“ einen neuen an. Bitten Sie die Verwaltung von Filiale Köln um den neuesten Code (SMS oder E-Mail).',
    );
    expect(actionsOf(root(el) as never)).not.to.include('Verknüpfen');
    await expect(el).to.be.accessible();

    // After the wait, a new code: the old one stops; where it went is said once; focus where it is typed.
    skip(31);
    el.requestUpdate();
    await settle(el);
    await press(el, /^Neuen Code senden$/);
    await waitUntil(() => root(el).querySelector('.pin-news')!.textContent!.includes('Ein neuer Code'), 'the new code');
    expect(root(el).querySelector('.pin-news')!.textContent).to.equal('Ein neuer Code ist unterwegs an +49 170 ••••• 34. Der vorige Code gilt nicht mehr.');
    expect(posts(/\/resend$/).at(-1)!.path).to.match(/\/link-requests\/[\w-]+\/resend$/);
    expect(actionsOf(root(el) as never)).to.include('Verknüpfen');
    await waitUntil(() => deepActive()?.getAttribute('autocomplete') === 'one-time-code', 'focus on the code field');
    // A second new code too soon for the BFF: how long to wait.
    skip(31);
    el.requestUpdate();
    await settle(el);
    await press(el, /^Neuen Code senden$/);
    await waitUntil(() => root(el).querySelector('.pin-news')!.textContent!.includes('Einen neuen Code'), 'refused');
    expect(root(el).querySelector('.pin-news')!.textContent).to.match(/^Einen neuen Code können Sie in 1 Min\. 30 Sek\. anfordern\.$/);
  });
});

describe('<tk-locations>: switch and return', () => {
  it('switch → the provider carries the acting session, its banner says so (focused), the widget shows the location; return restores the main account and focus', async () => {
    locationsKit('de', 'linked'); // the fake BFF's lists
    const provider = await fixture<TkProvider>(html`<tk-provider no-brand api=${FAKE_API} publishable-key=${FAKE_KEYS.good} locale="de"
      ><tk-locations></tk-locations><tk-profile></tk-profile
    ></tk-provider>`);
    const el = provider.querySelector<TkLocations>('tk-locations')!;
    const profile = provider.querySelector<TkProfile>('tk-profile')!;
    await waitUntil(() => el.i18n.kit?.tenant, 'the tenant');
    const changes: { reason: string; acting: boolean }[] = [];
    provider.addEventListener('tk-session-change', (e) => changes.push({ reason: (e as TkSessionChangeEvent).detail.reason, acting: Boolean((e as TkSessionChangeEvent).detail.user?.acting) }));
    el.i18n.kit!.setSession(mainSession as Session);
    await waitUntil(() => card(el, 'Filiale Zürich'), 'the overview');
    await settle(el);

    // While the overview loads again after a switch or a return, the rows stay: no "loading" status over the banner's focus (review 10).
    const loading: string[] = [];
    const watch = new MutationObserver(() => root(el).querySelector('.loading') && loading.push(text(el)));
    watch.observe(root(el), { childList: true, subtree: true });
    const switched = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<LocationsCompleteDetail>>;
    button(card(el, 'Filiale Zürich'), /Zu diesem Standort wechseln/).click();
    expect((await switched).detail).to.deep.include({ action: 'switched', accountId: ZURICH_ID });
    expect(posts(/\/switch$/).at(-1)!.path).to.equal(`/v1/locations/${ZURICH_ID}/switch`);
    expect(provider.user).to.deep.equal(actingSession.user);
    const banner = () => provider.shadowRoot!.querySelector('tk-acting');
    await waitUntil(() => banner()?.shadowRoot?.querySelector('[data-acting]'), 'the banner');
    await settle(provider);
    expect(text(banner()!)).to.contain('Sie handeln für Standort Filiale Zürich (DR90000027).');
    expect(text(banner()!)).to.contain('Angemeldet als Max Muster im Hauptaccount Muster Hörtechnik GmbH (DR90000019)');
    await waitUntil(() => deepActive() === banner()!.shadowRoot!.querySelector('[data-acting]'), 'focus on the banner');
    expect(banner()!.shadowRoot!.querySelector('section')!.getAttribute('aria-label')).to.equal('Standort');
    // Every widget reloads for the sub-account: the locations say for whom the admin acts (the banner scrolls away), the profile read-only.
    await waitUntil(() => text(el).includes('Sie handeln für diesen Standort als Verwaltung des Hauptaccounts Muster Hörtechnik GmbH.'), 'the sub-account view');
    expect(text(el)).not.to.contain('Ihr eigener Zugang');
    expect(cards(el)).to.have.length(1);
    await waitUntil(() => text(profile).includes('verwaltung@zuerich'), "the location's profile");
    await expect(provider).to.be.accessible();

    const back = button(banner()!, /Zurück zum Hauptaccount/);
    back.click();
    await waitUntil(() => !banner(), 'the banner gone');
    expect(provider.user).to.deep.equal(mainSession.user);
    expect(posts(/\/return$/)).to.have.length.greaterThan(0);
    await waitUntil(() => card(el, 'Filiale Hamburg'), "the main account's overview again");
    // Said once, where the admin is: in the card switched from, focused (walk 11).
    await waitUntil(() => root(el).activeElement === card(el, 'Filiale Zürich').querySelector('[data-card-notice]'), 'focus on the card switched from');
    expect(card(el, 'Filiale Zürich').querySelector('[data-card-notice]')!.textContent).to.equal('Sie handeln wieder für Muster Hörtechnik GmbH.');
    expect(text(el).split('Sie handeln wieder').length).to.equal(2);
    watch.disconnect();
    expect(loading).to.deep.equal([]);
    expect(changes).to.deep.equal([
      { reason: 'login', acting: false },
      { reason: 'switch', acting: true },
      { reason: 'return', acting: false },
    ]);
  });

  it('while switching, the button is busy', async () => {
    const el = await mount('switching');
    button(card(el, 'Filiale Zürich'), /Zu diesem Standort wechseln/).click();
    await settle(el);
    const busy = [...card(el, 'Filiale Zürich').querySelectorAll<HTMLElement & { busy: boolean }>('tk-button')].find((b) => /wechseln/.test(b.textContent!))!;
    expect(busy.busy).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('tk-profile while acting: the location\'s data, read-only, with one sentence why; logout stays', async () => {
    const kit = locationsKit('de', 'linked');
    kit.session = actingSession;
    const profile = await fixture<TkProfile>(html`<tk-profile .kit=${kit}></tk-profile>`);
    await settle(profile);
    await waitUntil(() => text(profile).includes('DR90000027'));
    const labels = [...profile.shadowRoot!.querySelectorAll('tk-button')].map((b) => b.textContent!.trim());
    expect(labels).to.deep.equal(['Abmelden']);
    expect(profile.shadowRoot!.querySelector('[data-acting]')!.textContent).to.contain('ändert nur die eigene Verwaltung des Standorts');
    await expect(profile).to.be.accessible();
    // Not acting: the change buttons are there.
    const own = await fixture<TkProfile>(html`<tk-profile .kit=${locationsKit('de', 'linked')}></tk-profile>`);
    await settle(own);
    expect([...own.shadowRoot!.querySelectorAll('tk-button')].map((b) => b.textContent!.trim())).to.include('Passwort ändern');
    expect(own.shadowRoot!.querySelector('[data-acting]')).to.equal(null);
  });
});

describe('<tk-locations>: collective invoice and unlinking', () => {
  it('"Auf Sammelrechnung nehmen": the date it takes effect, said in the card, focused; the button turns round', async () => {
    const el = await mount();
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<LocationsCompleteDetail>>;
    await press(card(el, 'Filiale Hamburg'), /Auf Sammelrechnung nehmen/, el);
    expect((await complete).detail).to.deep.include({ action: 'invoice_changed', accountId: HAMBURG_ID });
    await settle(el);
    expect(posts(/\/locations\/[\w-]+$/).at(-1)).to.deep.include({ method: 'PATCH', body: { collectiveInvoice: true } });
    const notice = card(el, 'Filiale Hamburg').querySelector('[data-card-notice]')!;
    expect(notice.textContent).to.equal('Ab 01.12.2026 wird Filiale Hamburg über die Sammelrechnung abgerechnet.');
    focused(el, notice);
    expect(text(card(el, 'Filiale Hamburg'))).to.contain('Sammelrechnungneinab 01.12.2026: ja');
    expect(actionsOf(card(el, 'Filiale Hamburg'))).to.include('Geplante Änderung zurücknehmen');
    await expect(el).to.be.accessible();
    // Zürich leaves it on 1 December: taking it back on withdraws the waiting change, and says so.
    await press(card(el, 'Filiale Zürich'), /Geplante Änderung zurücknehmen/, el);
    await waitUntil(() => card(el, 'Filiale Zürich').querySelector('[data-card-notice]'));
    expect(card(el, 'Filiale Zürich').querySelector('[data-card-notice]')!.textContent).to.equal('Die geplante Änderung ist zurückgenommen: Filiale Zürich bleibt auf der Sammelrechnung.');
    expect(text(card(el, 'Filiale Zürich'))).to.contain('Sammelrechnungja');
    expect(text(card(el, 'Filiale Zürich'))).not.to.contain('ab 01.12.2026');
  });

  it('unlink: a confirmation that says what happens; "Abbrechen" goes back to the card; "Verknüpfung jetzt lösen" removes it', async () => {
    const el = await mount();
    await press(card(el, 'Filiale Zürich'), /Verknüpfung lösen/, el);
    await arrive(el, /Verknüpfung lösen/);
    focused(el, heading(el));
    const said = text(el);
    expect(said).to.contain('Wenn Sie die Verknüpfung mit Filiale Zürich (DR90000027) lösen:');
    expect(said).to.contain('verlässt der Standort die Sammelrechnung zum Monatsende');
    expect(said).to.contain('bleibt sein eigener Zugang bestehen');
    expect(said).to.contain('bleibt der Verlauf der Verknüpfung gespeichert');
    expect(actionsOf(root(el) as never)).to.deep.equal(['Verknüpfung jetzt lösen', 'Abbrechen']);
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'tk-cancel') as Promise<TkCancelEvent>;
    await press(el, /^Abbrechen$/);
    expect((await cancelled).detail.step).to.equal('unlink');
    // Back on the button that opened the confirmation (walk 14).
    focused(el, card(el, 'Filiale Zürich').querySelector('tk-button[data-unlink]'));
    expect(card(el, 'Filiale Zürich').querySelector('tk-button[data-unlink]')!.textContent).to.contain('Verknüpfung lösen');

    await press(card(el, 'Filiale Zürich'), /Verknüpfung lösen/, el);
    await arrive(el, /Verknüpfung lösen/);
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<LocationsCompleteDetail>>;
    button(el, /Verknüpfung jetzt lösen/).focus();
    await sendKeys({ press: 'Enter' });
    expect((await complete).detail).to.deep.include({ action: 'unlinked', accountId: ZURICH_ID });
    await arrive(el, /Standorte/);
    expect(posts(/\/locations\/[\w-]+$/).at(-1)).to.deep.include({ method: 'DELETE', path: `/v1/locations/${ZURICH_ID}` });
    expect(card(el, 'Filiale Zürich')).to.equal(undefined);
    expect(root(el).querySelector('[role="status"] .notice')!.textContent).to.equal('Die Verknüpfung mit Filiale Zürich ist gelöst. Bis 30.11.2026 wird der Standort noch über die Sammelrechnung abgerechnet.');
    focused(el, heading(el));
  });
});

describe('<tk-locations>: ordering a new location', () => {
  it('"Weiter zur Bestellung" → tk-signup for a business account, prefilled, with the intent in the request body; then the order waits in the overview', async () => {
    const el = await mount('empty');
    await press(el, /Neuen Standort bestellen/);
    await arrive(el, /Neuen Standort bestellen/);
    focused(el, heading(el));
    expect(control(el, 'collectiveInvoice').getAttribute('label')).to.equal('Über die Sammelrechnung abrechnen');
    await expect(el).to.be.accessible();
    control(el, 'collectiveInvoice').checked = true;
    control(el, 'collectiveInvoice').dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await press(el, /Weiter zur Bestellung/);
    await waitUntil(() => root(el).querySelector('tk-signup')?.shadowRoot?.querySelector('[data-step-heading]'), 'the signup');
    expect(posts(/\/intents$/).at(-1)!.body).to.deep.equal({ collectiveInvoice: true });
    const signup = root(el).querySelector<TkSignup>('tk-signup')!;
    await settle(signup);
    const s = signup.shadowRoot!;
    const value = (name: string) => s.querySelector<HTMLElement & { value: string; checked: boolean }>(`[name="${name}"]`)!;
    expect(s.querySelector('[data-step-heading]')!.textContent!.trim()).to.equal('Firma'); // business, type step skipped
    expect(value('company.name').value).to.equal('Muster Hörtechnik GmbH');
    expect(value('company.vatId').value).to.equal('DE123456789');
    // Not the site address: the new location has its own (walk 5); a hint above the signup asks for it and a telling name.
    expect(value('company.address.city').value).to.equal('');
    expect(value('company.address.street').value).to.equal('');
    expect(value('company.legalForm').value).to.equal('gmbh');
    expect(value('invoiceAddress.address.city').value).to.equal('Berlin');
    expect(root(el).querySelector('.hint')!.textContent).to.contain('z. B. Muster Hörtechnik GmbH – Filiale Köln');
    expect(value('separateInvoice').checked).to.equal(true);
    expect(value('invoiceAddress.name').value).to.equal('Muster Hörtechnik GmbH, Buchhaltung');
    await expect(el).to.be.accessible();

    // The rest of the signup, as a user fills it.
    const set = async (name: string, v: string | boolean, event = 'input') => {
      const field = value(name);
      if (typeof v === 'boolean') field.checked = v;
      else field.value = v;
      field.dispatchEvent(new Event(event, { bubbles: true, composed: true }));
      await signup.updateComplete;
    };
    const next = async () => {
      button(signup, /Weiter/).click();
      await settle(signup);
    };
    for (const f of ['street', 'houseNumber', 'postalCode', 'city'] as const) await set(`company.address.${f}`, String(signupValues.business[`company.address.${f}`]));
    await next();
    for (const f of ['firstName', 'lastName', 'email', 'mobile'] as const) await set(`contact.${f}`, String(signupValues.business[`contact.${f}`]));
    await set('contact.salutation', 'mr', 'change');
    await next();
    await set('payment.method', 'invoice', 'change');
    await next();
    await set('terms.accepted', true, 'change');
    await next();
    await waitUntil(() => /Prüfen/.test(s.querySelector('[data-step-heading]')!.textContent!), 'the review');
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<LocationsCompleteDetail>>;
    button(signup, /Absenden|Vertrag/).click();
    expect((await complete).detail.action).to.equal('ordered');
    const sent = locationRequests.filter((r) => r.path === '/v1/signups').at(-1)!;
    expect(sent.body.locationIntent).to.match(/^tk_lin_story_intent_/);
    expect(sent.body).to.deep.include({ accountType: 'business' });
    expect((sent.body.company as { name: string }).name).to.equal('Muster Hörtechnik GmbH');
    expect((sent.body.invoiceAddress as { name: string }).name).to.equal('Muster Hörtechnik GmbH, Buchhaltung');
    // The signup's own done screen stays (the new location's contact confirms by e-mail), with what happens then.
    await waitUntil(() => text(signup).includes('bitte bestätigen Sie Ihre E-Mail-Adresse'), "the signup's done screen");
    await settle(el);
    // Said to the admin, not to the new location's contact (walk 7).
    expect(text(el)).to.contain(`Wir haben ${signupValues.business['contact.email']} gebeten, zu bestätigen; danach erscheint der Standort hier verknüpft.`);
    expect(root(el).querySelector('.hint')).to.equal(null);
    expect(actionsOf(root(el) as never)).to.include('Zur Übersicht');
    await expect(el).to.be.accessible();
    await press(el, /^Zur Übersicht$/);
    await arrive(el, /Standorte/);
    focused(el, heading(el));
    expect(root(el).querySelector('[role="status"] .notice')!.textContent).to.equal(
      `Wir haben ${signupValues.business['contact.email']} gebeten, zu bestätigen; danach erscheint der Standort hier verknüpft.`,
    );
    const waiting = cards(el).find((c) => text(c).includes('Bestellt – wartet auf Bestätigung'))!;
    expect(text(waiting)).to.contain('Muster Hörtechnik GmbH');
    expect(text(waiting)).to.contain('Sammelrechnungja');
  });

  it('"Abbrechen" on the order step goes back to the overview', async () => {
    const el = await mount('empty');
    await press(el, /Neuen Standort bestellen/);
    await arrive(el, /Neuen Standort bestellen/);
    const cancelled = oneEvent(el, 'tk-cancel') as Promise<TkCancelEvent>;
    await press(el, /^Abbrechen$/);
    expect((await cancelled).detail.step).to.equal('order');
    expect(heading(el).textContent!.trim()).to.equal('Standorte');
  });
});

describe('<tk-signup> with a location intent', () => {
  const { accountType: _, ...business } = signupValues.business;
  const review = async (el: TkSignup) => {
    for (let i = 0; i < 4; i++) {
      button(el, /Weiter/).click();
      await settle(el);
    }
  };

  it('without one, nothing changes: no locationIntent in the body', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup id="plain" account-type="business" .kit=${locationsKit('de')} .prefill=${{ ...business, 'payment.method': 'invoice' }}></tk-signup>`);
    await review(el);
    const complete = oneEvent(el, 'tk-complete');
    button(el, /Absenden|Vertrag/).click();
    await complete;
    expect(locationRequests.filter((r) => r.path === '/v1/signups').at(-1)!.body).not.to.have.property('locationIntent');
  });

  it('an intent that ran out (422 on locationIntent): a clear banner, focused, that says to start again from the locations', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup id="expired" account-type="business" location-intent=${EXPIRED_INTENT} .kit=${locationsKit('de')} .prefill=${{ ...business, 'payment.method': 'invoice' }}></tk-signup>`);
    await review(el);
    button(el, /Absenden|Vertrag/).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-submit-error]'), 'the banner');
    await settle(el);
    expect(locationRequests.filter((r) => r.path === '/v1/signups').at(-1)!.body.locationIntent).to.equal(EXPIRED_INTENT);
    const banner = el.shadowRoot!.querySelector('[data-submit-error]')!;
    expect(banner.textContent).to.contain('Diese Bestellung eines neuen Standorts ist abgelaufen');
    expect(banner.textContent).to.contain('„Neuen Standort bestellen“');
    expect(deepActive()?.closest('tk-alert') ?? (deepActive()?.getRootNode() as ShadowRoot).host).to.equal(banner);
    await expect(el).to.be.accessible();
  });
});

describe('<tk-locations>: after the review and the walks', () => {
  const codeField = (el: TkLocations) => el.querySelector<HTMLElement & { error: string }>('tk-text-field[autocomplete="one-time-code"]')!;
  async function codeStep(el: TkLocations) {
    await press(el, /Bestehendes Konto hinzufügen/);
    await arrive(el, /Bestehendes Konto/);
    control(el, 'customerNumber').value = 'DR90000043';
    control(el, 'customerNumber').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    control(el, 'collectiveInvoice').checked = true;
    control(el, 'collectiveInvoice').dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    root(el).querySelector('form')!.requestSubmit();
    await arrive(el, /Code eingeben/);
  }
  async function enterCode(el: TkLocations, pin: string) {
    codeField(el).error = '';
    typeInto(el, 'one-time-code', pin);
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => codeField(el)?.error || el.form.step !== 'code', `an answer to ${pin}`);
    await settle(el);
  }

  it('an open code request shows in the overview; "Code eingeben" resumes its code step (no new code), and links (walk 1)', async () => {
    const el = await mount('requested');
    const open = cards(el).find((c) => text(c).includes('Code angefordert'))!;
    expect(text(open)).to.contain('Code angefordert für Filiale Köln (DR90000043) – gültig bis 23.11.2026');
    expect(actionsOf(open)).to.deep.equal(['Code eingeben']);
    expect(open.querySelector('tk-button .visually-hidden')!.textContent).to.equal('(Filiale Köln)');
    await expect(el).to.be.accessible();
    const before = posts(/\/link-requests$/).length;
    const steps: string[] = [];
    el.addEventListener('tk-step-change', (e) => steps.push((e as TkStepChangeEvent).detail.step));
    await press(open, /Code eingeben/, el);
    await arrive(el, /Code eingeben/);
    focused(el, heading(el));
    expect(text(el)).to.contain('an die Verwaltung von Filiale Köln (DR90000043)');
    expect(text(el)).to.contain('per SMS an +49 170 ••••• 34 und per E-Mail an v•••••g@koeln.muster-hoertechnik.example');
    expect(posts(/\/link-requests$/).length).to.equal(before);
    expect(steps).to.deep.equal(['code']);
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<LocationsCompleteDetail>>;
    typeInto(el, 'one-time-code', '123456');
    el.querySelector('form')!.requestSubmit();
    expect((await done).detail.action).to.equal('linked');
    expect(posts(/\/confirm$/).at(-1)!.path).to.match(/\/link-requests\/00000000-0000-4000-8000-000000007101\/confirm$/);
  });

  it('"Zurück" from a resumed or a new code step keeps the customer number and the checkbox (walk 14)', async () => {
    const el = await mount('requested');
    await press(cards(el).find((c) => text(c).includes('Code angefordert'))!, /Code eingeben/, el);
    await arrive(el, /Code eingeben/);
    await press(el, /^Zurück$/);
    await arrive(el, /Bestehendes Konto/);
    expect(control(el, 'customerNumber').value).to.equal('DR90000043');
    expect(control(el, 'collectiveInvoice').checked).to.equal(true);

    const fresh = await mount('empty');
    await codeStep(fresh);
    await press(fresh, /^Zurück$/);
    await arrive(fresh, /Bestehendes Konto/);
    focused(fresh, heading(fresh));
    expect(control(fresh, 'customerNumber').value).to.equal('DR90000043');
    expect(control(fresh, 'collectiveInvoice').checked).to.equal(true);
  });

  it("the code step's errors say that the code went to the other account's administration (walk 3)", async () => {
    const el = await mount();
    await codeStep(el);
    const ask = 'Bitten Sie die Verwaltung von Filiale Köln um den neuesten Code (SMS oder E-Mail).';
    await enterCode(el, '12');
    expect(codeField(el).error).to.equal(`Der Code hat 6 Ziffern. ${ask}`);
    await enterCode(el, '000000');
    expect(codeField(el).error).to.equal(`Der Code stimmt nicht. ${ask}`);
    expect(codeField(el).error).not.to.contain('prüfen Sie die SMS');
    await enterCode(el, '222222');
    expect(codeField(el).error).to.equal(`Dieser Code gilt nicht mehr. ${ask}`);
    await expect(el).to.be.accessible();
  });

  it('409 not_linkable at code entry: its detail at the customer number and in the summary, on the link step (walk 3)', async () => {
    const el = await mount();
    await codeStep(el);
    typeInto(el, 'one-time-code', '111111');
    el.querySelector('form')!.requestSubmit();
    await arrive(el, /Bestehendes Konto hinzufügen/);
    await waitUntil(() => summary(el), 'the summary');
    await settle(el);
    const detail = 'Filiale Köln ist inzwischen Standort eines anderen Hauptaccounts und kann nicht mehr verknüpft werden.';
    expect(control(el, 'customerNumber').error).to.equal(detail);
    expect(control(el, 'customerNumber').value).to.equal('DR90000043');
    expect(summary(el)!.textContent).to.contain('Kundennummer');
    expect(summary(el)!.textContent).to.contain(detail);
    focused(el, summary(el));
    expect(el.querySelector('tk-text-field[autocomplete="one-time-code"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the link and order steps: the customer number hint, and collective-invoice hints that say they apply when ticked (walks 4, 15)', async () => {
    const el = await mount();
    await press(el, /Bestehendes Konto hinzufügen/);
    await arrive(el, /Bestehendes Konto/);
    expect(control(el, 'customerNumber').getAttribute('hint')).to.equal('Steht auf jeder Rechnung, z. B. DR90000217');
    expect(control(el, 'collectiveInvoice').getAttribute('hint')).to.match(/^Wenn angekreuzt: /);
    await press(el, /^Abbrechen$/);
    await press(el, /Neuen Standort bestellen/);
    await arrive(el, /Neuen Standort bestellen/);
    expect(control(el, 'collectiveInvoice').getAttribute('hint')).to.match(/^Wenn angekreuzt: /);
  });

  it('unlinking promises billing to the month end only for an account on the collective invoice today (review 5)', async () => {
    const el = await mount();
    // Hamburg joins the collective invoice on 1 December: not on it today.
    await press(card(el, 'Filiale Hamburg'), /Auf Sammelrechnung nehmen/, el);
    await waitUntil(() => card(el, 'Filiale Hamburg').querySelector('[data-card-notice]'));
    await press(card(el, 'Filiale Hamburg'), /Verknüpfung lösen/, el);
    await arrive(el, /Verknüpfung lösen/);
    expect(text(el)).not.to.contain('Monatsende');
    expect(text(el)).to.contain('bekommt der Standort weiter eine eigene Rechnung');
  });

  it('tk-sub-users and tk-profile while acting: one line under the heading for which location; the profile says logout ends the main session too (walks 2, 17)', async () => {
    const kit = subUsersKit('de');
    kit.session = { ...kit.session!, user: actingProfile };
    const subs = await fixture<TkSubUsers>(html`<tk-sub-users .kit=${kit}></tk-sub-users>`);
    await settle(subs);
    const line = subs.shadowRoot!.querySelector('[data-heading] + [data-acting-for]')!;
    expect(line.textContent).to.equal('Für Standort Filiale Zürich (DR90000027)');
    const own = await fixture<TkSubUsers>(html`<tk-sub-users .kit=${subUsersKit('de')}></tk-sub-users>`);
    await settle(own);
    expect(own.shadowRoot!.querySelector('[data-acting-for]')).to.equal(null);

    const acting = locationsKit('de', 'linked');
    acting.session = actingSession;
    const profile = await fixture<TkProfile>(html`<tk-profile .kit=${acting}></tk-profile>`);
    await waitUntil(() => text(profile).includes('DR90000027'));
    await settle(profile);
    expect(profile.shadowRoot!.querySelector('[data-heading] + [data-acting-for]')!.textContent).to.equal('Für Standort Filiale Zürich (DR90000027)');
    expect(profile.shadowRoot!.querySelector('[data-acting]')!.textContent).to.contain('Abmelden beendet auch Ihre Sitzung im Hauptaccount.');
    await expect(profile).to.be.accessible();
  });

  it('tk-locations while acting offers "Zurück zum Hauptaccount" itself (the call of the banner); the return is said once (walks 9, 11)', async () => {
    locationsKit('de', 'linked');
    const provider = await fixture<TkProvider>(html`<tk-provider no-brand api=${FAKE_API} publishable-key=${FAKE_KEYS.good} locale="de"><tk-locations></tk-locations></tk-provider>`);
    const el = provider.querySelector<TkLocations>('tk-locations')!;
    await waitUntil(() => el.i18n.kit?.tenant, 'the tenant');
    el.i18n.kit!.setSession(actingSession);
    await waitUntil(() => root(el).querySelector('[data-acting]'), 'the acting view');
    await settle(el);
    expect(root(el).querySelector('[data-acting]')!.textContent).to.equal('Sie handeln für diesen Standort als Verwaltung des Hauptaccounts Muster Hörtechnik GmbH. Verknüpfung und Sammelrechnung ändern Sie dort.');
    await expect(el).to.be.accessible();
    const before = posts(/\/return$/).length;
    const changed = oneEvent(provider, 'tk-session-change') as Promise<TkSessionChangeEvent>;
    await press(el, /^Zurück zum Hauptaccount$/);
    expect((await changed).detail.reason).to.equal('return');
    expect(posts(/\/return$/).length).to.equal(before + 1);
    await waitUntil(() => card(el, 'Filiale Hamburg'), "the main account's overview");
    await waitUntil(() => root(el).querySelector('[role="status"] .notice'), 'the return said');
    expect(root(el).querySelector('[role="status"] .notice')!.textContent).to.equal('Sie handeln wieder für Muster Hörtechnik GmbH.');
    expect(provider.shadowRoot!.querySelector('tk-acting')).to.equal(null);
    expect(text(el).split('Sie handeln wieder').length).to.equal(2);
  });

  it('without a provider (standalone attributes) it offers no switch: nothing would show the acting banner (review 3)', async () => {
    locationsKit('de', 'linked');
    const el = await fixture<TkLocations>(html`<tk-locations api=${FAKE_API} publishable-key=${FAKE_KEYS.good} locale="de"></tk-locations>`);
    await waitUntil(() => el.i18n.kit?.tenant, 'the tenant');
    el.i18n.kit!.setSession(mainSession as Session);
    await waitUntil(() => card(el, 'Filiale Zürich'), 'the overview');
    await settle(el);
    expect(el.standalone).to.equal(true);
    expect(actionsOf(card(el, 'Filiale Zürich'))).to.deep.equal(['Geplante Änderung zurücknehmen', 'Verknüpfung lösen']);
    await expect(el).to.be.accessible();
  });

  it('a reload with persist-session while acting: the provider restores the session and its banner shows (review 12)', async () => {
    locationsKit('de', 'linked');
    sessionStorage.setItem(`telkit.session.v1|${FAKE_API}|${FAKE_KEYS.good}`, JSON.stringify(actingSession));
    const provider = await fixture<TkProvider>(html`<tk-provider no-brand persist-session api=${FAKE_API} publishable-key=${FAKE_KEYS.good} locale="de"
      ><tk-locations></tk-locations
    ></tk-provider>`);
    const banner = () => provider.shadowRoot!.querySelector('tk-acting');
    await waitUntil(() => banner()?.shadowRoot?.querySelector('[data-acting]'), 'the banner after the reload');
    await settle(provider);
    expect(text(banner()!)).to.contain('Sie handeln für Standort Filiale Zürich (DR90000027).');
    expect(button(banner()!, /Zurück zum Hauptaccount/)).to.exist;
    const el = provider.querySelector<TkLocations>('tk-locations')!;
    await waitUntil(() => root(el).querySelector('[data-acting]'), 'the location acted for');
    await expect(provider).to.be.accessible();
  });
});
