import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { TkCompleteEvent } from '../../widgets/core/events.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/porting/porting.js';
import type { PortingCompleteDetail, TkPorting } from '../../widgets/porting/porting.js';
import '../../widgets/provider/provider.js';
import { CUSTOMER_ID } from '../../stories/port-order-samples.js';
import { CLARIFY_ID, draftId, portingKit, portingRequests, type PortingScenario, resetPorting, SUBMITTED_ID } from '../../stories/porting-fixtures.js';
import { TkOpenOrderEvent } from '../../widgets/porting/porting.js';
import { TkCancelEvent } from '../../widgets/core/events.js';
import { button, settle } from '../../stories/portal-steps.js';

before(async () => {
  await loadLocale('en');
});
beforeEach(() => resetPorting());
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

const DARK = `tk-provider.dark { --tk-color-primary: #d8b4fe; --tk-color-on-primary: #1b0b2b; --tk-color-text: #f3f1f6; --tk-color-text-muted: #c9c4d1;
  --tk-color-background: #16141a; --tk-color-surface: #231f29; --tk-color-border: #a39cad; --tk-color-danger: #ffb4ab; --tk-color-success: #8fd6a0;
  --tk-color-warning: #f5c26b; --tk-color-link: #d8b4fe; background: #16141a; color: #f3f1f6; display: block; }`;

type Control = HTMLElement & { value: string; error: string; label: string; options: { value: string }[] };
const root = (el: TkPorting) => el.shadowRoot!;
const heading = (el: TkPorting) => root(el).querySelector<HTMLElement>('[data-step-heading]')!;
const text = (el: Element | ShadowRoot) => (el instanceof Element ? (el.shadowRoot ?? el) : el).textContent!.replace(/\s+/g, ' ');
/** An element's own (light) text, slotted content included. */
const own = (el: Element) => el.textContent!.replace(/\s+/g, ' ');
const control = (el: TkPorting, name: string) => root(el).querySelector<Control>(`[name="${name}"]`)!;
const summary = (el: TkPorting) => root(el).querySelector<HTMLElement>('[data-error-summary]');
const focused = (el: TkPorting) => root(el).activeElement;

