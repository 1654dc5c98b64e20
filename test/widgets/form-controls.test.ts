import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, type TemplateResult } from 'lit';
import '../../widgets/primitives/checkbox.js';
import '../../widgets/primitives/date-field.js';
import '../../widgets/primitives/radio-group.js';
import '../../widgets/primitives/select.js';
import '../../widgets/primitives/text-field.js';
import type { TkFormControl } from '../../widgets/primitives/form-control.js';
import { loadLocale } from '../../widgets/core/i18n/index.js';

type Control = TkFormControl & { value?: string; checked?: boolean };

interface Case {
  tag: string;
  render(options: { required?: boolean; disabled?: boolean }): TemplateResult;
  /** Fills the control by keyboard only, focus already on it. */
  fill(): Promise<void>;
  /** What FormData holds after `fill`. */
  filled: string;
  /** The message of a required control left empty: a choice asks to choose. */
  missing?: string;
}

const FILL_IN = 'Bitte füllen Sie dieses Feld aus.';
const CHOOSE = 'Bitte wählen Sie eine der angebotenen Möglichkeiten.';

const options = [
  { value: 'a', label: 'Alpha' },
  { value: 'b', label: 'Beta' },
];

const cases: Case[] = [
  {
    tag: 'tk-text-field',
    render: (o) => html`<tk-text-field name="f" label="Nachname" ?required=${o.required} ?disabled=${o.disabled}></tk-text-field>`,
    fill: () => sendKeys({ type: 'Müller' }),
    filled: 'Müller',
  },
  {
    tag: 'tk-select',
    render: (o) => html`<tk-select name="f" label="Land" .options=${options} ?required=${o.required} ?disabled=${o.disabled}></tk-select>`,
    fill: () => sendKeys({ press: 'ArrowDown' }),
    filled: 'a',
    missing: CHOOSE,
  },
  {
    tag: 'tk-checkbox',
    render: (o) => html`<tk-checkbox name="f" label="Ich stimme zu" ?required=${o.required} ?disabled=${o.disabled}></tk-checkbox>`,
    fill: () => sendKeys({ press: 'Space' }),
    filled: 'on',
  },
  {
    tag: 'tk-radio-group',
    render: (o) =>
      html`<tk-radio-group name="f" label="Kontotyp" .options=${options} ?required=${o.required} ?disabled=${o.disabled}></tk-radio-group>`,
    // Space checks the focused first option.
    fill: () => sendKeys({ press: 'Space' }),
    filled: 'a',
    missing: CHOOSE,
  },
  {
    tag: 'tk-date-field',
    render: (o) => html`<tk-date-field name="f" label="Geburtsdatum" ?required=${o.required} ?disabled=${o.disabled}></tk-date-field>`,
    fill: async () => {
      await sendKeys({ type: '27' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '3' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '1985' });
    },
    filled: '1985-03-27',
  },
];

async function inForm(template: TemplateResult) {
  const form = await fixture<HTMLFormElement>(html`<form lang="de">${template}<button>Senden</button></form>`);
  const control = form.querySelector<Control>('[name="f"]')!;
  await control.updateComplete;
  return { form, control };
}

