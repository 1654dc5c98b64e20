import { css, html, LitElement } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController } from '../core/kit.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';

export interface Step {
  id: string;
  label: string;
}

/**
 * A wizard's progress: the steps in order, the current one marked with `aria-current="step"`.
 *
 * @tag tk-stepper
 * @csspart list - the ordered list
 * @csspart step - each step
 * @cssprop --tk-color-primary - current and completed steps
 */
export class TkStepper extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin-block-end: var(--tk-space-4, 1.25rem);
      }
      .position {
        font-weight: 600;
        margin: 0 0 var(--tk-space-2, 0.5rem);
      }
      ol {
        display: flex;
        flex-wrap: wrap;
        gap: var(--tk-space-2, 0.5rem) var(--tk-space-4, 1.25rem);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--tk-space-2, 0.5rem);
        color: var(--tk-color-text-muted, #4a4a55);
      }
      .marker {
        display: inline-grid;
        place-items: center;
        width: 1.75rem;
        height: 1.75rem;
        border-radius: 50%;
        border: 2px solid currentColor;
        font-weight: 700;
        font-size: 0.875em;
      }
      li.done,
      li[aria-current='step'] {
        color: var(--tk-color-text, #1b1b1f);
      }
      li[aria-current='step'] {
        font-weight: 700;
      }
      li[aria-current='step'] .marker,
      li.done .marker {
        background: var(--tk-color-primary, #0b57d0);
        border-color: var(--tk-color-primary, #0b57d0);
        color: var(--tk-color-on-primary, #ffffff);
      }
      @media (max-width: 30rem) {
        li:not([aria-current='step']) .label {
          display: none;
        }
      }
      @media (forced-colors: active) {
        li[aria-current='step'] .marker,
        li.done .marker {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
        }
      }
    `,
  ];
  static override properties = { steps: { attribute: false }, current: { type: Number }, kit: { attribute: false } };

  declare steps: Step[];
  /** Index of the current step. */
  declare current: number;
  declare kit: Kit | undefined;
  private readonly i18n = new KitController(this);

  constructor() {
    super();
    this.steps = [];
    this.current = 0;
  }

  protected override render() {
    const t = this.i18n.t;
    return html`<nav aria-label="${t('stepper.label')}">
      <p class="position">${t('stepper.position', { index: this.current + 1, count: this.steps.length })}</p>
      <ol part="list">
        ${this.steps.map((step, i) => {
          const done = i < this.current;
          return html`<li part="step" class="${done ? 'done' : ''}" aria-current="${i === this.current ? 'step' : 'false'}">
            <span class="marker" aria-hidden="true">${done ? '✓' : i + 1}</span>
            <span class="label">${step.label}${done ? html`<span class="visually-hidden"> (${t('stepper.done')})</span>` : ''}</span>
          </li>`;
        })}
      </ol>
    </nav>`;
  }
}

defineOnce('tk-stepper', TkStepper);

declare global {
  interface HTMLElementTagNameMap {
    'tk-stepper': TkStepper;
  }
}
