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
