import './helpers/fresh-tab.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { createApi } from '../../widgets/core/api.js';
import { renderErrorSummary } from '../../widgets/core/error-summary.js';
import { errorSummaryStyles } from '../../widgets/core/error-summary.styles.js';
import { KitController } from '../../widgets/core/kit.js';
import { SubmitController } from '../../widgets/core/submit.js';
import { WizardController } from '../../widgets/core/wizard.js';
import '../../widgets/primitives/alert.js';
import '../../widgets/primitives/button.js';
import '../../widgets/primitives/text-field.js';
import type { TkTextField } from '../../widgets/primitives/text-field.js';
import { fakeFetch, json, problem } from './helpers/fake-api.js';
import { isLocaleLoaded, loadLocale } from '../../widgets/core/i18n/index.js';
import '../../widgets/primitives/checkbox.js';
import '../../widgets/primitives/radio-group.js';
import '../../widgets/primitives/select.js';
import '../../widgets/provider/provider.js';
import '../../widgets/signup/signup.js';
import type { TkProvider } from '../../widgets/provider/provider.js';
import type { TkSignup } from '../../widgets/signup/signup.js';
import { FAKE_API, FAKE_KEYS, fakeKit, installFakeApi } from '../../stories/fake-kit.js';
import { complete as fixtures } from '../../stories/signup-fixtures.js';

class TestWizard extends LitElement {
  static override styles = errorSummaryStyles;
  readonly i18n = new KitController(this);
  readonly wizard = new WizardController(this, () => [
    { id: 'name', label: 'Name' },
    { id: 'mail', label: 'E-Mail' },
  ]);
  protected override render() {
    const step = this.wizard.step;
    return html`<form lang="de" novalidate @submit=${(e: Event) => (e.preventDefault(), this.wizard.next())}>
      ${renderErrorSummary(this.wizard.invalid, 'Bitte korrigieren Sie folgende Angaben:')}
      <h2 data-step-heading tabindex="-1">${step.label}</h2>
      <div data-step="name" ?hidden=${step.id !== 'name'}><tk-text-field name="last" label="Nachname" required></tk-text-field></div>
      <div data-step="mail" ?hidden=${step.id !== 'mail'}><tk-text-field name="email" type="email" label="E-Mail" required></tk-text-field></div>
      <tk-button type="submit">Weiter</tk-button>
    </form>`;
  }
}
customElements.define('test-wizard', TestWizard);

describe('WizardController', () => {
  it('validates the current step, focuses the error summary, then the next heading; back keeps data', async () => {
    const el = await fixture<TestWizard>(html`<test-wizard></test-wizard>`);
    const root = el.shadowRoot!;
    await el.wizard.next();
    const summary = root.querySelector('[data-error-summary]')!;
    expect(summary).to.exist;
    expect(root.activeElement).to.equal(summary);
    expect(summary.textContent).to.contain('Nachname: Bitte füllen Sie dieses Feld aus.');
    await expect(el).to.be.accessible();

    // the summary's entry moves focus to the field; fill it by keyboard
    root.querySelector<HTMLButtonElement>('.error-link')!.click();
    expect(root.activeElement).to.equal(root.querySelector('tk-text-field'));
    await sendKeys({ type: 'Muster' });
    const changed = oneEvent(el, 'tk-step-change');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail).to.deep.equal({ step: 'mail', index: 1, count: 2 });
    expect(root.activeElement).to.equal(root.querySelector('[data-step-heading]'));
    expect(root.querySelector('[data-step-heading]')!.textContent).to.equal('E-Mail');
    expect(root.querySelector('[data-error-summary]')).to.equal(null);

    await el.wizard.back();
    expect(root.querySelector<TkTextField>('tk-text-field[name=last]')!.value).to.equal('Muster');
    expect(root.activeElement).to.equal(root.querySelector('[data-step-heading]'));
  });
});

