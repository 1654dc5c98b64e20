import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Kit } from '../core/context.js';
import { errorMessage } from '../core/i18n/index.js';
import { KitController } from '../core/kit.js';

let nextId = 0;

/**
 * The one base class of the form primitives: form association through ElementInternals (value,
 * validity, reset, disabled, state restore), label / hint / error, and the rule for when an error shows:
 * a server `error` at once, the control's own validation after the user left it or tried to submit.
 */
export abstract class TkFormControl extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    name: { reflect: true },
    value: {},
    label: {},
    hint: {},
    error: {},
    required: { type: Boolean, reflect: true },
    requiredCode: { attribute: 'required-code' },
    disabled: { type: Boolean, reflect: true },
    kit: { attribute: false },
    touched: { state: true },
  };

  /** Name under which the value is submitted with the form. */
  declare name: string;
  /** The value as a string ('' when empty). */
  declare value: string;
  /** Visible label. */
  declare label: string;
  /** Help text below the label. */
  declare hint: string;
  /** An error to show (for example from the server); set to '' to clear. */
  declare error: string;
  declare required: boolean;
  /**
   * The field error code (`contract/messages/field-errors/`) shown when the control is required and empty:
   * `required` by default, `invalid_choice` for a select or radio group; a specific one such as `terms_required`
   * says how to fix it. Its text follows the locale.
   */
  declare requiredCode: string;
  declare disabled: boolean;
  /** A kit handed in directly (stories, tests); otherwise the provider's. */
  declare kit: Kit | undefined;
  protected declare touched: boolean;

  protected readonly internals: ElementInternals;
  protected readonly i18n = new KitController(this);
  protected readonly uid = `tk${++nextId}`;
  private ownErrorCode = '';
  /** The value at connection time, restored by a form reset. */
  protected initialValue: string | undefined;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.name = '';
    this.value = '';
    this.label = '';
    this.hint = '';
    this.error = '';
    this.required = false;
    this.requiredCode = 'required';
    this.disabled = false;
    this.touched = false;
    // The form's submit attempt (or reportValidity) marks the control as touched, with our own message
    // instead of the browser's bubble.
    this.addEventListener('invalid', (event) => {
      event.preventDefault();
      this.touched = true;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.initialValue ??= this.value;
  }

  /** The value as submitted (`null` means: nothing, like an unchecked checkbox). */
  protected formValue(): string | null {
    return this.value;
  }
  /** Back to the initial state on form reset. */
  protected resetValue(): void {
    this.value = this.initialValue ?? '';
  }
  /** Own validation from the current values (no DOM): a field error code from `contract/errors.ts`, or ''. */
  protected abstract validate(): string;
  /** The element validation messages point at. */
  protected abstract anchor(): HTMLElement | null;

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** The error text shown now, if any. */
  get shownError(): string {
    if (this.error) return this.error;
    return this.touched && this.ownErrorCode ? errorMessage(this.i18n.locale, this.ownErrorCode) : '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.ownErrorCode = this.disabled ? '' : this.validate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.internals.setFormValue(this.disabled ? null : this.formValue());
    const anchor = this.anchor() ?? undefined;
    if (this.error) this.internals.setValidity({ customError: true }, this.error, anchor);
    else if (this.ownErrorCode) {
      this.internals.setValidity(
        { [this.ownErrorCode === this.requiredCode ? 'valueMissing' : 'customError']: true },
        errorMessage(this.i18n.locale, this.ownErrorCode),
        anchor,
      );
    } else this.internals.setValidity({});
  }

  formResetCallback(): void {
    this.resetValue();
    this.error = '';
    this.touched = false;
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.restoreValue(state);
  }

  protected restoreValue(state: string): void {
    this.value = state;
  }

  /** The user changed the value: clear a server error, it was about the old value. */
  protected userChanged(): void {
    this.error = '';
  }

  protected markTouched = (): void => {
    this.touched = true;
  };

  /** The user committed a value: it counts as touched, and `change` crosses the shadow boundary. */
  protected commitChange = (): void => {
    this.touched = true;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  protected get describedBy(): string {
    return [this.hint ? `${this.uid}-hint` : '', this.shownError ? `${this.uid}-error` : ''].filter(Boolean).join(' ');
  }

  /** The label (or what stands for it, such as a slot) and, when required, the star. */
  protected renderLabelText(label: unknown = this.label) {
    return html`${label}${this.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing}`;
  }

  protected renderHint() {
    return this.hint ? html`<span class="hint" id="${this.uid}-hint" part="hint">${this.hint}</span>` : nothing;
  }

  /**
   * Not a live region: after a failed submit the focused error summary is the one announcement, and a field's
   * error is read with the field (`aria-describedby`, `aria-invalid`).
   */
  protected renderError() {
    const shown = this.shownError;
    return shown
      ? html`<span class="error" id="${this.uid}-error" part="error"><span class="visually-hidden">${this.i18n.t('form.errorPrefix')}</span>${shown}</span>`
      : nothing;
  }
}
