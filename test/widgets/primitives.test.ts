import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/primitives/alert.js';
import '../../widgets/primitives/button.js';
import '../../widgets/primitives/stepper.js';
import '../../widgets/primitives/summary.js';
import '../../widgets/primitives/radio-group.js';
import type { TkRadioGroup } from '../../widgets/primitives/radio-group.js';
import type { TkAlert } from '../../widgets/primitives/alert.js';
import type { TkButton } from '../../widgets/primitives/button.js';
import type { TkStepper } from '../../widgets/primitives/stepper.js';
import type { TkSummary } from '../../widgets/primitives/summary.js';

describe('<tk-button>', () => {
  it('submits its form by keyboard (Enter and Space) and resets it', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <input name="x" value="1" aria-label="x" />
      <tk-button type="submit">Weiter</tk-button>
      <tk-button type="reset" variant="secondary">Zurücksetzen</tk-button>
    </form>`);
    let submits = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    const [submit, reset] = form.querySelectorAll<TkButton>('tk-button');
    submit!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(submits).to.equal(2);
    form.querySelector('input')!.value = 'changed';
    reset!.focus();
    await sendKeys({ press: 'Enter' });
    expect(form.querySelector('input')!.value).to.equal('1');
    await expect(form).to.be.accessible();
  });

  it('while busy stays focusable, ignores clicks and says it is working', async () => {
    const form = await fixture<HTMLFormElement>(html`<form lang="de"><tk-button type="submit" busy>Absenden</tk-button></form>`);
    let submits = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    const button = form.querySelector<TkButton>('tk-button')!;
    await button.updateComplete;
    button.focus();
    expect(button.matches(':focus-within')).to.equal(true);
    button.shadowRoot!.querySelector('button')!.click();
    expect(submits).to.equal(0);
    expect(button.shadowRoot!.querySelector('button')!.getAttribute('aria-disabled')).to.equal('true');
    expect(button.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('wird gesendet');
    await expect(button).to.be.accessible();
  });

  it('is accessible in every variant, and disabled', async () => {
    for (const variant of ['primary', 'secondary', 'link'] as const) {
      const el = await fixture<TkButton>(html`<tk-button variant=${variant}>Text</tk-button>`);
      await expect(el).to.be.accessible();
    }
    const disabled = await fixture<TkButton>(html`<tk-button disabled>Text</tk-button>`);
    expect(disabled.shadowRoot!.querySelector('button')!.disabled).to.equal(true);
    await expect(disabled).to.be.accessible();
  });

  it('as a toggle says whether it is pressed; with href it is a link', async () => {
    const plain = await fixture<TkButton>(html`<tk-button>Weiter</tk-button>`);
    expect(plain.shadowRoot!.querySelector('button')!.hasAttribute('aria-pressed')).to.equal(false);
    const toggle = await fixture<TkButton>(html`<tk-button variant="link" .pressed=${false}>Passwort anzeigen</tk-button>`);
    expect(toggle.shadowRoot!.querySelector('button')!.getAttribute('aria-pressed')).to.equal('false');
    toggle.pressed = true;
    await toggle.updateComplete;
    expect(toggle.shadowRoot!.querySelector('button')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(toggle).to.be.accessible();
    const link = await fixture<TkButton>(html`<tk-button href="/#portal">Jetzt anmelden</tk-button>`);
    expect(link.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('/#portal');
    expect(link.shadowRoot!.querySelector('button')).to.equal(null);
    await expect(link).to.be.accessible();
  });
});

describe('<tk-alert>', () => {
  it('errors are assertive (alert), other variants polite (status); focus() moves into it', async () => {
    for (const [variant, role] of [['error', 'alert'], ['warning', 'status'], ['info', 'status'], ['success', 'status']] as const) {
      const el = await fixture<TkAlert>(html`<tk-alert lang="de" variant=${variant} heading="Überschrift"><p>Text</p></tk-alert>`);
      expect(el.shadowRoot!.querySelector('[part=alert]')!.getAttribute('role')).to.equal(role);
      await expect(el).to.be.accessible();
    }
    const el = await fixture<TkAlert>(html`<tk-alert variant="error">Fehler</tk-alert>`);
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[part=alert]'));
    expect(el.shadowRoot!.textContent).to.contain('Fehler:'); // the variant is said, not only coloured
  });
});

describe('<tk-stepper>', () => {
  it('marks the current step with aria-current and says how far the user is', async () => {
    const el = await fixture<TkStepper>(html`<tk-stepper lang="de" .steps=${[
      { id: 'a', label: 'Daten' },
      { id: 'b', label: 'Zahlung' },
      { id: 'c', label: 'Prüfen' },
    ]} current="1"></tk-stepper>`);
    const items = el.shadowRoot!.querySelectorAll('li');
    expect(items[1]!.getAttribute('aria-current')).to.equal('step');
    expect(items[0]!.getAttribute('aria-current')).to.equal('false');
    expect(items[0]!.textContent).to.contain('erledigt');
    expect(el.shadowRoot!.textContent).to.contain('Schritt 2 von 3');
    await expect(el).to.be.accessible();
  });
});

describe('<tk-summary>', () => {
  it('lists each section with a change button that names the section and fires tk-summary-edit', async () => {
    const el = await fixture<TkSummary>(html`<tk-summary lang="de" .sections=${[
      { id: 'person', heading: 'Persönliche Daten', items: [{ label: 'Name', value: 'Anna Muster' }] },
      { id: 'tariff', heading: 'Tarif', items: [{ label: 'Tarif', value: 'Relay Plus' }, { label: 'Preis', value: '9,90 €' }] },
    ]}></tk-summary>`);
    const buttons = el.shadowRoot!.querySelectorAll('button');
    expect(buttons[1]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ändern: Tarif');
    setTimeout(() => buttons[1]!.click());
    const event = await oneEvent(el, 'tk-summary-edit');
    expect(event.detail).to.deep.equal({ section: 'tariff' });
    await expect(el).to.be.accessible();
  });
  it('sections are headings with their lists, not landmarks of their own', async () => {
    const el = await fixture<TkSummary>(html`<tk-summary lang="de" heading-level="3" .sections=${[
      { id: 'person', heading: 'Persönliche Daten', items: [{ label: 'E-Mail-Adresse', value: 'a.rather.long.address.of.someone@subdomain.example-company.com' }] },
      { id: 'tariff', heading: 'Tarif', items: [{ label: 'Tarif', value: 'Relay Plus' }] },
    ]}></tk-summary>`);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('section, [role=region], [aria-label], [aria-labelledby]')).to.have.length(0);
    expect([...root.querySelectorAll('[role=heading][aria-level="3"]')].map((h) => h.textContent)).to.deep.equal(['Persönliche Daten', 'Tarif']);
  });
});

describe('<tk-radio-group variant="cards">', () => {
  it("reads each card's description once: in the option's name, not again as its description", async () => {
    const el = await fixture<TkRadioGroup>(html`<tk-radio-group lang="de" name="t" label="Kontoart" variant="cards" .options=${[
      { value: 'private', label: 'Privat', description: 'Für Sie persönlich' },
      { value: 'business', label: 'Firma', description: 'Für ein Unternehmen' },
    ]}></tk-radio-group>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Privat Für Sie persönlich');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => el.shadowRoot!.getElementById(id)!.textContent);
    expect(described.filter((t) => t!.includes('Für Sie persönlich'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