/** One step of every kind of control, labelled in the kit's locale; `zip` is checked by an extra rule only. */
class TestFormWizard extends LitElement {
  static override styles = errorSummaryStyles;
  readonly i18n = new KitController(this);
  readonly wizard = new WizardController(this, () => [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], () => {
    const zip = this.shadowRoot!.querySelector<TkTextField>('[name=zip]')!;
    this.zipInvalid = Boolean(zip.value) && !/^\d{5}$/.test(zip.value);
    if (!this.zipInvalid) return [];
    zip.error = this.zipError();
    return [{ control: zip, label: zip.label, message: zip.error }];
  });
  /** Like a widget, it keeps the fact (a code), and renders the message in the locale of the moment. */
  private zipInvalid = false;
  private zipError = () => (this.zipInvalid ? (this.i18n.locale === 'en' ? 'Five digits, please.' : 'Bitte fünf Ziffern.') : '');
  protected override render() {
    const en = this.i18n.locale === 'en';
    const options = [{ value: 'a', label: 'Alpha' }, { value: 'b', label: 'Beta' }];
    return html`<form novalidate @submit=${(e: Event) => (e.preventDefault(), this.wizard.next())}>
      ${renderErrorSummary(this.wizard.invalid, this.i18n.t('form.errorSummary'))}
      <h2 data-step-heading tabindex="-1">${this.wizard.step.label}</h2>
      <div data-step=${this.wizard.step.id}>
        <tk-text-field name="name" label=${en ? 'Last name' : 'Nachname'} required></tk-text-field>
        <tk-select name="country" label=${en ? 'Country' : 'Land'} .options=${options} required></tk-select>
        <tk-text-field name="zip" label=${en ? 'Postcode' : 'Postleitzahl'} .error=${this.zipError()}></tk-text-field>
        <tk-radio-group name="type" label=${en ? 'What for?' : 'Wofür?'} .options=${options} required></tk-radio-group>
        <tk-checkbox name="terms" label=${en ? 'Terms' : 'AGB'} required required-code="terms_required">${en ? 'I accept the terms.' : 'Ich akzeptiere die AGB.'}</tk-checkbox>
      </div>
      <tk-button type="submit">Weiter</tk-button>
    </form>`;
  }
}
customElements.define('test-form-wizard', TestFormWizard);

const entries = (root: ShadowRoot) => [...root.querySelectorAll('.error-link')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());

// First in the file: English is not loaded yet.
describe('<tk-provider> switching to a locale not loaded yet', () => {
  it('keeps the widgets in their language until its texts are there: the form is never emptied, its fields keep their state', async () => {
    installFakeApi();
    const provider = await fixture<TkProvider>(html`<tk-provider api=${FAKE_API} publishable-key=${FAKE_KEYS.good} locale="de"><tk-signup></tk-signup></tk-provider>`);
    const el = provider.querySelector<TkSignup>('tk-signup')!;
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the signup renders');
    expect(isLocaleLoaded('en')).to.equal(false);
    let emptied = false;
    const observer = new MutationObserver(() => (emptied ||= !el.shadowRoot!.querySelector('form')));
    observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    provider.setAttribute('locale', 'en');
    await waitUntil(() => el.shadowRoot!.querySelector('[data-step-heading]')?.getAttribute('aria-label') === 'Step 1 of 5: Account type', 'English arrives');
    observer.disconnect();
    expect(emptied).to.equal(false);
  });
});

describe('WizardController: the error summary', () => {
  before(() => loadLocale('en'));

  it('names every field with its specific message in form order, shrinks as fields are fixed, follows a locale switch', async () => {
    const provider = await fixture<TkProvider>(html`<tk-provider .kit=${fakeKit('de')}><test-form-wizard></test-form-wizard></tk-provider>`);
    const el = provider.querySelector<TestFormWizard>('test-form-wizard')!;
    await el.updateComplete;
    const root = el.shadowRoot!;
    root.querySelector<TkTextField>('[name=zip]')!.value = '123';
    expect(await el.wizard.next()).to.equal(false);
    expect(entries(root)).to.deep.equal([
      'Nachname: Bitte füllen Sie dieses Feld aus.',
      'Land: Bitte wählen Sie eine der angebotenen Möglichkeiten.',
      'Postleitzahl: Bitte fünf Ziffern.',
      'Wofür? Bitte wählen Sie eine der angebotenen Möglichkeiten.',
      'AGB: Bitte bestätigen Sie die AGB und die Datenschutzhinweise.',
    ]);
    expect(root.activeElement).to.equal(root.querySelector('[data-error-summary]'));

    // fixed fields leave the summary as soon as they are changed
    root.querySelector('tk-checkbox')!.shadowRoot!.querySelector('input')!.click();
    await waitUntil(() => entries(root).length === 4, 'the checked box leaves the summary');
    root.querySelector('tk-select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => entries(root).length === 3, 'the chosen country leaves the summary');
    expect(entries(root)).to.deep.equal([
      'Nachname: Bitte füllen Sie dieses Feld aus.',
      'Postleitzahl: Bitte fünf Ziffern.',
      'Wofür? Bitte wählen Sie eine der angebotenen Möglichkeiten.',
    ]);

    // a locale switch re-renders labels and messages in the new language
    provider.kit = fakeKit('en');
    await waitUntil(() => entries(root)[0] === 'Last name: Please fill in this field.', 'the summary follows the locale');
    expect(entries(root)).to.deep.equal([
      'Last name: Please fill in this field.',
      'Postcode: Five digits, please.',
      'What for? Please choose one of the options offered.',
    ]);
    expect(root.querySelector('[data-error-summary]')!.getAttribute('heading')).to.equal('Please correct the following:');
    await expect(el).to.be.accessible();
  });
});

installFakeApi();

/** Every live region (through shadow roots and slots) with the text it holds: what a screen reader would announce. */
function liveRegions(): Map<Element, string> {
  const text = (node: Node): string =>
    node instanceof HTMLSlotElement
      ? node.assignedNodes({ flatten: true }).map(text).join('')
      : node.nodeType === Node.TEXT_NODE
        ? node.textContent!
        : [...((node as Element).shadowRoot ?? node).childNodes].map(text).join('');
  const found = new Map<Element, string>();
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('[aria-live]:not([aria-live=off]), [role=alert], [role=status], [role=log]')) found.set(el, text(el).replace(/\s+/g, ' ').trim());
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
}

