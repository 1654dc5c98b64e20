import { html, LitElement } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController } from '../core/kit.js';
import { stepperStyles } from './stepper.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import { type WizardKey, wt } from './wizard.messages.js';
import type { Params } from '../../contract/i18n.js';

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
    stepperStyles,
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
    const t = (key: WizardKey, params?: Params) => wt(this.i18n, key, params);
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
