import { html, LitElement, nothing } from 'lit';
import { buttonStyles } from './button.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { KitController } from '../core/kit.js';
import type { Kit } from '../core/context.js';
import { defineOnce } from '../define.js';

/**
 * A button that can submit or reset the form it is in. While `busy` it stays focusable, ignores clicks
 * and says that it is working. With `href` it is a link that looks like a button ("Log in now").
 *
 * @tag tk-button
 * @slot - the button text
 * @csspart button - the native button
 * @cssprop --tk-color-primary - primary background, secondary and link text
 * @cssprop --tk-color-on-primary - primary text
 */
export class TkButton extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [baseStyles, buttonStyles];
  static override properties = {
    type: { reflect: true },
    variant: { reflect: true },
    busy: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    href: {},
    pressed: { type: Boolean },
    kit: { attribute: false },
  };

  /** `button` (default), `submit` or `reset`. */
  declare type: 'button' | 'submit' | 'reset';
  /** `primary` (default), `secondary` or `link`. */
  declare variant: 'primary' | 'secondary' | 'link';
  declare busy: boolean;
  declare disabled: boolean;
  /** Makes it a link to this address. */
  declare href: string | undefined;
  /** Makes it a toggle ("show password"): pressed or not, said as `aria-pressed`. Unset: a plain button. */
  declare pressed: boolean | undefined;
  declare kit: Kit | undefined;
  private readonly internals: ElementInternals;
  private readonly i18n = new KitController(this);

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.type = 'button';
    this.variant = 'primary';
    this.busy = false;
    this.disabled = false;
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  private onClick(event: MouseEvent) {
    if (this.busy || this.disabled) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (this.type === 'submit') this.internals.form?.requestSubmit();
    else if (this.type === 'reset') this.internals.form?.reset();
  }

  protected override render() {
    if (this.href) return html`<a part="button" class="${this.variant}" href="${this.href}"><slot></slot></a>`;
    return html`<button
        part="button"
        class="${this.variant}"
        type="button"
        ?disabled="${this.disabled}"
        aria-disabled="${this.busy ? 'true' : 'false'}"
        aria-pressed="${this.pressed === undefined ? nothing : String(this.pressed)}"
        @click="${this.onClick}"
      >
        ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : ''}<slot></slot>
      </button>
      <span class="visually-hidden" role="status">${this.busy ? this.i18n.t('button.busy') : ''}</span>`;
  }
}

defineOnce('tk-button', TkButton);

declare global {
  interface HTMLElementTagNameMap {
    'tk-button': TkButton;
  }
}
