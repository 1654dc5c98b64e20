import { css, html, nothing } from 'lit';
import { baseStyles, fieldStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import { TkFormControl } from './form-control.js';

/** What the browser can check of an e-mail address before the BFF checks it properly. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A labelled text input, form-associated.
 *
 * @tag tk-text-field
 * @csspart label - the label
 * @csspart hint - the hint text
 * @csspart error - the error message
 * @csspart input - the native input
 * @cssprop --tk-color-border - input border
 * @cssprop --tk-color-danger - error text and invalid border
 * @cssprop --tk-radius - corner radius
 * @fires input - re-fired from the native input
 * @fires change - re-fired from the native input
 */
export class TkTextField extends TkFormControl {
  static override styles = [baseStyles, fieldStyles, css``];
  static override properties = {
    ...TkFormControl.properties,
    type: {},
    autocomplete: {},
    inputmode: {},
    maxlength: { type: Number },
    minlength: { type: Number },
    pattern: {},
    spellcheck: { type: Boolean },
  };

  /** `text`, `email`, `tel`, `password`, `url` or `search`. */
  declare type: 'text' | 'email' | 'tel' | 'password' | 'url' | 'search';
  declare autocomplete: string | undefined;
  declare inputmode: string | undefined;
  declare maxlength: number | undefined;
  declare minlength: number | undefined;
  /** A regular expression the whole value must match. */
  declare pattern: string | undefined;
  declare spellcheck: boolean;

  constructor() {
    super();
    this.type = 'text';
    this.spellcheck = false;
  }

  protected anchor() {
    return this.renderRoot?.querySelector('input') ?? null;
  }

  protected validate(): string {
    const v = this.value;
    if (!v) return this.required ? 'required' : '';
    if (this.minlength && v.length < this.minlength) return 'too_short';
    if (this.maxlength && v.length > this.maxlength) return 'too_long';
    if (this.type === 'email' && !EMAIL.test(v)) return 'invalid_email';
    if (this.pattern && !new RegExp(`^(?:${this.pattern})$`, 'u').test(v)) return 'invalid_format';
    return '';
  }

  private onInput(event: Event) {
    this.value = (event.target as HTMLInputElement).value;
    this.userChanged();
  }

  private onKeydown(event: KeyboardEvent) {
    // Implicit submission does not cross the shadow boundary on its own.
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      this.form?.requestSubmit();
    }
  }

  protected override render() {
    const error = this.shownError;
    return html`
      <label class="label" part="label" for="${this.uid}">${this.renderLabelText()}</label>
      ${this.renderHint()} ${this.renderError()}
      <input
        part="input"
        class="control"
        id="${this.uid}"
        name="${this.name}"
        type="${this.type}"
        .value="${this.value}"
        ?required="${this.required}"
        ?disabled="${this.disabled}"
        autocomplete="${this.autocomplete ?? nothing}"
        inputmode="${this.inputmode ?? nothing}"
        maxlength="${this.maxlength ?? nothing}"
        minlength="${this.minlength ?? nothing}"
        spellcheck="${this.spellcheck ? 'true' : 'false'}"
        aria-invalid="${error ? 'true' : 'false'}"
        aria-describedby="${this.describedBy || nothing}"
        @input="${this.onInput}"
        @blur="${this.markTouched}"
        @keydown="${this.onKeydown}"
        @change="${this.commitChange}"
      />
    `;
  }
}

defineOnce('tk-text-field', TkTextField);

declare global {
  interface HTMLElementTagNameMap {
    'tk-text-field': TkTextField;
  }
}
