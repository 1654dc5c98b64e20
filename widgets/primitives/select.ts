import { html, nothing } from 'lit';
import { baseStyles } from '../core/tokens.styles.js';
import { fieldStyles } from './form-control.styles.js';
import { defineOnce } from '../define.js';
import { TkFormControl } from './form-control.js';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * A labelled native select, form-associated. Options come as a property.
 *
 * @tag tk-select
 * @csspart label - the label
 * @csspart select - the native select
 * @csspart error - the error message
 * @fires change - re-fired from the native select
 */
export class TkSelect extends TkFormControl {
  static override styles = [baseStyles, fieldStyles];
  static override properties = {
    ...TkFormControl.properties,
    options: { attribute: false },
    autocomplete: {},
  };

  declare options: SelectOption[];
  declare autocomplete: string | undefined;

  constructor() {
    super();
    this.options = [];
    this.requiredCode = 'invalid_choice';
  }

  protected anchor() {
    return this.renderRoot?.querySelector('select') ?? null;
  }
  protected validate() {
    return this.required && !this.value ? this.requiredCode : '';
  }

  private onChange(event: Event) {
    this.value = (event.target as HTMLSelectElement).value;
    this.userChanged();
    this.commitChange();
  }

  protected override render() {
    return html`
      <label class="label" part="label" for="${this.uid}">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <select
        part="select"
        class="control"
        id="${this.uid}"
        name="${this.name}"
        ?required="${this.required}"
        ?disabled="${this.disabled}"
        autocomplete="${this.autocomplete ?? nothing}"
        aria-invalid="${this.shownError ? 'true' : 'false'}"
        aria-describedby="${this.describedBy || nothing}"
        .value="${this.value}"
        @change="${this.onChange}"
        @blur="${this.markTouched}"
      >
        <option value="" ?selected="${!this.value}">${this.i18n.t('form.choose')}</option>
        ${this.options.map(
          (o) => html`<option value="${o.value}" ?disabled="${o.disabled}" ?selected="${o.value === this.value}">${o.label}</option>`,
        )}
      </select>
    `;
  }
}

defineOnce('tk-select', TkSelect);

declare global {
  interface HTMLElementTagNameMap {
    'tk-select': TkSelect;
  }
}