/** Counts the live regions whose text changes while `action` runs (a MutationObserver over every root). */
async function announcements(action: () => Promise<unknown>): Promise<string[]> {
  const before = liveRegions();
  const changed = new Set<Element>();
  const observer = new MutationObserver(() => {
    for (const [el, text] of liveRegions()) if (text && text !== before.get(el)) changed.add(el);
  });
  const observe = (root: Document | ShadowRoot) => {
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) observe(el.shadowRoot);
  };
  observe(document);
  await action();
  await new Promise((r) => setTimeout(r, 100));
  for (const [el, text] of liveRegions()) if (text && text !== before.get(el)) changed.add(el);
  observer.disconnect();
  return [...changed].map((el) => liveRegions().get(el) ?? '');
}

async function signup(values: Record<string, string | boolean>, locale: 'de' | 'en' = 'de') {
  const provider = await fixture<TkProvider>(html`<tk-provider .kit=${fakeKit(locale)}><tk-signup .prefill=${values}></tk-signup></tk-provider>`);
  const el = provider.querySelector<TkSignup>('tk-signup')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[data-step-heading]'));
  return el;
}
/** The step heading's accessible name. */
const headingOf = (el: TkSignup) => el.shadowRoot!.querySelector('[data-step-heading]')!.getAttribute('aria-label') ?? '';
/** Presses "Weiter" and waits for its outcome: another step, or the error summary. */
async function pressNext(el: TkSignup) {
  const before = headingOf(el);
  el.shadowRoot!.querySelector<HTMLElement>('tk-button[type=submit]')!.shadowRoot!.querySelector('button')!.click();
  await waitUntil(() => headingOf(el) !== before || el.shadowRoot!.querySelector('[data-error-summary]'), 'another step or the error summary');
  await el.updateComplete;
}
const popped = () => new Promise((r) => addEventListener('popstate', r, { once: true }));
/** Without entries of the wizard's own, Back would leave the test page: fail before that. */
const ownEntry = () => expect(Object.keys(history.state ?? {}).some((k) => k.startsWith('tk-wizard-')), 'a history entry of the wizard').to.equal(true);

