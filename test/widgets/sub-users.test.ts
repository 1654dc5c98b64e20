import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { berlinDate, firstOfNextMonth } from '../../contract/terms.js';
import type { TkCancelEvent, TkCompleteEvent, TkStepChangeEvent } from '../../widgets/core/events.js';
import { formatDate, loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/provider/provider.js';
import '../../widgets/sub-users/sub-users.js';
import type { SubUsersCompleteDetail, TkSubUsers } from '../../widgets/sub-users/sub-users.js';
import { fakeKit } from '../../stories/fake-kit.js';
import { button, settle, submit, typeInto } from '../../stories/portal-steps.js';
import { subUserRequests, subUsersKit, type SubUsersScenario } from '../../stories/sub-users-fixtures.js';

before(async () => {
  await loadLocale('en');
});
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

const root = (el: TkSubUsers) => el.shadowRoot!;
const heading = (el: TkSubUsers) => root(el).querySelector<HTMLElement>('[data-heading]')!;
const text = (el: TkSubUsers) => root(el).textContent!.replace(/\s+/g, ' ');
const summary = (el: TkSubUsers) => root(el).querySelector<HTMLElement>('[data-error-summary]');
const control = <T extends HTMLElement = HTMLElement>(el: TkSubUsers, name: string) =>
  root(el).querySelector<T>(`[name="${name}"]`) as T & { value: string; error: string; shownError: string; hint: string };
const card = (el: TkSubUsers, name: string) => [...root(el).querySelectorAll<HTMLElement>('.card')].find((c) => c.querySelector('.name')!.textContent!.includes(name))!;
/** The visible texts of a card's buttons. */
const actionsOf = (el: TkSubUsers, name: string) => [...card(el, name).querySelectorAll('tk-button')].map((b) => b.textContent!.split('(')[0]!.trim());

async function mount(scenario: SubUsersScenario = 'all', locale: 'de' | 'en' = 'de') {
  const el = await fixture<TkSubUsers>(html`<tk-sub-users .kit=${subUsersKit(locale, scenario)}></tk-sub-users>`);
  await settle(el);
  if (scenario !== 'slow') await waitUntil(() => !root(el).querySelector('.loading'), 'the list did not load');
  return el;
}
async function press(el: TkSubUsers, name: RegExp) {
  button(el, name).click();
  await settle(el);
}
/** Waits for a step (its code is fetched when first opened) by its heading. */
async function arrive(el: TkSubUsers, title: RegExp) {
  await waitUntil(() => title.test(heading(el)?.textContent ?? ''), `no step ${title}`);
  await settle(el);
}
async function type(value: string) {
  await sendKeys({ type: value });
}
async function tab(times = 1) {
  for (let i = 0; i < times; i++) await sendKeys({ press: 'Tab' });
}
function fill(el: TkSubUsers, name: string, value: string) {
  const c = control(el, name);
  c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  c.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
async function submitForm(el: TkSubUsers) {
  root(el).querySelector('form')!.requestSubmit();
  await settle(el);
}

describe('<tk-sub-users>: the list', () => {
  it('shows each co-user with a text badge, the data, and only the actions the status allows', async () => {
    const el = await mount();
    expect(heading(el).textContent!.trim()).to.equal('Mitbenutzer');
    const names = [...root(el).querySelectorAll('.card .name')].map((n) => n.textContent!.trim());
    expect(names).to.deep.equal(['Jonas Beispiel', 'Emil Ende', 'Erika Expired', 'Karl Kündig', 'Lena Limit', 'Anna Muster', 'Paul Pending']); // by last name
    const badge = (name: string) => card(el, name).querySelector('.badge')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(badge('Anna Muster')).to.equal('Status: Aktiv');
    expect(badge('Lena Limit')).to.equal('Status: Wartet auf Bestätigung');
    expect(badge('Karl Kündig')).to.equal('Status: Kündigung zum 31.12.2026');
    expect(badge('Emil Ende')).to.equal('Status: Gekündigt');
    expect(badge('Erika Expired')).to.equal('Status: Link abgelaufen');
    const anna = card(el, 'Anna Muster').textContent!.replace(/\s+/g, ' ');
    for (const part of ['anna.muster', 'anna.muster@sip.demo-reseller.example', 'Partner Mitbenutzer', 'Kostenstelle 4711', 'Kundennummer']) expect(anna).to.contain(part);
    expect(card(el, 'Jonas Beispiel').textContent).to.contain('ab 1.12.2026: Partner Mitbenutzer Plus');
    expect(card(el, 'Lena Limit').textContent!.replace(/\s+/g, ' ')).to.contain('gesendet21.11.2026 um 14:03 Uhr');
    expect(card(el, 'Anna Muster').textContent).not.to.contain('Bestätigungs-E-Mail gesendet');

    expect(actionsOf(el, 'Lena Limit')).to.deep.equal(['Bestätigung erneut senden', 'E-Mail-Adresse ändern', 'Anmeldung zurückziehen']);
    expect(actionsOf(el, 'Erika Expired')).to.deep.equal(['Bestätigung erneut senden', 'E-Mail-Adresse ändern', 'Anmeldung zurückziehen']);
    expect(actionsOf(el, 'Anna Muster')).to.deep.equal(['Rechnungszusatz ändern', 'Tarif ändern', 'Mitbenutzer kündigen']);
    expect(actionsOf(el, 'Karl Kündig')).to.deep.equal(['Kündigung zurücknehmen']);
    expect(actionsOf(el, 'Emil Ende')).to.deep.equal([]);
    // Each button names its co-user for screen readers, after the visible label (label in name, WCAG 2.5.3).
    expect(card(el, 'Anna Muster').querySelector('tk-button:last-child')!.textContent!.trim()).to.equal('Mitbenutzer kündigen(Anna Muster)');
    for (const b of root(el).querySelectorAll<HTMLElement>('.card tk-button')) {
      const hidden = b.querySelector('.visually-hidden')!.textContent!;
      expect(b.textContent!.trim()).to.equal(`${b.textContent!.replace(hidden, '').trim()}${hidden}`);
      expect(hidden).to.match(/^\(\S.*\)$/);
    }
    // no search up to 10
    expect(control(el, 'search')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a resend that is not yet allowed counts down; a resend sends a new link and counts down; a refused one says how long', async () => {
    const el = await mount();
    const paul = () => card(el, 'Paul Pending');
    expect(button(paul(), /Bestätigung erneut senden/).disabled).to.equal(true);
    expect(paul().querySelector('.wait')!.textContent).to.match(/Erneut senden ist in \d+ Sek\. möglich/);
    const done = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<SubUsersCompleteDetail>>;
    await press(card(el, 'Lena Limit') as never, /Bestätigung erneut senden/);
    expect((await done).detail.action).to.equal('resent');
    // What happened is said in the co-user's card, focused: where the user is, not screens above (320 px).
    const notice = card(el, 'Lena Limit').querySelector('[data-card-notice]')!;
    expect(notice.textContent).to.contain('lena.limit@muster-hoertechnik.example');
    expect(root(el).activeElement === notice, 'focus on the card notice').to.equal(true);
    expect(root(el).querySelector('[role="status"] .notice'), 'not also in the banner').to.equal(null);
    expect(card(el, 'Lena Limit').querySelector('.wait')!.textContent).to.match(/1 Min\.|60 Sek\./);
    // a second one, refused by the BFF with Retry-After
    el.waits.clear();
    el.requestUpdate();
    await settle(el);
    const failed = oneEvent(el, 'tk-error');
    await press(card(el, 'Lena Limit') as never, /Bestätigung erneut senden/);
    expect((await failed).detail.status).to.equal(429);
    expect(summary(el)!.textContent).to.contain('1 Min. 30 Sek.');
    expect(card(el, 'Lena Limit').querySelector('.wait')).to.exist;
  });

  it('the empty state explains co-users and offers to set one up', async () => {
    const el = await mount('empty');
    expect(text(el)).to.contain('Noch keine Mitbenutzer');
    expect(text(el)).to.contain('abgerechnet wird über Ihr Geschäftskonto'.replace('a', 'A'));
    expect(button(el, /Mitbenutzer einrichten/)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('search appears only above 10 co-users, searches name, username, e-mail and customer number, and counts politely', async () => {
    const small = await mount('all');
    expect(control(small, 'search')).to.equal(null);
    const el = await mount('many');
    const search = control(el, 'search');
    expect(search).to.exist;
    const count = () => root(el).querySelector('.count')!;
    expect(count().getAttribute('role')).to.equal('status');
    expect(count().textContent).to.equal('14 von 14 Mitbenutzern');
    fill(el, 'search', 'fuchs');
    await settle(el);
    expect(count().textContent).to.equal('1 von 14 Mitbenutzern');
    fill(el, 'search', 'DR900010');
    await settle(el);
    expect(root(el).querySelectorAll('.card').length).to.be.greaterThan(1);
    fill(el, 'search', 'graf@');
    await settle(el);
    expect([...root(el).querySelectorAll('.card .name')].map((n) => n.textContent)).to.deep.equal(['Gül Graf']);
    await expect(el).to.be.accessible();
  });

  it('loading, a load error with retry, and a 403 said in words', async () => {
    const slow = await mount('slow');
    expect(root(slow).querySelector('.loading')!.textContent).to.contain('werden geladen');
    const failing = await mount('error');
    expect(root(failing).querySelector('[data-load-error]')!.textContent).to.contain('konnten nicht geladen werden');
    expect(button(failing, /Erneut versuchen/)).to.exist;
    await expect(failing).to.be.accessible();
    const errors: string[] = [];
    const listen = (e: Event) => errors.push((e as CustomEvent<{ code: string }>).detail.code);
    document.addEventListener('tk-error', listen);
    const forbidden = await mount('forbidden');
    document.removeEventListener('tk-error', listen);
    expect(errors).to.deep.equal(['forbidden']);
    expect(text(forbidden)).to.contain('Mitbenutzer kann nur die Verwaltung eines Geschäftskontos einrichten und verwalten');
    await expect(forbidden).to.be.accessible();
  });

  it('without a session it shows the login in its light DOM', async () => {
    const el = await fixture<TkSubUsers>(html`<tk-sub-users .kit=${fakeKit('de')}></tk-sub-users>`);
    await settle(el);
    expect(el.querySelector('tk-login')).to.exist;
    expect(text(el)).to.contain('Bitte melden Sie sich');
  });

  it('a login there shows the list, with focus on its heading', async () => {
    const kit = subUsersKit('de', 'all');
    kit.session = undefined;
    const el = await fixture<TkSubUsers>(html`<tk-sub-users .kit=${kit}></tk-sub-users>`);
    await settle(el);
    typeInto(el, 'username', 'max.muster');
    typeInto(el, 'current-password', 'richtig');
    submit(el);
    await waitUntil(() => el.querySelector('input[autocomplete="one-time-code"]'), 'no PIN step', { timeout: 5000 });
    typeInto(el, 'one-time-code', '123456');
    submit(el);
    await waitUntil(() => root(el).querySelector('.card'), 'the list after the login', { timeout: 5000 });
    await settle(el);
    expect(el.querySelector('tk-login')).to.equal(null);
    expect(root(el).activeElement === heading(el), 'focus on the list heading').to.equal(true);
  });

  it('reflows at 320 px without horizontal scrolling, in English too', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount('all', 'en');
    await waitUntil(() => heading(el).textContent!.trim() === 'Co-users', 'English texts');
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
    expect(el.scrollWidth).to.be.at.most(window.innerWidth);
    expect(card(el, 'Karl Kündig').textContent).to.contain('Ends on 31/12/2026');
    const fits = (where: string) => {
      expect(document.documentElement.scrollWidth, where).to.be.at.most(window.innerWidth);
      expect(el.scrollWidth, where).to.be.at.most(window.innerWidth);
    };
    await press(el, /Set up a co-user/);
    await arrive(el, /About the co-user/);
    fits('add data');
    await press(el, /^Cancel$/);
    await press(card(el, 'Anna Muster') as never, /Cancel/);
    await arrive(el, /Cancel co-user/);
    fill(el, 'when', 'later');
    await settle(el);
    fits('cancel step');
    fill(el, 'when', 'earliest');
    await submitForm(el);
    await arrive(el, /Cancellation received/);
    fits('receipt');
  });
});

describe('<tk-sub-users>: adding a co-user', () => {
  it('keyboard only: data → review → one POST with an Idempotency-Key, even on a double click; then what happens next', async () => {
    const el = await mount('empty');
    const steps: string[] = [];
    el.addEventListener('tk-step-change', (e) => steps.push((e as TkStepChangeEvent).detail.step));
    button(el, /Mitbenutzer einrichten/).focus();
    await sendKeys({ press: 'Enter' });
    await arrive(el, /Angaben zum Mitbenutzer/);
    expect(root(el).activeElement === heading(el), 'focus on heading(el)').to.equal(true);
    expect(heading(el).getAttribute('aria-label')).to.equal('Schritt 1 von 2: Angaben zum Mitbenutzer');
    expect(text(el)).to.contain('Mit * markierte Felder müssen ausgefüllt werden.');
    await tab(); // salutation
    await sendKeys({ press: 'ArrowDown' });
    await tab();
    await type('Maria');
    await tab();
    await type('Neu');
    await tab();
    await type('maria.neu@firma.example');
    await tab();
    await type('0171 2345678');
    await tab(); // the tariff cards
    await sendKeys({ press: 'Space' });
    await tab();
    await type('Kostenstelle 12');
    await settle(el);
    expect(control(el, 'salutation').value).to.equal('ms');
    expect(control(el, 'tariffId').value).to.not.equal('');
    await sendKeys({ press: 'Enter' });
    await arrive(el, /Prüfen und Vertrag schließen/);
    expect(root(el).activeElement === heading(el), 'focus on heading(el)').to.equal(true);
    const review = text(el) + root(el).querySelector('tk-summary')!.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    for (const part of ['Frau Maria Neu', 'maria.neu@firma.example', '0171 2345678', 'Partner Mitbenutzer', 'Kostenstelle 12', 'Monatlicher Preis', 'Einmalige Kosten', 'Mindestlaufzeit', 'Kündigungsfrist', 'mit der Bestätigung durch den Mitbenutzer']) {
      expect(review).to.contain(part);
    }
    // the contract facts right above the order button
    const facts = root(el).querySelector('.facts')!;
    const order = button(el, /Zahlungspflichtigen Vertrag schließen/);
    expect(facts.nextElementSibling).to.equal(null);
    expect(facts.parentElement!.nextElementSibling!.contains(order.getRootNode() instanceof ShadowRoot ? (order.getRootNode() as ShadowRoot).host : order)).to.equal(true);
    await expect(el).to.be.accessible();

    const before = subUserRequests.filter((r) => r.method === 'POST' && r.path === '/v1/sub-users').length;
    const complete = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<SubUsersCompleteDetail>>;
    order.focus();
    await sendKeys({ press: 'Enter' });
    order.click(); // a double click
    const detail = (await complete).detail;
    await settle(el);
    const posts = subUserRequests.filter((r) => r.method === 'POST' && r.path === '/v1/sub-users').slice(before);
    expect(posts).to.have.length(1);
    expect(posts[0]!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(posts[0]!.body).to.deep.include({ salutation: 'ms', firstName: 'Maria', lastName: 'Neu', email: 'maria.neu@firma.example', mobile: '0171 2345678', invoiceNote: 'Kostenstelle 12' });
    expect(detail.action).to.equal('created');
    expect(detail.subUser.email).to.equal('maria.neu@firma.example');
    await arrive(el, /Mitbenutzer angemeldet/);
    expect(root(el).activeElement === heading(el), 'focus on heading(el)').to.equal(true);
    expect(text(el)).to.contain('Wir haben eine Bestätigungs-E-Mail an maria.neu@firma.example gesendet. Erst wenn Maria Neu den Link darin anklickt (7 Tage gültig), ist die Anmeldung abgeschlossen; dann erhält Maria Neu eine E-Mail mit den Zugangsdaten.');
    expect(steps).to.deep.equal(['data', 'review']);
    await expect(el).to.be.accessible();
    await press(el, /Zur Übersicht/);
    expect(card(el, 'Maria Neu').querySelector('.badge')!.textContent).to.contain('Wartet auf Bestätigung');
  });

  it('checks the fields by the contract\'s rules: errors at the fields and in a focused summary', async () => {
    const el = await mount('empty');
    await press(el, /Mitbenutzer einrichten/);
    await arrive(el, /Angaben zum Mitbenutzer/);
    await submitForm(el);
    expect(root(el).activeElement === summary(el), 'focus on summary(el)').to.equal(true);
    expect(summary(el)!.textContent).to.contain('Vorname');
    fill(el, 'salutation', 'mr');
    fill(el, 'firstName', 'Max');
    fill(el, 'lastName', 'Neu');
    fill(el, 'email', 'max@firma.example');
    fill(el, 'mobile', '030 1234567'); // a landline
    fill(el, 'invoiceNote', 'Kostenstelle 4711 / Abteilung Kundenservice Nord');
    await settle(el);
    // the countdown is in the field's hint (read with it, not announced), the preview below
    expect(control(el, 'invoiceNote').hint).to.contain('8 Zeichen zu viel');
    expect(root(el).querySelector('.preview')!.textContent).to.contain('So erscheint es auf Ihrer Rechnung: Kostenstelle 4711 / Abteilung Kundenservice Nord');
    expect(root(el).querySelector('[aria-live]:not(tk-button)')).to.equal(null);
    await submitForm(el);
    expect(control(el, 'mobile').shownError).to.contain('Mobilnummer');
    expect(control(el, 'invoiceNote').shownError).to.contain('höchstens 40 Zeichen');
    expect(summary(el)!.textContent).to.contain('Rechnungszusatz');
    fill(el, 'invoiceNote', 'Kostenstelle ✓');
    await settle(el);
    expect(control(el, 'invoiceNote').hint).to.contain('Noch 26 von 40 Zeichen');
    await submitForm(el);
    expect(control(el, 'invoiceNote').shownError).to.contain('kann dieses Zeichen nicht drucken');
    await expect(el).to.be.accessible();
  });

  it('field errors from a 422 land on their fields of the data step and in the summary', async () => {
    const el = await mount('empty');
    await press(el, /Mitbenutzer einrichten/);
    await arrive(el, /Angaben zum Mitbenutzer/);
    for (const [name, value] of [['salutation', 'none'], ['firstName', 'Max'], ['lastName', 'Neu'], ['email', 'server-error@firma.example'], ['mobile', '0171 2345678'], ['invoiceNote', 'KST 1']]) fill(el, name!, value!);
    fill(el, 'tariffId', el.tariffs[1]!.id);
    await settle(el);
    await submitForm(el);
    await arrive(el, /Prüfen/);
    const failed = oneEvent(el, 'tk-error');
    await submitForm(el);
    expect((await failed).detail.status).to.equal(422);
    await waitUntil(() => summary(el) && /Angaben zum Mitbenutzer/.test(heading(el).textContent!), 'back on the data step');
    await settle(el);
    expect(control(el, 'mobile').shownError).to.contain('Mobilnummer');
    expect(control(el, 'invoiceNote').shownError).to.contain('kann dieses Zeichen nicht drucken');
    expect(summary(el)!.textContent).to.contain('Mobilnummer');
    expect(summary(el)!.textContent).to.contain('Rechnungszusatz');
    expect(root(el).activeElement === summary(el), 'focus on summary(el)').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('"Abbrechen" goes back to the list and fires tk-cancel', async () => {
    const el = await mount('all');
    await press(el, /Mitbenutzer einrichten/);
    await arrive(el, /Angaben/);
    const cancelled = oneEvent(el, 'tk-cancel') as Promise<TkCancelEvent>;
    await press(el, /^Abbrechen$/);
    expect((await cancelled).detail.step).to.equal('data');
    expect(heading(el).textContent!.trim()).to.equal('Mitbenutzer');
  });
});

describe('<tk-sub-users>: changes and cancellation', () => {
  it('the invoice note shows when it applies before saving; the tariff change shows its date', async () => {
    const el = await mount();
    await press(card(el, 'Anna Muster') as never, /Rechnungszusatz ändern/);
    await arrive(el, /Rechnungszusatz ändern/);
    const month = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${firstOfNextMonth(berlinDate(new Date()))}T00:00:00Z`));
    expect(text(el)).to.contain(`Gilt ab der Rechnung für ${month}.`);
    expect(control(el, 'invoiceNote').value).to.equal('Kostenstelle 4711');
    fill(el, 'invoiceNote', 'KST 4712');
    await settle(el);
    const done = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<SubUsersCompleteDetail>>;
    await submitForm(el);
    expect((await done).detail.action).to.equal('updated');
    await settle(el);
    expect(root(el).querySelector('.notice')!.textContent).to.contain('ab der Rechnung für Dezember 2026');
    expect(card(el, 'Anna Muster').textContent).to.contain('KST 4712');

    await press(card(el, 'Anna Muster') as never, /Tarif ändern/);
    await arrive(el, /Tarif ändern/);
    expect(text(el)).to.contain(`Gilt ab ${formatDate(firstOfNextMonth(berlinDate(new Date())), 'de')}.`);
    expect(button(el, /Tarif zahlungspflichtig ändern/), 'the button says it orders').to.exist;
    await submitForm(el); // unchanged
    expect(control(el, 'tariffId').shownError).to.contain('bereits der aktuelle Tarif');
    fill(el, 'tariffId', el.tariffs[1]!.id);
    await settle(el);
    await submitForm(el);
    expect(root(el).querySelector('.notice')!.textContent).to.contain('wechselt am 1. Dezember 2026 zu Partner Mitbenutzer Plus');
    expect(card(el, 'Anna Muster').textContent).to.contain('ab 1.12.2026: Partner Mitbenutzer Plus');
    // The current tariff again withdraws the waiting change, and the widget says so.
    await press(card(el, 'Anna Muster') as never, /Tarif ändern/);
    await arrive(el, /Tarif ändern/);
    fill(el, 'tariffId', el.tariffs[0]!.id);
    await settle(el);
    await submitForm(el);
    expect(root(el).querySelector('.notice')!.textContent).to.contain('Der geplante Tarifwechsel von Anna Muster ist zurückgenommen; es bleibt bei Partner Mitbenutzer.');
    expect(card(el, 'Anna Muster').textContent).to.not.contain('ab 1.12.2026');
  });

  it('cancel: the BFF\'s earliest end date, an earlier date refused client-side, then the receipt', async () => {
    const el = await mount();
    const steps: string[] = [];
    el.addEventListener('tk-step-change', (e) => steps.push((e as TkStepChangeEvent).detail.step));
    await press(card(el, 'Anna Muster') as never, /Mitbenutzer kündigen/);
    await arrive(el, /Mitbenutzer kündigen/);
    expect(root(el).activeElement === heading(el), 'focus on heading(el)').to.equal(true);
    expect(root(el).querySelector('[data-earliest]')!.textContent).to.equal('Frühestmögliches Vertragsende: 31. Dezember 2026');
    for (const part of ['Anna Muster', 'Partner Mitbenutzer', '2. Oktober 2026']) expect(root(el).querySelector('.facts')!.textContent).to.contain(part);
    fill(el, 'when', 'later');
    await settle(el);
    // The example under the label is a date that could be chosen, not a birth date.
    expect(control(el, 'endDate').shadowRoot!.textContent).to.contain('Zum Beispiel 31 12 2026');
    fill(el, 'endDate', '2026-12-15');
    await settle(el);
    const before = subUserRequests.length;
    await submitForm(el);
    expect(subUserRequests.length).to.equal(before); // refused before sending
    expect(control(el, 'endDate').shownError).to.contain('vor dem frühestmöglichen Vertragsende');
    expect(root(el).activeElement === summary(el), 'focus on summary(el)').to.equal(true);
    await expect(el).to.be.accessible();
    fill(el, 'endDate', '2027-01-31');
    await settle(el);
    const done = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<SubUsersCompleteDetail>>;
    button(el, /Jetzt kündigen/).click();
    expect((await done).detail.action).to.equal('cancelled');
    await arrive(el, /Kündigung eingegangen/);
    const sent = subUserRequests.at(-1)!;
    expect(sent.body).to.deep.equal({ endDate: '2027-01-31' });
    expect(sent.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    const receipt = root(el).querySelector('[data-receipt]')!.textContent!.replace(/\s+/g, ' ');
    expect(receipt).to.contain('Kündigung eingegangen am 22.11.2026 um 14:03 Uhr');
    expect(receipt).to.contain('31. Januar 2027');
    expect(receipt).to.contain('KDG-2026-11-22-0042');
    expect(receipt).to.contain('Anna Muster');
    expect(receipt).to.contain('Eine Bestätigung haben wir Ihnen per E-Mail gesendet.');
    expect(button(el, /Drucken/)).to.exist;
    expect(steps).to.deep.equal(['cancel', 'receipt']);
    await expect(el).to.be.accessible();
    await press(el, /Zur Übersicht/);
    expect(card(el, 'Anna Muster').querySelector('.badge')!.textContent).to.contain('Kündigung zum 31.1.2027');
    expect(actionsOf(el, 'Anna Muster')).to.deep.equal(['Kündigung zurücknehmen']);
  });

  it('cancelling at the earliest end date sends the date the admin saw', async () => {
    const el = await mount();
    await press(card(el, 'Anna Muster') as never, /Mitbenutzer kündigen/);
    await arrive(el, /Mitbenutzer kündigen/);
    button(el, /Jetzt kündigen/).click();
    await arrive(el, /Kündigung eingegangen/);
    expect(subUserRequests.at(-1)!.body).to.deep.equal({ endDate: '2026-12-31' });

    // "Drucken" prints the receipt alone, in a window of its own (not the host page around the widget).
    const printed = document.implementation.createHTMLDocument('');
    let calls = '';
    const open = window.open;
    window.open = (() => ({ document: printed, focus: () => (calls += 'focus '), print: () => (calls += 'print '), close: () => (calls += 'close') })) as never;
    try {
      button(el, /Drucken/).click();
    } finally {
      window.open = open;
    }
    expect(calls).to.equal('focus print close');
    expect(printed.documentElement.lang).to.equal('de');
    expect(printed.title).to.equal('Kündigung eingegangen');
    const body = printed.body.textContent!.replace(/\s+/g, ' ');
    for (const part of ['Kündigung eingegangen am', 'Vertragsende', '31. Dezember 2026', 'Referenz', 'Anna Muster', 'AnbieterDemo Reseller']) expect(body).to.contain(part);
    expect(body).to.not.contain('Zur Übersicht');
    expect(printed.querySelectorAll('script, style, [style]')).to.have.length(0);
  });

  it('a BFF end_date_too_early lands on the date field', async () => {
    const el = await mount();
    await press(card(el, 'Jonas Beispiel') as never, /Mitbenutzer kündigen/);
    await arrive(el, /Mitbenutzer kündigen/);
    fill(el, 'when', 'later');
    await settle(el);
    fill(el, 'endDate', '2027-01-15');
    await settle(el);
    await submitForm(el);
    expect(control(el, 'endDate').shownError).to.contain('vor dem frühestmöglichen Vertragsende');
    expect(summary(el)!.textContent).to.contain('Gewünschtes Vertragsende');
  });

  it('withdrawing a scheduled cancellation, and a registration; changing a pending e-mail address', async () => {
    const el = await mount();
    const actions: string[] = [];
    el.addEventListener('tk-complete', (e) => actions.push((e as TkCompleteEvent<SubUsersCompleteDetail>).detail.action));
    await press(card(el, 'Karl Kündig') as never, /Kündigung zurücknehmen/);
    await waitUntil(() => actions.length === 1);
    await settle(el);
    expect(card(el, 'Karl Kündig').querySelector('.badge')!.textContent).to.contain('Aktiv');
    await press(card(el, 'Erika Expired') as never, /E-Mail-Adresse ändern/);
    await arrive(el, /E-Mail-Adresse ändern/);
    fill(el, 'email', 'erika@neu.example');
    await settle(el);
    await submitForm(el);
    expect(card(el, 'Erika Expired').textContent).to.contain('erika@neu.example');
    await press(card(el, 'Lena Limit') as never, /Anmeldung zurückziehen/);
    await arrive(el, /Anmeldung zurückziehen/);
    await expect(el).to.be.accessible();
    await submitForm(el);
    expect(card(el, 'Lena Limit').querySelector('.badge')!.textContent).to.contain('Anmeldung zurückgezogen');
    expect(actions).to.deep.equal(['withdrawn', 'updated', 'cancelled']);
  });
});