for (const c of cases) {
  describe(`<${c.tag}> form control`, () => {
    it('is filled by keyboard alone and submits its value with FormData', async () => {
      const { form, control } = await inForm(c.render({}));
      control.focus();
      await c.fill();
      await control.updateComplete;
      expect(new FormData(form).get('f')).to.equal(c.filled);
    });

    it('goes back to its initial value on form reset', async () => {
      const { form, control } = await inForm(c.render({}));
      control.focus();
      await c.fill();
      await control.updateComplete;
      form.reset();
      await control.updateComplete;
      const value = new FormData(form).get('f');
      expect(value === null || value === '').to.equal(true);
    });

    it('when required and empty, blocks the form and shows a localized error after a submit attempt', async () => {
      const { form, control } = await inForm(c.render({ required: true }));
      expect(form.checkValidity()).to.equal(false);
      expect(control.validity.valueMissing).to.equal(true);
      form.requestSubmit(); // fires `invalid`, no submit
      await control.updateComplete;
      expect(control.shownError).to.equal(c.missing ?? FILL_IN);
      expect(control.validationMessage).to.equal(c.missing ?? FILL_IN);
      expect(control.shadowRoot!.querySelector('[aria-invalid="true"]')).to.exist;
      // not a live region: the focused error summary is the one announcement of a failed submit
      expect(control.shadowRoot!.querySelector('[aria-live], [role=alert], [role=status]')).to.equal(null);
      await expect(control).to.be.accessible();
      control.focus();
      await c.fill();
      await control.updateComplete;
      expect(form.checkValidity()).to.equal(true);
      expect(control.shownError).to.equal('');
    });

    it('when disabled, submits nothing and cannot be focused into', async () => {
      const { form, control } = await inForm(c.render({ disabled: true }));
      expect(new FormData(form).has('f')).to.equal(false);
      const inputs = [...control.shadowRoot!.querySelectorAll('input, select')] as (HTMLInputElement | HTMLSelectElement)[];
      expect(inputs.length).to.be.greaterThan(0);
      expect(inputs.every((i) => i.disabled)).to.equal(true);
      await expect(control).to.be.accessible();
    });

    it('is disabled by a disabled fieldset', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><fieldset disabled>${c.render({})}</fieldset></form>`);
      const control = form.querySelector<Control>('[name="f"]')!;
      await control.updateComplete;
      expect(control.disabled).to.equal(true);
    });

    it('shows a server error until the user changes the value', async () => {
      const { form, control } = await inForm(c.render({}));
      control.error = 'Vom Server abgelehnt.';
      await control.updateComplete;
      expect(form.checkValidity()).to.equal(false);
      expect(control.shadowRoot!.textContent).to.contain('Vom Server abgelehnt.');
      await expect(control).to.be.accessible();
      control.focus();
      await c.fill();
      await control.updateComplete;
      expect(control.error).to.equal('');
    });

    it('is accessible empty and filled', async () => {
      const { control } = await inForm(c.render({ required: true }));
      await expect(control).to.be.accessible();
      control.focus();
      await c.fill();
      await control.updateComplete;
      await expect(control).to.be.accessible();
    });
  });
}

describe('required-code', () => {
  before(() => loadLocale('en'));

  it('a required control says how to fix it with its own field error code, in the locale of the moment', async () => {
    const { form, control } = await inForm(html`<tk-checkbox name="f" label="AGB" required required-code="terms_required">Ich akzeptiere die <a href="#">AGB</a>.</tk-checkbox>`);
    form.requestSubmit();
    await control.updateComplete;
    expect(control.validity.valueMissing).to.equal(true);
    expect(control.validationMessage).to.equal('Bitte bestätigen Sie die AGB und die Datenschutzhinweise.');
    expect(control.shadowRoot!.textContent).to.contain('Bitte bestätigen Sie die AGB und die Datenschutzhinweise.');
    form.lang = 'en';
    control.requestUpdate(); // the provider's context does this on a locale switch
    await control.updateComplete;
    expect(control.validationMessage).to.equal('Please accept the terms and the privacy notice.');
    await expect(control).to.be.accessible();
  });
});

describe('<tk-text-field> specifics', () => {
  // The provider loads a non-default locale before it renders; without one, load it here.
  before(() => loadLocale('en'));

  it('submits the form on Enter and validates e-mail and pattern with codes shared with the BFF', async () => {
    const form = await fixture<HTMLFormElement>(html`<form lang="en">
      <tk-text-field name="email" type="email" label="E-mail" autocomplete="email"></tk-text-field>
      <tk-text-field name="zip" label="Postal code" pattern="[0-9]{5}" inputmode="numeric"></tk-text-field>
    </form>`);
    const [email, zip] = form.querySelectorAll('tk-text-field');
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted++;
    });
    email!.focus();
    await sendKeys({ type: 'not-an-address' });
    await sendKeys({ press: 'Enter' });
    await email!.updateComplete;
    expect(submitted).to.equal(0);
    expect(email!.shownError).to.equal('Please enter a valid e-mail address.');
    expect(email!.shadowRoot!.querySelector('input')!.getAttribute('autocomplete')).to.equal('email');
    zip!.value = '123';
    await zip!.updateComplete;
    expect(zip!.validationMessage).to.equal('This is not in the expected format.');
    email!.value = 'anna@example.com';
    zip!.value = '10115';
    await zip!.updateComplete;
    email!.focus();
    await sendKeys({ press: 'Enter' });
    expect(submitted).to.equal(1);
  });
});

/** A widget's shape: a shadow-root form with a slot for credential fields kept in the light DOM. */
class CredentialHost extends LitElement {
  submitted = 0;
  protected override render() {
    return html`<form
      @submit=${(e: Event) => {
        e.preventDefault();
        this.submitted++;
      }}
    >
      <tk-text-field name="nickname" label="Spitzname"></tk-text-field>
      <slot></slot>
    </form>`;
  }
}
customElements.define('test-credential-host', CredentialHost);

describe('<tk-text-field credential>', () => {
  const render = (o: { error?: string } = {}) =>
    fixture<CredentialHost>(html`<test-credential-host lang="de">
      <tk-text-field credential name="password" type="password" label="Passwort" hint="12 bis 128 Zeichen" autocomplete="current-password" required .error=${o.error ?? ''}></tk-text-field>
    </test-credential-host>`);

  it('keeps input, label, hint and error in the light DOM, where password managers and ARIA references reach them', async () => {
    const host = await render({ error: 'Zu kurz.' });
    const field = host.querySelector('tk-text-field')!;
    await field.updateComplete;
    const input = document.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')!;
    expect(input.parentElement).to.equal(field);
    expect(input.type).to.equal('password');
    expect(input.labels![0]!.textContent).to.equal('Passwort');
    const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described).to.deep.equal(['12 bis 128 Zeichen', 'Fehler:', 'Zu kurz.']);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(host).to.be.accessible();
  });

  it('takes its looks from the same tokens as a shadow field: one focus-ring colour reaches both', async () => {
    const host = await render();
    host.style.setProperty('--tk-focus-ring-color', 'rgb(1, 2, 3)');
    host.style.setProperty('--tk-color-border', 'rgb(4, 5, 6)');
    const shadowInput = host.shadowRoot!.querySelector('tk-text-field')!.shadowRoot!.querySelector('input')!;
    const lightInput = host.querySelector('input')!;
    for (const input of [shadowInput, lightInput]) {
      input.focus();
      const style = getComputedStyle(input);
      expect(style.outlineColor, input.getRootNode() === document ? 'light' : 'shadow').to.equal('rgb(1, 2, 3)');
      expect(style.outlineStyle).to.equal('solid');
      expect(style.borderTopColor).to.equal('rgb(4, 5, 6)');
    }
    expect(getComputedStyle(lightInput).minHeight).to.equal(getComputedStyle(shadowInput).minHeight);
  });

  it('Enter submits the form of the slot it is shown in; a page form around it gets nothing', async () => {
    const host = await render();
    const field = host.querySelector('tk-text-field')!;
    field.focus();
    expect(document.activeElement).to.equal(host.querySelector('input'));
    await sendKeys({ type: 'geheim' });
    await sendKeys({ press: 'Enter' });
    expect(host.submitted).to.equal(1);
    expect(field.value).to.equal('geheim');

    const page = await fixture<HTMLFormElement>(html`<form><tk-text-field credential name="password" label="Passwort" value="geheim"></tk-text-field></form>`);
    await page.querySelector('tk-text-field')!.updateComplete;
    expect([...new FormData(page).keys()]).to.deep.equal([]);
  });
});

describe('<tk-date-field> specifics', () => {
  it('rejects dates that do not exist and dates outside min/max', async () => {
    const { control } = await inForm(html`<tk-date-field name="f" label="Geburtsdatum" max="2008-11-21"></tk-date-field>`);
    control.focus();
    await sendKeys({ type: '31' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '2' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1990' });
    await control.updateComplete;
    expect(control.validationMessage).to.equal('Bitte geben Sie ein gültiges Datum ein.');
    control.value = '2010-01-01';
    await control.updateComplete;
    expect(control.validationMessage).to.equal('Das Datum liegt zu weit in der Zukunft.');
    const inputs = control.shadowRoot!.querySelectorAll('input');
    expect([...inputs].map((i) => i.value)).to.deep.equal(['1', '1', '2010']);
  });
});