async function mount(o: { scenario?: PortingScenario | 'loggedOut' | 'notAgent'; orderId?: string; locale?: 'de' | 'en'; theme?: 'light' | 'dark' } = {}) {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <style>
      ${DARK}
    </style>
    <tk-provider no-brand class=${o.theme ?? 'light'} .kit=${portingKit(o.locale ?? 'de', o.scenario ?? 'fresh')}>
      <tk-porting order-id=${ifDefined(o.orderId)}></tk-porting>
    </tk-provider>
  </div>`);
  const el = wrapper.querySelector<TkPorting>('tk-porting')!;
  await settle(el);
  if (!o.scenario || !['loggedOut', 'notAgent', 'slow', 'error'].includes(o.scenario)) await waitUntil(() => el.options, 'the options did not load');
  await settle(el);
  return el;
}

/** Types into a field of the widget as a user would (its inner input, then `input`). */
async function type(el: TkPorting, name: string, value: string) {
  const field = control(el, name);
  const input = field.shadowRoot!.querySelector<HTMLInputElement>('input')!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(el);
}
async function pick(el: TkPorting, name: string, value: string) {
  const group = control(el, name);
  const input = group.shadowRoot!.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
  input.click();
  await settle(el);
}
async function press(el: TkPorting, name: RegExp) {
  button(el, name).click();
  await settle(el);
  await settle(el);
}
const next = (el: TkPorting) => press(el, /^\s*Weiter\s*$/);

describe('<tk-porting>: the frame', () => {
  it('without a session: the login in the light DOM, and why', async () => {
    const el = await mount({ scenario: 'loggedOut' });
    expect(el.querySelector('tk-login'), 'tk-login in the light DOM').to.exist;
    expect(text(el)).to.contain('Bitte melden Sie sich mit Ihrem Partner-Zugang an');
    expect(root(el).querySelector('form')).to.equal(null);
  });

  it('a session that is no partner agent: a plain sentence, no form, no request', async () => {
    const el = await mount({ scenario: 'notAgent' });
    expect(text(el)).to.contain('nur die Partner-Mitarbeitenden eines Wiederverkäufers');
    expect(root(el).querySelector('form')).to.equal(null);
    expect(portingRequests).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('options that fail to load: the reason and a retry that works', async () => {
    const tk = await mount({ scenario: 'error' });
    await waitUntil(() => root(tk).querySelector('[data-load-error]'), 'no load error');
    expect(text(root(tk))).to.contain('Der Auftrag konnte nicht geladen werden.');
    await press(tk, /Erneut versuchen/);
    await waitUntil(() => tk.options, 'the retry did not load');
    await settle(tk);
    expect(heading(tk).textContent).to.contain('Kunde');
  });
});

describe('<tk-porting>: drafts', () => {
  it('a draft saved up to the subscription continues at the numbers step with its data (also in a fresh element)', async () => {
    for (let round = 0; round < 2; round++) {
      const el = await mount({ orderId: draftId(2) });
      expect(heading(el).textContent!.trim()).to.equal('Rufnummern');
      expect(heading(el).getAttribute('aria-label')).to.equal('Schritt 3 von 5: Rufnummern');
      expect(root(el).querySelector('[data-step="numbers"]')).to.exist;
      await press(el, /^\s*Zurück\s*$/);
      expect(heading(el).textContent!.trim()).to.equal('Abonnement');
      expect(focused(el)).to.equal(heading(el));
      expect(control(el, 'subscription.startDate').value).to.equal('2026-11-16');
      await press(el, /^\s*Zurück\s*$/);
      expect(control(el, 'customerId').value).to.equal(CUSTOMER_ID);
      el.closest('div')!.remove();
    }
  });
});

describe('<tk-porting>: the customer step', () => {
  it('an existing customer: the reseller\'s customers listed, the one picked saved into a new draft', async () => {
    const el = await mount();
    await waitUntil(() => control(el, 'customerId').options.length > 1, 'no customers listed');
    expect(control(el, 'customerId').options.map((o) => o.value)).to.deep.equal(['', CUSTOMER_ID]);
    // One customer found: it is the choice.
    expect(control(el, 'customerId').value).to.equal(CUSTOMER_ID);
    await next(el);
    expect(heading(el).textContent!.trim()).to.equal('Abonnement');
    expect(portingRequests.find((r) => r.method === 'POST')!.body).to.deep.equal({ customerId: CUSTOMER_ID, complete: 'customer' });
  });

  it('a new customer: required fields, the UID check digit and the BFF\'s postal code error at their fields and in the summary', async () => {
    const el = await mount();
    await pick(el, 'customerMode', 'new');
    await next(el);
    expect(summary(el), 'the summary').to.exist;
    expect(focused(el)).to.equal(summary(el));
    expect(own(summary(el)!)).to.contain('Firmenname');
    expect(own(summary(el)!)).to.contain('E-Mail-Adresse für Rechnungen');
    expect(portingRequests.filter((r) => r.method !== 'GET')).to.deep.equal([]);
    for (const [name, value] of [
      ['customer.companyName', 'Müller & Söhne AG'],
      ['customer.street', 'Marktgasse 3'],
      ['customer.postalCode', '0000'],
      ['customer.city', 'Bern'],
      ['customer.contactName', 'Jürg Müller'],
      ['customer.invoiceEmail', 'rechnung@mueller.example'],
      ['customer.phone', '031 310 10 10'],
      ['customer.uid', 'CHE-116.281.711'],
    ]) await type(el, name!, value!);
    await next(el);
    expect(control(el, 'customer.uid').error).to.contain('Prüfziffer');
    expect(own(summary(el)!)).to.contain('UID (optional): Diese UID stimmt nicht');
    await type(el, 'customer.uid', 'CHE-116.281.710');
    await next(el);
    expect(control(el, 'customer.postalCode').error).to.contain('Diese Postleitzahl gibt es nicht');
    expect(own(summary(el)!)).to.contain('PLZ: Diese Postleitzahl gibt es nicht');
    expect(heading(el).textContent!.trim()).to.equal('Kunde');
    await type(el, 'customer.postalCode', '3011');
    await next(el);
    expect(heading(el).textContent!.trim()).to.equal('Abonnement');
    const created = portingRequests.find((r) => r.method === 'POST' && r.path === '/v1/port-orders')!;
    expect(created.body).to.deep.equal({ customerId: '5b0f5c1e-0000-4000-8000-000000009101', complete: 'customer' });
  });
});

describe('<tk-porting>: workplaces', () => {
  it('suggests logins from names with umlauts, unique within the order; a login typed twice is refused at its field', async () => {
    const el = await mount({ orderId: draftId(3) });
    expect(heading(el).textContent!.trim()).to.equal('Arbeitsplätze');
    await type(el, 'workplaces.rows.0.displayName', 'Jürg Müller');
    expect(control(el, 'workplaces.rows.0.loginName').value).to.equal('juerg.mueller');
    await press(el, /Arbeitsplatz hinzufügen/);
    expect(focused(el)).to.equal(control(el, 'workplaces.rows.1.displayName'));
    await type(el, 'workplaces.rows.1.displayName', 'Jörg Weiß');
    expect(control(el, 'workplaces.rows.1.loginName').value).to.equal('joerg.weiss');
    await press(el, /Arbeitsplatz hinzufügen/);
    await type(el, 'workplaces.rows.2.displayName', 'Jürg Müller');
    expect(control(el, 'workplaces.rows.2.loginName').value).to.equal('juerg.mueller.2');
    // Typed by the agent: no longer suggested, and checked against the others (case-insensitive).
    await type(el, 'workplaces.rows.2.loginName', 'JOERG.WEISS');
    expect(control(el, 'workplaces.rows.2.loginName').error).to.contain('schon vergeben');
    await type(el, 'workplaces.rows.2.displayName', 'Jürg Müller Senior');
    expect(control(el, 'workplaces.rows.2.loginName').value).to.equal('JOERG.WEISS');
    await type(el, 'workplaces.rows.2.loginName', 'j..x');
    expect(control(el, 'workplaces.rows.2.loginName').error).to.contain('3 bis 32 Buchstaben');
  });

  it('a suggested password of 16+ characters without look-alikes, shown on request; saved rows say so', async () => {
    const el = await mount({ orderId: draftId(3) });
    const pw = control(el, 'workplaces.rows.0.password');
    expect(pw.value).to.match(/^[A-HJ-NP-Za-km-z2-9]{16,}$/);
    expect(pw.shadowRoot!.querySelector('input')!.type).to.equal('password');
    await press(el, /^\s*Anzeigen\s*$/);
    expect(control(el, 'workplaces.rows.0.password').shadowRoot!.querySelector('input')!.type).to.equal('text');
    const saved = await mount({ orderId: draftId(4) });
    await press(saved, /Ändern\s*\(Arbeitsplätze\)/);
    expect(text(root(saved))).to.contain('Passwort: Passwort gespeichert, wird nicht mehr angezeigt.');
    expect(control(saved, 'workplaces.rows.0.password')).to.equal(null);
  });

  it('the price preview follows the rows and licences, with the first month pro rata from the start date', async () => {
    const el = await mount({ orderId: draftId(3) });
    const price = () => text(root(el).querySelector('[data-price]')!);
    expect(price()).to.contain('1 × Cloud PBX Business');
    expect(price()).to.contain('1 × Telefongeräte + Apps');
    expect(price()).to.match(/Pro Monat\s*51,00\sCHF/);
    expect(price()).to.match(/Erster Monat: 15 von 30 Tagen\s*25,50\sCHF/);
    expect(price()).to.contain('inkl. 8,1 % MWST');
    await press(el, /Arbeitsplatz hinzufügen/);
    expect(price()).to.contain('2 × Telefongeräte + Apps');
    expect(price()).to.match(/Pro Monat\s*63,00\sCHF/);
    await pick(el, 'workplaces.rows.1.licence', 'device');
    expect(price()).to.contain('1 × Nur Gerät');
    expect(price()).to.match(/Pro Monat\s*57,50\sCHF/);
    expect(price()).to.match(/15 von 30 Tagen\s*28,75\sCHF/);
  });

  it('"Weiter" saves the rows with passwords; the BFF\'s login error lands at its field', async () => {
    const el = await mount({ orderId: draftId(3) });
    await type(el, 'workplaces.rows.0.displayName', 'Empfang');
    await type(el, 'workplaces.rows.0.loginName', 'vergeben');
    await type(el, 'workplaces.supportLogin.loginName', 'demo.support');
    await next(el);
    expect(control(el, 'workplaces.rows.0.loginName').error).to.contain('gibt es auf der Anlage schon');
    expect(focused(el)).to.equal(summary(el));
    await type(el, 'workplaces.rows.0.loginName', 'empfang');
    await next(el);
    expect(heading(el).textContent!.trim()).to.equal('Prüfen und einreichen');
    const patch = portingRequests.filter((r) => r.method === 'PATCH').at(-1)!;
    const w = patch.body.workplaces as { rows: { loginName: string; password: string }[]; supportLogin: { loginName: string } };
    expect(patch.body.complete).to.equal('workplaces');
    expect(w.rows[0]!.loginName).to.equal('empfang');
    expect(w.rows[0]!.password.length).to.be.at.least(16);
    expect(w.supportLogin.loginName).to.equal('demo.support');
  });
});

describe('<tk-porting>: review and submission', () => {
  it('"Ändern" opens the step, and "Weiter" saves it and returns to the review', async () => {
    const el = await mount({ orderId: draftId(4) });
    expect(heading(el).textContent!.trim()).to.equal('Prüfen und einreichen');
    expect(text(root(el).querySelector('[data-numbers]')!)).to.contain('+41 44 123 45 0x: +41 44 123 45 00 bis +41 44 123 45 09 (10 Nummern)');
    expect(text(root(el).querySelector('[data-temporary]')!)).to.contain('hier 3');
    await press(el, /Ändern\s*\(Abonnement\)/);
    expect(heading(el).textContent!.trim()).to.equal('Abonnement');
    expect(focused(el)).to.equal(heading(el));
    await next(el);
    expect(heading(el).textContent!.trim()).to.equal('Prüfen und einreichen');
    expect(portingRequests.filter((r) => r.method === 'PATCH').at(-1)!.body.complete).to.equal('subscription');
  });

  it('submitted: tk-complete, what happens next, the temporary numbers, the reference and "Auftrag ansehen"', async () => {
    const el = await mount({ orderId: draftId(4) });
    const completed = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<PortingCompleteDetail>>;
    button(el, /Auftrag einreichen/).click();
    const event = await completed;
    expect(event.detail.action).to.equal('submitted');
    expect(event.detail.order.status).to.equal('submitted');
    await settle(el);
    expect(heading(el).textContent!.trim()).to.equal('Auftrag eingereicht');
    expect(focused(el)).to.equal(heading(el));
    expect(text(root(el))).to.contain('Referenz: PO-7K3M9Q');
    expect(text(root(el))).to.contain('Wir als Anbieter prüfen den Auftrag');
    expect(text(root(el).querySelector('[data-temporary]')!)).to.contain('+41441234500 – +41441234509+41585100002');
    expect(text(root(el))).to.contain('Vollmacht herunter');
    const open = oneEvent(el, 'tk-open-order');
    button(el, /Auftrag ansehen/).click();
    const opened = await open;
    expect(opened).to.be.instanceOf(TkOpenOrderEvent);
    expect(opened.bubbles && opened.composed).to.equal(true);
    expect((opened as TkOpenOrderEvent).detail).to.deep.equal({ id: draftId(4) });
    await expect(el).to.be.accessible();
    await press(el, /Neuen Auftrag erfassen/);
    expect(heading(el).textContent!.trim()).to.equal('Kunde');
    expect(focused(el)).to.equal(heading(el));
    expect(el.order).to.equal(undefined);
  });

  it('with order-url, "Auftrag ansehen" is a link to the order', async () => {
    const el = await mount({ orderId: draftId(4) });
    el.orderUrl = '/auftraege/{id}';
    await press(el, /Auftrag einreichen/);
    expect(button(el, /Auftrag ansehen/).getAttribute('href')).to.equal(`/auftraege/${draftId(4)}`);
  });

  it('numbers_flagged: back at the numbers step, the errors and report handed to it', async () => {
    const el = await mount({ orderId: draftId(4), scenario: 'flagged' });
    let handed: [Map<string, { code: string }>, unknown] | undefined;
    el.numbers.showErrors = (map, report) => void (handed = [map, report]);
    await press(el, /Auftrag einreichen/);
    expect(heading(el).textContent!.trim()).to.equal('Rufnummern');
    expect([...handed![0].keys()]).to.deep.equal(['numbers.lines']);
    expect((handed![1] as { clean: boolean }).clean).to.equal(false);
  });

  it('a workplace error of the submission: back at the workplaces, at the field', async () => {
    const el = await mount({ orderId: draftId(4), scenario: 'invalid' });
    await press(el, /Auftrag einreichen/);
    expect(heading(el).textContent!.trim()).to.equal('Arbeitsplätze');
    expect(control(el, 'workplaces.rows.0.loginName').error).to.contain('gibt es auf der Anlage schon');
    expect(focused(el)).to.equal(summary(el));
  });

  it('no temporary numbers free: a clear message, focused', async () => {
    const el = await mount({ orderId: draftId(4), scenario: 'pool' });
    await press(el, /Auftrag einreichen/);
    const alert = root(el).querySelector('[data-problem]')!;
    expect(own(alert)).to.contain('keine provisorischen Nummern frei');
    expect(focused(el)).to.equal(alert);
  });

  it('clarification: the provider\'s question at the top of the review; "Erneut einreichen" resubmits', async () => {
    const el = await mount({ orderId: CLARIFY_ID });
    expect(heading(el).textContent!.trim()).to.equal('Prüfen und einreichen');
    expect(own(root(el).querySelector('[data-clarification]')!)).to.contain('Bitte die Kundennummer beim bisherigen Anbieter ergänzen');
    const completed = oneEvent(el, 'tk-complete') as Promise<TkCompleteEvent<PortingCompleteDetail>>;
    button(el, /Erneut einreichen/).click();
    expect((await completed).detail.action).to.equal('resubmitted');
  });
});

describe('<tk-porting>: accessibility', () => {
  const cases: [string, string | undefined][] = [
    ['customer', undefined],
    ['subscription', draftId(1)],
    ['numbers', draftId(2)],
    ['workplaces', draftId(3)],
    ['review', draftId(4)],
    ['clarification', CLARIFY_ID],
  ];
  it('is axe-clean in every step, both themes and both languages', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const locale of ['de', 'en'] as const) {
        for (const [name, orderId] of cases) {
          const el = await mount({ orderId, theme, locale });
          await expect(el, `${name} ${theme} ${locale}`).to.be.accessible();
          el.closest('div')!.remove();
        }
      }
    }
  });

  it('the customer step shows its errors axe-clean, in English too', async () => {
    const el = await mount({ locale: 'en' });
    await pick(el, 'customerMode', 'new');
    await press(el, /^\s*Next\s*$/);
    expect(own(summary(el)!)).to.contain('Company name');
    await expect(el).to.be.accessible();
  });

  it('the later steps speak English too (their texts load with them)', async () => {
    const el = await mount({ orderId: draftId(3), locale: 'en' });
    expect(heading(el).textContent!.trim()).to.equal('Workplaces');
    expect(text(root(el))).to.contain('Add a workplace');
    expect(text(root(el).querySelector('[data-price]')!)).to.contain('First month: 15 of 30 days');
  });

  it('320 px: no horizontal scrolling in any step', async () => {
    await setViewport({ width: 320, height: 640 });
    for (const [name, orderId] of cases) {
      const el = await mount({ orderId });
      expect(document.documentElement.scrollWidth, name).to.be.at.most(320);
      el.closest('div')!.remove();
    }
  });
});

describe('<tk-porting>: fixes after review', () => {
  it('the review shows every detail of the numbers step, numbers spaced, the country in words', async () => {
    const el = await mount({ orderId: draftId(4) });
    // Each term with its value, as a screen reader's list of the description list reads them.
    const facts = [...root(el).querySelectorAll('[data-section="numbers"] dt')].map((dt) => `${dt.textContent!.trim()}: ${own(dt.nextElementSibling!).trim()}`).join(' | ');
    for (const part of [
      'Land: Schweiz',
      '+41 44 123 45 67',
      'Bisheriger Anbieter: Swisscom',
      'Kundennummer beim bisherigen Anbieter: 7651-332-901',
      'Unterschrift: Kollektivunterschrift zu zweien',
      'Regula Schmied, Geschäftsführerin',
      'Jürg Müller, Prokurist',
      'Termin: 12. November 2026, 07:30 Uhr',
      'Telefonie und Internet im selben Vertrag: Ja',
      'Umfang: Teilportierung',
    ]) {
      expect(facts, part).to.contain(part);
    }
    expect(text(root(el).querySelector('[data-section="customer"]')!)).to.contain('Schweiz');
    expect(text(root(el).querySelector('[data-section="customer"]')!)).not.to.match(/, CH\b/);
    expect(root(el).querySelectorAll('[data-section] tk-button').length).to.equal(4);
  });

  it('"Später weitermachen" fires tk-cancel with the step and says up to where the draft is saved', async () => {
    const fresh = await mount();
    let cancelled = oneEvent(fresh, 'tk-cancel');
    await press(fresh, /Später weitermachen/);
    expect(((await cancelled) as TkCancelEvent).detail).to.deep.equal({ step: 'customer' });
    expect(root(fresh).querySelector('[role="status"]')!.textContent!.trim()).to.equal('');
    fresh.closest('div')!.remove();
    const el = await mount({ orderId: draftId(3) });
    cancelled = oneEvent(el, 'tk-cancel');
    await press(el, /Später weitermachen/);
    const event = await cancelled;
    expect(event).to.be.instanceOf(TkCancelEvent);
    expect((event as TkCancelEvent).detail).to.deep.equal({ step: 'workplaces' });
    await settle(el);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('bis zum Schritt «Rufnummern» gespeichert');
  });

  it('logging in again after an expired session keeps what was entered', async () => {
    const el = await mount();
    await pick(el, 'customerMode', 'new');
    await type(el, 'customer.companyName', 'Neu AG');
    const kit = el.i18n.kit!;
    const session = kit.session;
    kit.session = undefined;
    el.requestUpdate();
    await settle(el);
    expect(el.querySelector('tk-login')).to.exist;
    kit.session = session;
    el.requestUpdate();
    await settle(el);
    await waitUntil(() => control(el, 'customer.companyName'), 'the new customer form is gone');
    expect(control(el, 'customer.companyName').value).to.equal('Neu AG');
    el.closest('div')!.remove();

    const draft = await mount({ orderId: draftId(3) });
    await type(draft, 'workplaces.rows.0.displayName', 'Eva Muster');
    const order = draft.order;
    kit.session = undefined;
    draft.i18n.kit!.session = undefined;
    draft.requestUpdate();
    await settle(draft);
    draft.i18n.kit!.session = session;
    draft.requestUpdate();
    await settle(draft);
    expect(draft.order).to.equal(order);
    expect(heading(draft).textContent!.trim()).to.equal('Arbeitsplätze');
    expect(control(draft, 'workplaces.rows.0.displayName').value).to.equal('Eva Muster');
  });

  it('an order that can no longer be edited: a sentence with its status and "Auftrag ansehen", no submit', async () => {
    const el = await mount({ orderId: SUBMITTED_ID });
    expect(own(root(el).querySelector('[data-locked]')!)).to.contain(`ist «${el.order!.statusText}»`);
    expect(root(el).querySelector('form')).to.equal(null);
    expect(() => button(el, /Auftrag einreichen/)).to.throw();
    const open = oneEvent(el, 'tk-open-order');
    button(el, /Auftrag ansehen/).click();
    expect(((await open) as TkOpenOrderEvent).detail).to.deep.equal({ id: SUBMITTED_ID });
    await expect(el).to.be.accessible();
  });

  it('a password over 128 characters is refused at its field; the hint says 12 to 128', async () => {
    const el = await mount({ orderId: draftId(3) });
    expect(control(el, 'workplaces.rows.0.password').shadowRoot!.textContent).to.contain('12 bis 128 Zeichen');
    await type(el, 'workplaces.rows.0.password', 'a'.repeat(129));
    await next(el);
    expect(control(el, 'workplaces.rows.0.password').error).to.contain('höchstens 128 Zeichen');
  });

  it('a problem is said once: focused, not a live region; a notice said twice is said twice', async () => {
    const el = await mount({ orderId: draftId(4), scenario: 'pool' });
    await press(el, /Auftrag einreichen/);
    const problem = root(el).querySelector<HTMLElement>('[data-problem]')!;
    expect(focused(el)).to.equal(problem);
    const live = (e: Element): boolean =>
      e.matches('[role="alert"], [role="status"], [aria-live]') || [...e.children, ...(e.shadowRoot?.children ?? [])].some(live);
    expect(live(problem), 'the focused problem is no live region').to.equal(false);
    expect(problem.closest('[role="alert"], [role="status"], [aria-live]')).to.equal(null);

    const rows = await mount({ orderId: draftId(3) });
    const status = root(rows).querySelector('[role="status"]')!;
    const said: string[] = [];
    new MutationObserver(() => said.push(status.textContent!.trim())).observe(status, { childList: true, subtree: true, characterData: true });
    await press(rows, /Arbeitsplatz hinzufügen/);
    await press(rows, /Arbeitsplatz hinzufügen/);
    await press(rows, /Arbeitsplatz 3 entfernen/);
    await press(rows, /Arbeitsplatz 2 entfernen/);
    expect(said.filter((s) => s === 'Arbeitsplatz entfernt.').length).to.equal(2);
  });

  it('customer search: the latest query wins, an early one is not lost', async () => {
    const el = await mount();
    const inner = window.fetch;
    const release: (() => void)[] = [];
    const list = (name: string) => new Response(JSON.stringify({ items: [{ ...el.customers![0]!, id: `5b0f5c1e-0000-4000-8000-00000000${name === 'Alt AG' ? 'aa01' : 'bb02'}`, companyName: name }] }), { headers: { 'content-type': 'application/json' } });
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(new Request(input, init).url);
      if (url.pathname.endsWith('/v1/customers') && url.searchParams.get('q') === 'alt') return new Promise<Response>((resolve) => release.push(() => resolve(list('Alt AG'))));
      if (url.pathname.endsWith('/v1/customers') && url.searchParams.get('q') === 'neu') return list('Neu AG');
      return inner(input, init);
    };
    try {
      await type(el, 'customer.search', 'alt');
      const first = el.search();
      await type(el, 'customer.search', 'neu');
      await el.search();
      await settle(el);
      expect(el.customers!.map((c) => c.companyName)).to.deep.equal(['Neu AG']);
      release.forEach((r) => r());
      await first;
      await settle(el);
      expect(el.customers!.map((c) => c.companyName)).to.deep.equal(['Neu AG']);
      expect(control(el, 'customerId').options.map((o) => o.value)).to.include('5b0f5c1e-0000-4000-8000-00000000bb02');
    } finally {
      window.fetch = inner;
    }
  });
});
