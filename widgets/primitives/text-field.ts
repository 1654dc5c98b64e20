import { html, nothing } from 'lit';
import { LightDomController } from '../core/light-dom.js';
import { baseStyles } from '../core/tokens.styles.js';
import { fieldStyles } from './form-control.styles.js';
import { textFieldStyles } from './text-field.styles.js';
import { defineOnce } from '../define.js';
import { TkFormControl } from './form-control.js';

/** What the browser can check of an e-mail address before the BFF checks it properly. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A labelled text input, form-associated.
 *
 * With `credential`, label, hint, error and the native input are rendered into the light DOM and slotted
 * into the shadow root, which styles them with the same rules: password managers and autofill find the
 * input from the document, and its label and descriptions still belong to it. Use it for username,
 * password and one-time-code fields, placed in a widget's light DOM; such a field submits nothing to a
 * form (its widget reads `value`), and Enter submits the form its slot sits in.
 *
 * @tag tk-text-field
 * @slot label - (with `credential`) the label, rendered by the field
 * @slot hint - (with `credential`) the hint, rendered by the field
 * @slot error - (with `credential`) the error message, rendered by the field
 * @slot input - (with `credential`) the native input, rendered by the field
 * @csspart label - the label
 * @csspart hint - the hint text
 * @csspart error - the error message
 * @csspart input - the native input
 * @cssprop --tk-color-border - input border
 * @cssprop --tk-color-danger - error text and invalid border
 * @cssprop --tk-radius - corner radius
 * @cssprop --tk-focus-ring-color - focus outline, in the shadow root and on a credential input alike
 * @fires input - re-fired from the native input
 * @fires change - re-fired from the native input
 */
export class TkTextField extends TkFormControl {
  static override styles = [baseStyles, fieldStyles, textFieldStyles];
  static override properties = {
    ...TkFormControl.properties,
    type: {},
    autocomplete: {},
    inputmode: {},
    maxlength: { type: Number },
    minlength: { type: Number },
    pattern: {},
    spellcheck: { type: Boolean },
    credential: { type: Boolean },
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
  /** Renders the native input (with its label, hint and error) into the light DOM, for password managers. */
  declare credential: boolean;
  private readonly light = new LightDomController(this);

  constructor() {
    super();
    this.type = 'text';
    this.spellcheck = false;
    this.credential = false;
  }

  protected anchor(): HTMLInputElement | null {
    return (this.credential ? this.querySelector<HTMLInputElement>(':scope > input') : this.renderRoot?.querySelector('input')) ?? null;
  }

  /** Focuses the native input, also when it sits in the light DOM. */
  override focus(options?: FocusOptions): void {
    const input = this.anchor();
    if (input) input.focus(options);
    else super.focus(options);
  }

  /** A credential field leaves its value to its widget: nothing reaches a form of the page around it. */
  protected override formValue(): string | null {
    return this.credential ? null : this.value;
  }

  protected validate(): string {
    const v = this.value;
    if (!v) return this.required ? this.requiredCode : '';
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
    // Implicit submission does not cross the shadow boundary on its own; a credential field submits the
    // form of the slot it is shown in.
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      (this.form ?? this.assignedSlot?.closest('form'))?.requestSubmit();
    }
  }

  /** In the light DOM its `change` bubbles by itself; from the shadow root it is re-fired. */
  private onChange = () => (this.credential ? this.markTouched() : this.commitChange());

  private renderInput(credential: boolean, describedBy: string) {
    return html`<input
      slot="${credential ? 'input' : nothing}"
      part="${credential ? nothing : 'input'}"
      class="${credential ? nothing : this.value.length > 20 ? 'control long' : 'control'}"
      id="${this.uid}"
      type="${this.type}"
      .value="${this.value}"
      ?required="${this.required}"
      ?disabled="${this.disabled}"
      autocomplete="${this.autocomplete ?? nothing}"
      inputmode="${this.inputmode ?? nothing}"
      maxlength="${this.maxlength ?? nothing}"
      minlength="${this.minlength ?? nothing}"
      spellcheck="${this.spellcheck ? 'true' : 'false'}"
      autocapitalize="${credential ? 'none' : nothing}"
      aria-invalid="${this.shownError ? 'true' : 'false'}"
      aria-describedby="${describedBy || nothing}"
      @input="${this.onInput}"
      @blur="${this.markTouched}"
      @keydown="${this.onKeydown}"
      @change="${this.onChange}"
    />`;
  }

  protected override render() {
    if (!this.credential) {
      this.light.content = nothing;
      return html`
        <label class="label" part="label" for="${this.uid}">${this.renderLabelText()}</label>
        ${this.renderHint()} ${this.renderError()} ${this.renderInput(false, this.describedBy)}
      `;
    }
    const error = this.shownError;
    const describedBy = [this.hint && `${this.uid}-hint`, error && `${this.uid}-prefix ${this.uid}-error`].filter(Boolean).join(' ');
    this.light.content = html`<label slot="label" for="${this.uid}">${this.label}</label>
      ${this.hint ? html`<span slot="hint" id="${this.uid}-hint">${this.hint}</span>` : nothing}
      ${error ? html`<span slot="error" class="visually-hidden" id="${this.uid}-prefix">${this.i18n.t('form.errorPrefix')}</span>` : nothing}
      <span slot="error" id="${this.uid}-error" aria-live="polite">${error}</span>
      ${this.renderInput(true, describedBy)}`;
    return html`<div class="label" part="label">${this.renderLabelText(html`<slot name="label"></slot>`)}</div>
      <slot name="hint"></slot><slot name="error"></slot><slot name="input"></slot>`;
  }
}

defineOnce('tk-text-field', TkTextField);

declare global {
  interface HTMLElementTagNameMap {
    'tk-text-field': TkTextField;
  }
}
