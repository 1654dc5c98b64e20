import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widgets/signup/signup.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { mandateText, orderButtonLabel } from '../../contract/legal.js';
import { fakeKit, fakeTenant, installFakeApi } from '../../stories/fake-kit.js';
import { complete as fixtures } from '../../stories/signup-fixtures.js';

installFakeApi();
const kit = fakeKit('de');

const complete = { ...fixtures.private, 'payment.method': 'invoice' };

async function press(el: TkSignup, name: RegExp) {
  const buttons = [...el.shadowRoot!.querySelectorAll('tk-button')];
  const button = buttons.find((b) => name.test(b.textContent ?? ''))!;
  button.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}
const heading = (el: TkSignup) => el.shadowRoot!.querySelector('[data-step-heading]')?.textContent!.trim();
/** The signup drafts this tab keeps, as stored. */
const drafts = () => Object.keys(sessionStorage).filter((k) => k.startsWith('tk-signup:')).map((k) => sessionStorage.getItem(k)!);
const field = (el: TkSignup, name: string) => el.shadowRoot!.querySelector<HTMLElement & { value: string; hint: string; options: { value: string; label: string }[] }>(`[name="${name}"]`)!;
function type(el: TkSignup, name: string, value: string, event = 'input') {
  field(el, name).value = value;
  field(el, name).dispatchEvent(new Event(event, { bubbles: true, composed: true }));
  return el.updateComplete;
}
/** The price box: its heading and its terms and values, whitespace (the currency's no-break space) plain. */
function priceBox(el: TkSignup) {
  const dl = el.shadowRoot!.querySelector('.facts dl')!;
  const plain = (n: Element) => n.textContent!.replace(/\s+/g, ' ').trim();
  return {
    dl,
    heading: el.shadowRoot!.getElementById(dl.getAttribute('aria-labelledby')!),
    facts: Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [plain(dt), plain(dt.nextElementSibling!)])),
  };
}
async function review(el: TkSignup) {
  while (heading(el) !== 'Prüfen und bestellen') await press(el, /Weiter/);
}

