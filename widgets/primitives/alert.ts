import { css, html, LitElement, nothing } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController } from '../core/kit.js';
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
    css`
      :host {
        display: block;
        margin-block-end: var(--tk-space-4, 1.25rem);
      }
      .alert {
        display: flex;
        gap: var(--tk-space-3, 0.75rem);
        padding: var(--tk-space-3, 0.75rem) var(--tk-space-4, 1.25rem);
        border: var(--tk-border-width, 2px) solid var(--accent);
        border-inline-start-width: 0.5rem;
        border-radius: var(--tk-radius, 0.375rem);
        background: var(--tk-color-background, #ffffff);
      }
      .info {
        --accent: var(--tk-color-primary, #0b57d0);
      }
      .success {
        --accent: var(--tk-color-success, #146c2e);
      }
      .warning {
        --accent: var(--tk-color-warning, #8a5a00);
      }
      .error {
        --accent: var(--tk-color-danger, #b3261e);
      }
      .icon {
        flex: none;
        width: 1.5rem;
        height: 1.5rem;
        border-radius: 50%;
        background: var(--accent);
        color: var(--tk-color-background, #ffffff);
        font-weight: 700;
        text-align: center;
        line-height: 1.5rem;
      }
      .heading {
        font-weight: 700;
        margin: 0 0 var(--tk-space-1, 0.25rem);
      }
      .alert:focus-visible {
        outline-offset: 3px;
      }
      @media (forced-colors: active) {
        .alert {
          border-color: CanvasText;
        }
        .icon {
          forced-color-adjust: none;
          background: CanvasText;
          color: Canvas;
        }
      }
    `,
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
