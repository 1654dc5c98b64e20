import { css, html, LitElement } from 'lit';
import { baseStyles } from '../core/tokens.styles.js';
import { KitController } from '../core/kit.js';
import type { Kit } from '../core/context.js';
import { defineOnce } from '../define.js';

/**
 * A button that can submit or reset the form it is in. While `busy` it stays focusable, ignores clicks
 * and says that it is working.
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
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-block;
      }
      button {
        font: inherit;
        font-weight: 600;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: var(--tk-space-2, 0.5rem);
        min-height: 2.75rem;
        min-width: 2.75rem;
        padding: var(--tk-space-2, 0.5rem) var(--tk-space-4, 1.25rem);
        border-radius: var(--tk-radius, 0.375rem);
        border: var(--tk-border-width, 2px) solid var(--tk-color-primary, #0b57d0);
        cursor: pointer;
      }
      .primary {
        background: var(--tk-color-primary, #0b57d0);
        color: var(--tk-color-on-primary, #ffffff);
      }
      .secondary {
        background: var(--tk-color-background, #ffffff);
        color: var(--tk-color-primary, #0b57d0);
      }
      .link {
        background: none;
        border-color: transparent;
        color: var(--tk-color-link, var(--tk-color-primary, #0b57d0));
        text-decoration: underline;
        padding-inline: var(--tk-space-1, 0.25rem);
      }
      button[aria-disabled='true'] {
        cursor: progress;
      }
      button:disabled {
        cursor: not-allowed;
        opacity: 0.6;
      }
      .spinner {
        width: 1em;
        height: 1em;
        border: 0.15em solid currentColor;
        border-right-color: transparent;
        border-radius: 50%;
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      @media (forced-colors: active) {
        button {
          border-color: ButtonText;
        }
      }
    `,
  ];
  static override properties = {
    type: { reflect: true },
    variant: { reflect: true },
    busy: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    kit: { attribute: false },
  };

  /** `button` (default), `submit` or `reset`. */
  declare type: 'button' | 'submit' | 'reset';
  /** `primary` (default), `secondary` or `link`. */
  declare variant: 'primary' | 'secondary' | 'link';
  declare busy: boolean;
  declare disabled: boolean;
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
    return html`<button
        part="button"
        class="${this.variant}"
        type="button"
        ?disabled="${this.disabled}"
        aria-disabled="${this.busy ? 'true' : 'false'}"
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