describe('<tk-signup>', () => {
  beforeEach(() => sessionStorage.clear());
  after(() => sessionStorage.clear());
  it('a preset account type skips the first step; business orders with "Absenden"', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup account-type="business" .kit=${kit}></tk-signup>`);
    expect(heading(el)).to.equal('Firma');
    expect(el.shadowRoot!.querySelector('tk-stepper')!.steps.map((s) => s.id)).to.deep.equal(['company', 'contact', 'payment', 'terms', 'review']);
  });

  it('back keeps what was entered', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete}></tk-signup>`);
    await press(el, /Weiter/);
    await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    await press(el, /Zurück/);
    const first = el.shadowRoot!.querySelector<HTMLElement & { value: string }>('tk-text-field[name="person.firstName"]')!;
    expect(first.value).to.equal('Anna');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[data-step-heading]'));
  });

  it('checks the IBAN in the browser too, with rules that load when the payment step shows', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'payment.method': 'sepa', 'payment.accountHolder': 'A', 'payment.iban': 'DE89370400440532013001', 'payment.mandateAccepted': true }}></tk-signup>`);
    for (let i = 0; i < 3; i++) await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    await waitUntil(() => el.shadowRoot!.querySelector<HTMLElement & { error: string }>('tk-text-field[name="payment.iban"]')!.error);
    expect(el.shadowRoot!.querySelector('[data-error-summary]')!.textContent).to.contain('IBAN');
  });

  it('a field the server refuses takes the user back to its step, with the error at the field and in the summary', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'payment.method': 'sepa', 'payment.accountHolder': 'A', 'payment.iban': 'DE89370400440532013000', 'payment.mandateAccepted': true, 'person.email': 'server-error@example.com' }}></tk-signup>`);
    for (let i = 0; i < 4; i++) await press(el, /Weiter/);
    expect(heading(el)).to.equal('Prüfen und bestellen');
    const error = oneEvent(el, 'tk-error');
    await press(el, /Zahlungspflichtigen Vertrag schließen/);
    expect((await error).detail.code).to.equal('validation_failed');
    await waitUntil(() => heading(el) === 'Tarif und Zahlung');
    const iban = el.shadowRoot!.querySelector<HTMLElement & { error: string }>('tk-text-field[name="payment.iban"]')!;
    expect(iban.error).to.contain('Prüfziffer');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[data-error-summary]'));
    await expect(el).to.be.accessible();
  });

  it('success: says what happens next, fires tk-complete, and drops the tab\'s draft', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete}></tk-signup>`);
    for (let i = 0; i < 4; i++) await press(el, /Weiter/);
    expect(drafts()).to.have.length(1);
    const done = oneEvent(el, 'tk-complete');
    await press(el, /Zahlungspflichtigen Vertrag schließen/);
    expect((await done).detail).to.deep.equal({ signupId: '00000000-0000-4000-8000-0000000000c1', email: 'anna@example.com' });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(drafts()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  // The BFF stores mandateText(locale, scheme, tenant name) as evidence (test/bff/signups.test.ts): the
  // review step must show that text, word for word, above the order button with the § 312j wording.
  for (const [type, scheme, steps] of [['private', 'core', 4], ['business', 'b2b', 5]] as const) {
    it(`${type}: the review shows the ${scheme} mandate text the BFF stores, above "${orderButtonLabel('de', type)}"`, async () => {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${fixtures[type]}></tk-signup>`);
      for (let i = 0; i < steps - 2; i++) await press(el, /Weiter/);
      expect(heading(el)).to.equal('Tarif und Zahlung');
      expect(el.shadowRoot!.querySelector('#mandate-text')!.textContent).to.equal(mandateText('de', scheme, fakeTenant.name));
      await press(el, /Weiter/);
      await press(el, /Weiter/);
      expect(heading(el)).to.equal('Prüfen und bestellen');
      expect(el.shadowRoot!.querySelector('[data-mandate-text]')!.textContent).to.equal(mandateText('de', scheme, fakeTenant.name));
      const order = el.shadowRoot!.querySelector('tk-button[type="submit"]')!;
      expect(order.textContent!.trim()).to.equal(orderButtonLabel('de', type));
      await expect(el).to.be.accessible();
    });
  }

  it('a preset business type is the type of every step: business tariffs, the B2B mandate', async () => {
    const { accountType: _, ...values } = fixtures.business;
    const el = await fixture<TkSignup>(html`<tk-signup account-type="business" .kit=${kit} .prefill=${values}></tk-signup>`);
    await press(el, /Weiter/);
    await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    const tariffs = el.shadowRoot!.querySelector<HTMLElement & { options: { value: string }[] }>('tk-radio-group[name="tariffId"]')!.options;
    expect(tariffs.map((o) => o.value)).to.deep.equal([values.tariffId]);
    expect(el.shadowRoot!.querySelector('#mandate-text')!.textContent).to.equal(mandateText('de', 'b2b', fakeTenant.name));
  });

  it('a single tariff on offer is chosen already; of two, the user chooses', async () => {
    const values: Record<string, string | boolean> = { ...complete };
    delete values.tariffId;
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${values}></tk-signup>`);
    await press(el, /Weiter/);
    await press(el, /Weiter/);
    expect(heading(el)).to.equal('Tarif und Zahlung');
    expect(field(el, 'tariffId').value).to.equal(fakeTenant.tariffs[0]!.id);
    await press(el, /Weiter/);
    expect(heading(el)).to.equal('AGB');
    el.remove();
    sessionStorage.clear();

    const second = { ...fakeTenant.tariffs[0]!, id: '7d3c5a1e-0000-4000-8000-000000000009', code: 'partner-privat-plus', name: 'Partner Privat Plus' };
    const two = await fixture<TkSignup>(html`<tk-signup .kit=${{ ...kit, tenant: { ...fakeTenant, tariffs: [...fakeTenant.tariffs, second] } }} .prefill=${values}></tk-signup>`);
    await press(two, /Weiter/);
    await press(two, /Weiter/);
    expect(field(two, 'tariffId').value).to.equal('');
    await press(two, /Weiter/);
    expect(heading(two)).to.equal('Tarif und Zahlung');
    expect(two.shadowRoot!.querySelector('[data-error-summary]')!.textContent).to.contain('Tarif');
  });

  it('the salutation offers "Keine Angabe" ("Prefer not to say"); the review then names the person without one', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ ...complete, 'person.salutation': 'none' }}></tk-signup>`);
    await press(el, /Weiter/);
    expect(field(el, 'person.salutation').options.find((o) => o.value === 'none')!.label).to.equal('Keine Angabe');
    await review(el);
    expect(el.shadowRoot!.querySelector('tk-summary')!.sections.find((s) => s.id === 'person')!.items[0]).to.deep.equal({ label: 'Name', value: 'Anna Müller' });
    el.remove();
    sessionStorage.clear();

    const en = await fixture<TkSignup>(html`<tk-signup .kit=${fakeKit('en')} .prefill=${complete}></tk-signup>`);
    await waitUntil(() => heading(en) === 'Account type', 'the English catalogue');
    await press(en, /Continue/);
    expect(field(en, 'person.salutation').options.find((o) => o.value === 'none')!.label).to.equal('Prefer not to say');
    // English examples in English formats: an international number, which every country of the form takes
    expect(field(en, 'person.mobile').hint).to.contain('+49 170 1234567');
  });

  it('an autofilled street with its house number: the number moves to the empty house number field', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${{ accountType: 'private' }}></tk-signup>`);
    await press(el, /Weiter/);
    const street = field(el, 'person.address.street');
    expect(street.getAttribute('autocomplete')).to.equal('address-line1');
    expect(field(el, 'person.address.houseNumber').getAttribute('autocomplete')).to.equal('off');
    await type(el, 'person.address.street', 'Musterstraße 12a', 'input'); // while typing nothing moves
    expect(street.value).to.equal('Musterstraße 12a');
    await type(el, 'person.address.street', 'Musterstraße 12a', 'change'); // autofill, or leaving the field
    expect(street.value).to.equal('Musterstraße');
    expect(field(el, 'person.address.houseNumber').value).to.equal('12a');
    await type(el, 'person.address.street', 'Straße des 17. Juni 114', 'change'); // a house number entered stays
    expect(street.value).to.equal('Straße des 17. Juni 114');
    expect(field(el, 'person.address.houseNumber').value).to.equal('12a');
  });

  describe('the price box above the order button', () => {
    it('has a visible heading that labels its list; months in real plurals; consumer prices with VAT included', async () => {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete}></tk-signup>`);
      await review(el);
      const box = priceBox(el);
      expect(box.heading!.getAttribute('role')).to.equal('heading');
      expect(box.heading!.getAttribute('aria-level')).to.equal('3');
      expect(box.heading!.textContent).to.equal('Ihr Vertrag');
      expect(box.heading!.getBoundingClientRect().height).to.be.greaterThan(16); // shown, not visually hidden
      expect(box.facts).to.deep.equal({
        Tarif: 'Partner Privat',
        'Monatlicher Preis': '5,90 € inkl. 19 % MwSt.',
        'Einmalige Kosten': 'keine',
        Mindestlaufzeit: '1 Monat',
        Kündigungsfrist: '1 Monat',
      });
      // the box comes last before the order button
      expect(el.shadowRoot!.querySelector('[data-step]')!.lastElementChild).to.equal(box.dl.parentElement);
      await expect(el).to.be.accessible();
    });

    it('business: net and gross of every price, the one-off fee and what the first month costs', async () => {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${fixtures.business}></tk-signup>`);
      await review(el);
      expect(priceBox(el).facts).to.deep.equal({
        Tarif: 'Partner Business',
        'Monatlicher Preis': '29,33 € netto + 19 % MwSt. = 34,90 € brutto',
        'Einmalige Kosten': '24,37 € netto + 19 % MwSt. = 29,00 € brutto',
        'Im ersten Monat insgesamt': '53,70 € netto + 19 % MwSt. = 63,90 € brutto',
        Mindestlaufzeit: '12 Monate',
        Kündigungsfrist: '3 Monate',
      });
      await expect(el).to.be.accessible();
    });

    it('in English, in English plurals and formats; Swiss francs with Swiss VAT', async () => {
      const tenant = { ...fakeTenant, tariffs: fakeTenant.tariffs.map((t) => ({ ...t, currency: 'CHF' })), vatRate: 8.1 };
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${{ ...fakeKit('en'), tenant }} .prefill=${fixtures.business}></tk-signup>`);
      await waitUntil(() => heading(el) === 'Account type', 'the English catalogue');
      while (heading(el) !== 'Review and order') await press(el, /Continue/);
      const { facts, heading: h } = priceBox(el);
      expect(h!.textContent).to.equal('Your contract');
      expect(facts['Monthly price']).to.equal('CHF 32.28 net + 8.1% VAT = CHF 34.90 gross');
      expect(facts['Minimum term']).to.equal('12 months');
      expect(facts['Notice period']).to.equal('3 months');
    });

    it('reflows at 320 px: no horizontal scrolling', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${fixtures.business}></tk-signup>`);
        await review(el);
        const box = el.shadowRoot!.querySelector<HTMLElement>('.facts')!;
        expect(box.scrollWidth).to.be.at.most(box.clientWidth);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('a reload keeps the entries for the tab', () => {
    it('every value and the step come back; the IBAN is never stored, and the payment step says so', async () => {
      const values = { ...complete, 'payment.method': 'sepa', 'payment.accountHolder': 'Anna Müller', 'payment.iban': 'DE89 3704 0044 0532 0130 00', 'payment.mandateAccepted': true };
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${values}></tk-signup>`);
      await press(el, /Weiter/);
      await type(el, 'person.firstName', 'Annika');
      await review(el);
      expect(drafts()).to.have.length(1);
      expect(drafts()[0]).to.contain('Annika');
      expect(drafts()[0]!.replace(/\s/g, '')).not.to.match(/DE89|0532013000/);
      el.remove();

      // the page loads again: a new element, without prefill
      const again = await fixture<TkSignup>(html`<tk-signup .kit=${kit}></tk-signup>`);
      expect(heading(again)).to.equal('Tarif und Zahlung'); // the review needs the IBAN again: back at its step
      expect(field(again, 'payment.accountHolder').value).to.equal('Anna Müller');
      expect(field(again, 'payment.iban').value).to.equal('');
      expect(field(again, 'payment.iban').hint).to.equal('Aus Sicherheitsgründen haben wir die IBAN nicht gespeichert. Bitte geben Sie sie erneut ein.');
      expect(field(again, 'payment.iban').shadowRoot!.textContent).to.contain('Aus Sicherheitsgründen');
      await press(again, /Zurück/);
      expect(field(again, 'person.firstName').value).to.equal('Annika');
      await expect(again).to.be.accessible();
    });

    it('without an IBAN the step itself comes back; the draft belongs to its tenant and its element', async () => {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${complete}></tk-signup>`);
      await review(el);
      el.remove();
      const again = await fixture<TkSignup>(html`<tk-signup .kit=${kit}></tk-signup>`);
      expect(heading(again)).to.equal('Prüfen und bestellen');
      expect(priceBox(again).facts.Tarif).to.equal('Partner Privat');
      again.remove();

      const otherTenant = await fixture<TkSignup>(html`<tk-signup .kit=${{ ...kit, tenant: { ...fakeTenant, id: '00000000-0000-4000-8000-00000000d003' } }}></tk-signup>`);
      expect(heading(otherTenant)).to.equal('Kontoart');
      otherTenant.remove();
      const otherElement = await fixture<TkSignup>(html`<tk-signup id="second" .kit=${kit}></tk-signup>`);
      expect(heading(otherElement)).to.equal('Kontoart');
    });
  });
});

describe('<tk-signup>: how logins are confirmed', () => {
  beforeEach(() => sessionStorage.clear());
  after(() => sessionStorage.clear());
  const withoutMobile = { ...complete, 'person.mobile': '' };
  const choice = (el: TkSignup) => el.shadowRoot!.querySelector<HTMLElement & { value: string; options: { value: string; label: string; description?: string }[] }>('tk-radio-group[name="secondFactor"]');
  async function atPerson(el: TkSignup) {
    await waitUntil(() => choice(el), 'no choice of the second factor');
    await el.updateComplete;
  }
  function choose(el: TkSignup, value: string) {
    const group = choice(el)!;
    group.value = value;
    group.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    return el.updateComplete;
  }

  it('offers SMS (default), a passkey or an authenticator app at the mobile number, one plain line each', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup account-type="private" .kit=${kit}></tk-signup>`);
    await atPerson(el);
    expect(choice(el)!.value).to.equal('sms');
    expect(choice(el)!.options.map((o) => o.label)).to.deep.equal(['SMS-Code an diese Mobilnummer', 'Passkey', 'Authenticator-App']);
    expect(choice(el)!.options[1]!.description).to.contain('Fingerabdruck, Gesicht oder Geräte-PIN');
    // right before the mobile number
    expect(choice(el)!.nextElementSibling!.getAttribute('name')).to.equal('person.mobile');
    await expect(el).to.be.accessible();
    const business = await fixture<TkSignup>(html`<tk-signup account-type="business" .kit=${kit}></tk-signup>`);
    await press(business, /Weiter/);
    expect(choice(business)).to.equal(null);
  });

  it('without a mobile number SMS is refused at the field (as the contract); a passkey goes on, and the review and the order say so', async () => {
    const bodies: Record<string, unknown>[] = [];
    const real = window.fetch;
    window.fetch = async (i, init) => {
      const request = new Request(i, init);
      if (request.url.endsWith('/v1/signups') && request.method === 'POST') bodies.push(await request.clone().json());
      return real(i, init);
    };
    try {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${withoutMobile}></tk-signup>`);
      await press(el, /Weiter/);
      await atPerson(el);
      await press(el, /Weiter/);
      expect(heading(el)).to.equal('Persönliche Daten');
      const mobile = field(el, 'person.mobile') as unknown as { error: string };
      expect(mobile.error).to.contain('oder wählen Sie als zweiten Schritt bei der Anmeldung einen Passkey');
      expect(el.shadowRoot!.querySelector('[data-error-summary]')!.textContent).to.contain('Mobilnummer');
      await expect(el).to.be.accessible();
      await choose(el, 'passkey');
      await review(el);
      expect(el.shadowRoot!.querySelector('tk-summary')!.shadowRoot!.textContent).to.match(/Anmeldungen bestätigen mit\s*Passkey/);
      await press(el, /Zahlungspflichtigen Vertrag schließen/);
      await waitUntil(() => bodies.length === 1, 'no order');
      expect(bodies[0]!.secondFactor).to.equal('passkey');
      expect((bodies[0]!.person as Record<string, unknown>).mobile).to.equal(undefined);
    } finally {
      window.fetch = real;
    }
  });

  it('reflows at 320 px with the choice and its error', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await fixture<TkSignup>(html`<tk-signup .kit=${kit} .prefill=${withoutMobile}></tk-signup>`);
      await press(el, /Weiter/);
      await atPerson(el);
      await press(el, /Weiter/);
      expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
      expect(el.scrollWidth).to.be.at.most(window.innerWidth);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('in English: the choice and its error', async () => {
    const el = await fixture<TkSignup>(html`<tk-signup .kit=${fakeKit('en')} .prefill=${withoutMobile}></tk-signup>`);
    await press(el, /Continue/);
    await waitUntil(() => choice(el)?.options[0]?.label === 'SMS code to this mobile number', 'English choice');
    await choose(el, 'totp');
    expect(choice(el)!.options[2]!.label).to.equal('Authenticator app');
    await choose(el, 'sms');
    await press(el, /Continue/);
    expect((field(el, 'person.mobile') as unknown as { error: string }).error).to.contain('choose a passkey or an authenticator app');
    await expect(el).to.be.accessible();
  });
});
