import { html, nothing } from 'lit';
import { checkboxStyles } from './checkbox.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { fieldStyles } from './form-control.styles.js';
import { defineOnce } from '../define.js';
import { TkFormControl } from './form-control.js';

/**
 * A checkbox, form-associated. The label is the `label` property or the default slot (which may hold
 * links, for example to terms); with slotted content, a short `label` still names it in an error summary
 * ("AGB: …"), and `required-code` says how to fix it (`terms_required`). `value` is what is submitted when
 * checked (default `on`).
 *
 * @tag tk-checkbox
 * @slot - label content, instead of `label`
 * @csspart input - the native checkbox
 * @csspart label - the label
 * @csspart error - the error message
 * @fires change - when the user toggles it
 */
export class TkCheckbox extends TkFormControl {
  static override styles = [
    baseStyles,
    fieldStyles,
    checkboxStyles,
  ];
  static override properties = {
    ...TkFormControl.properties,
    checked: { type: Boolean, reflect: true },
  };

  declare checked: boolean;
  private initiallyChecked: boolean | undefined;

  constructor() {
    super();
    this.checked = false;
    this.value = 'on';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.initiallyChecked ??= this.checked;
  }

  protected override formValue() {
    return this.checked ? this.value : null;
  }
  protected override resetValue() {
    this.checked = this.initiallyChecked ?? false;
  }
  protected override restoreValue(state: string) {
    this.checked = state === this.value;
  }
  protected anchor() {
    return this.renderRoot?.querySelector('input') ?? null;
  }
  protected validate() {
    return this.required && !this.checked ? this.requiredCode : '';
  }

  /** `input` comes first and crosses the shadow boundary: `checked` must be current by then. */
  private onInput(event: Event) {
    this.checked = (event.target as HTMLInputElement).checked;
    this.userChanged();
  }


  protected override render() {
    return html`
      ${this.renderHint()} ${this.renderError()}
      <div class="row">
        <input
          part="input"
          class="choice"
          id="${this.uid}"
          type="checkbox"
          name="${this.name}"
          .checked="${this.checked}"
          ?required="${this.required}"
          ?disabled="${this.disabled}"
          aria-invalid="${this.shownError ? 'true' : 'false'}"
          aria-describedby="${this.describedBy || nothing}"
          @input="${this.onInput}"
          @change="${this.commitChange}"
        />
        <label part="label" for="${this.uid}">${this.renderLabelText(html`<slot>${this.label}</slot>`)}</label>
      </div>
    `;
  }
}

defineOnce('tk-checkbox', TkCheckbox);

declare global {
  interface HTMLElementTagNameMap {
    'tk-checkbox': TkCheckbox;
  }
}
