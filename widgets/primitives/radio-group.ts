import { css, html, nothing } from 'lit';
import { baseStyles, fieldStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import { TkFormControl } from './form-control.js';

export interface RadioOption {
  value: string;
  label: string;
  /** A second line, shown with `variant="cards"`. */
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
    css`
      .options {
        display: grid;
        gap: var(--tk-space-2, 0.5rem);
      }
      .option {
        display: flex;
        gap: var(--tk-space-2, 0.5rem);
        align-items: flex-start;
      }
      .cards .options {
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      }
      .cards .option {
        border: var(--tk-border-width, 2px) solid var(--tk-color-border, #6b6b76);
        border-radius: var(--tk-radius, 0.375rem);
        padding: var(--tk-space-3, 0.75rem);
        background: var(--tk-color-surface, #f5f6f8);
        cursor: pointer;
      }
      .cards .option:has(input:checked) {
        border-color: var(--tk-color-primary, #0b57d0);
        border-width: 3px;
      }
      .title {
        display: block;
        font-weight: 600;
      }
      .description {
        display: block;
        color: var(--tk-color-text-muted, #4a4a55);
      }
      @media (forced-colors: active) {
        .cards .option:has(input:checked) {
          border-color: Highlight;
        }
      }
    `,
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
  }

  /** Like native radios: nothing is submitted until one is chosen. */
  protected override formValue() {
    return this.value || null;
  }
  protected anchor() {
    return this.renderRoot?.querySelector<HTMLInputElement>('input:checked') ?? this.renderRoot?.querySelector('input') ?? null;
  }
  protected validate() {
    return this.required && !this.value ? 'required' : '';
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
            (o, i) => html`
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
                  aria-describedby="${o.description && this.variant === 'cards' ? `${this.uid}-d${i}` : nothing}"
                  @input="${this.onInput}"
                  @change="${this.commitChange}"
                  @blur="${this.markTouched}"
                />
                <span>
                  <span class="title">${o.label}</span>
                  ${o.description && this.variant === 'cards'
                    ? html`<span class="description" id="${this.uid}-d${i}">${o.description}</span>`
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
