import type { Meta, StoryObj } from '@storybook/web-components';
import { css, html, LitElement } from 'lit';
import { renderErrorSummary } from '../widgets/core/error-summary.js';
import { errorSummaryStyles } from '../widgets/core/error-summary.styles.js';
import { KitController } from '../widgets/core/kit.js';
import { baseStyles } from '../widgets/core/tokens.styles.js';
import { WizardController } from '../widgets/core/wizard.js';
import { wt } from '../widgets/primitives/wizard.messages.js';

/**
 * A form step the way a widget builds it (WizardController, renderErrorSummary), after a failed "Weiter":
 * every entry "Field: how to fix it", in form order. Fix a field and its entry goes; switch the locale and
 * the summary follows.
 */
class StoryErrorSummary extends LitElement {
  static override styles = [baseStyles, errorSummaryStyles, css`:host([long]) { display: block; max-width: 20rem; }`];
  static override properties = { long: { type: Boolean } };
  declare long: boolean;
  private readonly i18n = new KitController(this);
  private readonly wizard = new WizardController(this, () => [{ id: 'step', label: 'Step' }]);

  override async firstUpdated() {
    await new Promise((r) => setTimeout(r));
    await this.wizard.next();
  }

  protected override render() {
    const en = this.i18n.locale === 'en';
    const options = [
      { value: 'a', label: en ? 'Basic' : 'Basis' },
      { value: 'b', label: en ? 'Plus' : 'Plus' },
    ];
    const lastName = this.long ? (en ? 'Last name as in the identity document of the account holder' : 'Nachname wie im Personalausweis des Kontoinhabers') : en ? 'Last name' : 'Nachname';
    return html`<form novalidate @submit=${(e: Event) => (e.preventDefault(), this.wizard.next())}>
      ${renderErrorSummary(this.wizard.invalid, this.i18n.t('form.errorSummary'))}
      <div data-step="step">
        <tk-text-field name="lastName" label=${lastName} required></tk-text-field>
        <tk-text-field name="email" type="email" label=${en ? 'E-mail address' : 'E-Mail-Adresse'} value="a.rather.long.address.of.someone@subdomain"></tk-text-field>
        <tk-select name="salutation" label=${en ? 'Salutation' : 'Anrede'} .options=${options} required></tk-select>
        <tk-radio-group name="tariff" label=${en ? 'Tariff' : 'Tarif'} .options=${options} required></tk-radio-group>
        <tk-checkbox name="mandate" label=${en ? 'SEPA direct debit' : 'SEPA-Lastschrift'} required required-code="mandate_required"
          >${en ? 'I grant the SEPA direct debit mandate.' : 'Ich erteile das SEPA-Lastschriftmandat.'}</tk-checkbox
        >
        <tk-checkbox name="terms" label=${en ? 'Terms' : 'AGB'} required required-code="terms_required"
          >${en ? 'I accept the terms and the privacy notice.' : 'Ich akzeptiere die AGB und die Datenschutzhinweise.'}</tk-checkbox
        >
      </div>
      <tk-button type="submit">${wt(this.i18n, 'wizard.next')}</tk-button>
    </form>`;
  }
}
if (!customElements.get('story-error-summary')) customElements.define('story-error-summary', StoryErrorSummary);

const meta: Meta = {
  title: 'Forms/Error summary',
  render: () => html`<story-error-summary></story-error-summary>`,
};
export default meta;

/** Each entry names its field and says how to fix it: a choice asks to choose, a consent says which. */
export const SpecificMessages: StoryObj = {};

/** At 320 px long labels and messages wrap; each bullet stays with the first line of its entry. */
export const WrappedEntries: StoryObj = {
  render: () => html`<story-error-summary long></story-error-summary>`,
};