describe('WizardController in <tk-signup>: screen readers and navigation', () => {
  before(() => loadLocale('en'));

  it('a failed "Weiter" is one announcement: the focused summary, not one live region per field', async () => {
    const el = await signup({ accountType: 'private' });
    await pressNext(el);
    expect(headingOf(el)).to.contain('Persönliche Daten');
    const said = await announcements(() => pressNext(el));
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('Bitte korrigieren Sie folgende Angaben');
    expect(said[0]).to.contain('Anrede: Bitte wählen Sie eine der angebotenen Möglichkeiten.');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[data-error-summary]'));
  });

  it('the consents name themselves in the summary and say how to fix it; the entry goes once ticked', async () => {
    const el = await signup({ ...fixtures.private, 'payment.mandateAccepted': false, 'terms.accepted': false });
    await pressNext(el);
    await pressNext(el);
    expect(headingOf(el)).to.contain('Tarif und Zahlung');
    await pressNext(el);
    expect(entries(el.shadowRoot!)).to.deep.equal(['SEPA-Lastschrift: Bitte erteilen Sie das SEPA-Lastschriftmandat oder wählen Sie Überweisung.']);
    el.shadowRoot!.querySelector('tk-checkbox[name="payment.mandateAccepted"]')!.shadowRoot!.querySelector('input')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('[data-error-summary]'), 'the fixed consent leaves the summary');
    await pressNext(el);
    await pressNext(el);
    expect(entries(el.shadowRoot!)).to.deep.equal(['AGB: Bitte bestätigen Sie die AGB und die Datenschutzhinweise.']);
  });

  for (const [locale, name] of [['de', 'Schritt 2 von 5: Persönliche Daten'], ['en', 'Step 2 of 5: Personal details']] as const) {
    it(`${locale}: a step change focuses the heading, whose name says where the user is: "${name}"`, async () => {
      const el = await signup({ accountType: 'private' }, locale);
      await pressNext(el);
      const focused = el.shadowRoot!.activeElement!;
      expect(focused.getAttribute('role')).to.equal('heading');
      expect(focused.getAttribute('aria-label')).to.equal(name);
      expect(name).to.contain(focused.textContent!.trim()); // the visible text is part of the name
    });
  }

  it('"Ändern" on the review opens the step, and "Weiter" returns to the review', async () => {
    const el = await signup({ ...fixtures.private, 'payment.method': 'invoice' });
    for (let i = 0; i < 4; i++) await pressNext(el);
    expect(headingOf(el)).to.contain('Prüfen und bestellen');
    const edit = [...el.shadowRoot!.querySelector('tk-summary')!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Persönliche Daten'))!;
    edit.click();
    await waitUntil(() => headingOf(el).includes('Persönliche Daten'));
    await pressNext(el);
    expect(headingOf(el)).to.equal('Schritt 5 von 5: Prüfen und bestellen');
    // a normal walk goes on step by step again
    edit.click();
    await waitUntil(() => headingOf(el).includes('Persönliche Daten'));
    await el.shadowRoot!.querySelector<HTMLElement>('tk-button[variant=secondary]')!.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => headingOf(el).includes('Kontoart'));
    await pressNext(el);
    await pressNext(el);
    expect(headingOf(el)).to.contain('Tarif und Zahlung');
  });

  it('each step is a history entry: Back steps back inside the wizard, Forward again', async () => {
    const el = await signup({ ...fixtures.private, 'payment.method': 'invoice' });
    let unloads = 0;
    const unload = () => unloads++;
    addEventListener('beforeunload', unload);
    el.shadowRoot!.querySelector('tk-radio-group')!.dispatchEvent(new Event('input', { bubbles: true, composed: true })); // typed: leaving the page would ask
    for (let i = 0; i < 4; i++) await pressNext(el);
    expect(headingOf(el)).to.contain('Prüfen und bestellen');
    ownEntry();
    let back = popped();
    history.back();
    await back;
    await waitUntil(() => headingOf(el).includes('AGB'), 'Back shows the previous step');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[data-step-heading]'));
    back = popped();
    history.back();
    await back;
    await waitUntil(() => headingOf(el).includes('Tarif und Zahlung'));
    const forward = popped();
    history.forward();
    await forward;
    await waitUntil(() => headingOf(el).includes('AGB'));
    // after an edit from the review, Back returns to the review
    await pressNext(el);
    const edit = [...el.shadowRoot!.querySelector('tk-summary')!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Kontoart'))!;
    edit.click();
    await waitUntil(() => headingOf(el).includes('Kontoart'));
    back = popped();
    history.back();
    await back;
    await waitUntil(() => headingOf(el).includes('Prüfen und bestellen'));
    removeEventListener('beforeunload', unload);
    expect(unloads, 'no "leave the page?" prompt for a step of the wizard').to.equal(0);
    // entries of the page's own router (without the wizard's key) leave the step alone
    history.pushState({ route: 1 }, '');
    history.pushState({ route: 2 }, '');
    back = popped();
    history.back();
    await back;
    await new Promise((r) => setTimeout(r, 50));
    expect(headingOf(el)).to.contain('Prüfen und bestellen');
  });

  it('two wizards on one page keep their own steps in the history', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <tk-provider .kit=${fakeKit('de')}><tk-signup .prefill=${{ ...fixtures.private, 'payment.method': 'invoice' }}></tk-signup></tk-provider>
      <tk-provider .kit=${fakeKit('de')}><tk-signup .prefill=${{ ...fixtures.private, 'payment.method': 'invoice' }}></tk-signup></tk-provider>
    </div>`);
    const [a, b] = wrap.querySelectorAll('tk-signup');
    await waitUntil(() => a!.shadowRoot!.querySelector('[data-step-heading]') && b!.shadowRoot!.querySelector('[data-step-heading]'));
    await pressNext(a!);
    await pressNext(a!);
    await pressNext(b!);
    expect([headingOf(a!), headingOf(b!)].map((h) => h.split(':')[0])).to.deep.equal(['Schritt 3 von 5', 'Schritt 2 von 5']);
    ownEntry();
    const back = popped();
    history.back();
    await back;
    await waitUntil(() => headingOf(b!).startsWith('Schritt 1 von 5'));
    expect(headingOf(a!)).to.contain('Schritt 3 von 5');
  });
});

class TestSubmit extends LitElement {
  readonly i18n = new KitController(this);
  readonly submit = new SubmitController(this, this.i18n);
  readonly api = createApi({ baseUrl: 'https://bff.example', credential: () => 'tk_sec_x', locale: () => 'de' });
  send() {
    return this.submit.run((o) => this.api.call((rpc, opts) => rpc.v1['api-keys'].$post({ json: { kind: 'publishable', label: 'x' } }, opts), o));
  }
  protected override render() {
    return html`<form lang="de">
      <tk-text-field name="label" label="Bezeichnung"></tk-text-field>
      <tk-button type="submit" ?busy=${this.submit.busy}>Senden</tk-button>
    </form>`;
  }
}
customElements.define('test-submit', TestSubmit);

describe('SubmitController', () => {
  let fake: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('is busy while sending, ignores a double submit, keeps the key for a retry after a network failure', async () => {
    let release: (() => void) | undefined;
    const releaseWhenSent = async () => {
      await waitUntil(() => release);
      const r = release!;
      release = undefined;
      r();
    };
    let fail = true;
    fake = fakeFetch(async () => {
      if (fail) throw new TypeError('Failed to fetch');
      await new Promise<void>((r) => (release = r));
      return json({ id: '1' }, 201);
    });
    const el = await fixture<TestSubmit>(html`<test-submit></test-submit>`);
    const errored = oneEvent(el, 'tk-error');
    expect(await el.send()).to.equal(undefined);
    expect((await errored).detail.code).to.equal('network_error');
    expect(el.submit.message()).to.contain('Keine Verbindung');
    const firstKey = fake.requests[0]!.headers.get('idempotency-key');

    fail = false;
    const first = el.send();
    const second = el.send(); // a double click
    await el.updateComplete;
    expect(el.submit.busy).to.equal(true);
    expect(el.shadowRoot!.querySelector('tk-button')!.busy).to.equal(true);
    await releaseWhenSent();
    expect(await first).to.deep.equal({ id: '1' });
    expect(await second).to.equal(undefined);
    expect(fake.requests).to.have.length(2);
    expect(fake.requests[1]!.headers.get('idempotency-key')).to.equal(firstKey); // the retry of the same submit

    const third = el.send();
    await releaseWhenSent();
    await third;
    expect(fake.requests[2]!.headers.get('idempotency-key')).to.not.equal(firstKey); // a new logical submit
  });

  it('forget(): after a network failure, another request (another step) gets a key of its own', async () => {
    let fail = true;
    fake = fakeFetch(async () => {
      if (fail) throw new TypeError('Failed to fetch');
      return json({ id: '1' }, 201);
    });
    const el = await fixture<TestSubmit>(html`<test-submit></test-submit>`);
    expect(await el.send()).to.equal(undefined);
    const keptKey = fake.requests[0]!.headers.get('idempotency-key');
    el.submit.forget();
    fail = false;
    expect(await el.send()).to.deep.equal({ id: '1' });
    expect(fake.requests[1]!.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(fake.requests[1]!.headers.get('idempotency-key')).to.not.equal(keptKey);
  });

  it('puts problem+json field errors onto the fields', async () => {
    fake = fakeFetch(() =>
      problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: 'label', code: 'too_long', message: 'Die Eingabe ist zu lang.' }]),
    );
    const el = await fixture<TestSubmit>(html`<test-submit></test-submit>`);
    await el.send();
    const field = el.shadowRoot!.querySelector<TkTextField>('tk-text-field')!;
    await field.updateComplete;
    expect(field.error).to.equal('Die Eingabe ist zu lang.');
    expect(field.shadowRoot!.textContent).to.contain('Die Eingabe ist zu lang.');
    expect(el.submit.message()).to.equal('Bitte prüfen Sie Ihre Eingaben.');
  });
});
