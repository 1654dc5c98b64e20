import { html, nothing } from 'lit';
import { radioGroupStyles } from './radio-group.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { fieldStyles } from './form-control.styles.js';
import { defineOnce } from '../define.js';
import { TkFormControl } from './form-control.js';

export interface RadioOption {
  value: string;
  label: string;
  /** A second line, shown with `variant="cards"`; part of the option's accessible name (the label holds it), so read once. */
  description?: string;
  disabled?: boolean;
}

/**
 * A group of radio buttons with a legend, form-associated; arrow keys move between options.
 * `variant="cards"` shows each option as a selectable card (used for the account type).
 *
 * @tag tk-radio-group
 * @csspart fieldset - the group
 * @csspart legend - the group's label
 * @csspart option - each option (a card with `variant="cards"`)
 * @csspart error - the error message
 * @fires change - when the user picks an option
 */
export class TkRadioGroup extends TkFormControl {
  static override styles = [
    baseStyles,
    fieldStyles,
    radioGroupStyles,
  ];
  static override properties = {
    ...TkFormControl.properties,
    options: { attribute: false },
    variant: { reflect: true },
  };

  declare options: RadioOption[];
  /** `list` (default) or `cards`. */
  declare variant: 'list' | 'cards';

  constructor() {
    super();
    this.options = [];
    this.variant = 'list';
    this.requiredCode = 'invalid_choice';
  }

  /** Like native radios: nothing is submitted until one is chosen. */
  protected override formValue() {
    return this.value || null;
  }
  protected anchor() {
    return this.renderRoot?.querySelector<HTMLInputElement>('input:checked') ?? this.renderRoot?.querySelector('input') ?? null;
  }
  protected validate() {
    return this.required && !this.value ? this.requiredCode : '';
  }

  /** `input` comes first and crosses the shadow boundary: the value must be current by then. */
  private onInput(event: Event) {
    this.value = (event.target as HTMLInputElement).value;
    this.userChanged();
  }


  protected override render() {
    return html`
      <fieldset part="fieldset" class="${this.variant}" aria-describedby="${this.describedBy || nothing}">
        <legend class="label" part="legend">${this.renderLabelText()}</legend>
        ${this.renderHint()} ${this.renderError()}
        <div class="options">
          ${this.options.map(
            (o) => html`
              <label class="option" part="option">
                <input
                  class="choice"
                  type="radio"
                  name="${this.uid}"
                  value="${o.value}"
                  .checked="${o.value === this.value}"
                  ?required="${this.required}"
                  ?disabled="${this.disabled || o.disabled}"
                  aria-invalid="${this.shownError ? 'true' : 'false'}"
                  @input="${this.onInput}"
                  @change="${this.commitChange}"
                  @blur="${this.markTouched}"
                />
                <span>
                  <span class="title">${o.label}</span>
                  ${o.description && this.variant === 'cards'
                    ? html`<span class="description">${o.description}</span>`
                    : nothing}
                </span>
              </label>
            `,
          )}
        </div>
      </fieldset>
    `;
  }
}

defineOnce('tk-radio-group', TkRadioGroup);

declare global {
  interface HTMLElementTagNameMap {
    'tk-radio-group': TkRadioGroup;
  }
}
