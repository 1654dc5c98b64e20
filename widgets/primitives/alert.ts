import { html, LitElement, nothing } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController } from '../core/kit.js';
import { alertStyles } from './alert.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';

const ICONS = { info: 'i', success: '✓', warning: '!', error: '!' } as const;

/**
 * A message in a live region: `error` is assertive (role alert), the others polite (role status).
 * `focus()` moves focus to it, as the error summary of a form does on a failed submit.
 *
 * @tag tk-alert
 * @slot - the message
 * @csspart alert - the box
 * @csspart heading - the heading
 * @cssprop --tk-color-danger - error accent
 * @cssprop --tk-color-success - success accent
 * @cssprop --tk-color-warning - warning accent
 */
export class TkAlert extends LitElement {
  static override styles = [
    baseStyles,
    alertStyles,
  ];
  static override properties = { variant: { reflect: true }, heading: {}, kit: { attribute: false } };

  /** `info` (default), `success`, `warning` or `error`. */
  declare variant: 'info' | 'success' | 'warning' | 'error';
  declare heading: string;
  declare kit: Kit | undefined;
  private readonly i18n = new KitController(this);

  constructor() {
    super();
    this.variant = 'info';
    this.heading = '';
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('.alert')?.focus(options);
  }

  protected override render() {
    return html`<div part="alert" class="alert ${this.variant}" role="${this.variant === 'error' ? 'alert' : 'status'}" tabindex="-1">
      <span class="icon" aria-hidden="true">${ICONS[this.variant]}</span>
      <div>
        ${this.heading
          ? html`<p class="heading" part="heading">
              <span class="visually-hidden">${this.i18n.t(`alert.${this.variant}`)}: </span>${this.heading}
            </p>`
          : html`<span class="visually-hidden">${this.i18n.t(`alert.${this.variant}`)}: </span>`}
        <slot></slot>${nothing}
      </div>
    </div>`;
  }
}

defineOnce('tk-alert', TkAlert);

declare global {
  interface HTMLElementTagNameMap {
    'tk-alert': TkAlert;
  }
}
