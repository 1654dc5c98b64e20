import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TkStepChangeEvent } from './events.js';

export interface WizardStep {
  id: string;
  label: string;
}

export interface InvalidField {
  /** The control, to focus from the error summary. */
  control: HTMLElement;
  label: string;
  message: string;
}

type Validatable = HTMLElement & {
  checkValidity(): boolean;
  validationMessage: string;
  label?: string;
  touched?: boolean;
};

/**
 * Steps, back and next with per-step validation. On a failed `next()` the host renders `invalid` as an
 * error summary, which gets focus; on a step change focus moves to the new step's heading
 * (`[data-step-heading]`) and `tk-step-change` fires.
 */
export class WizardController implements ReactiveController {
  index = 0;
  invalid: InvalidField[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly steps: () => WizardStep[],
    private readonly extraValidation: (step: WizardStep) => InvalidField[] = () => [],
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get step(): WizardStep {
    return this.steps()[this.index]!;
  }
  get isFirst(): boolean {
    return this.index === 0;
  }
  get isLast(): boolean {
    return this.index === this.steps().length - 1;
  }

  /** Checks the controls of the current step (those inside `[data-step="<id>"]`). */
  validate(): InvalidField[] {
    const root = this.host.shadowRoot ?? this.host;
    const container = root.querySelector(`[data-step="${this.step.id}"]`) ?? root;
    const invalid: InvalidField[] = [];
    for (const control of container.querySelectorAll<Validatable>('[name]')) {
      if (typeof control.checkValidity !== 'function' || control.checkValidity()) continue;
      // checkValidity() fired `invalid`, which marks the control as touched so its message shows.
      invalid.push({ control, label: control.label ?? control.getAttribute('name') ?? '', message: control.validationMessage });
    }
    const seen = new Set(invalid.map((i) => i.control));
    return [...invalid, ...this.extraValidation(this.step).filter((i) => !seen.has(i.control))];
  }

  async next(): Promise<boolean> {
    this.invalid = this.validate();
    if (this.invalid.length > 0) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      const root = this.host.shadowRoot ?? this.host;
      root.querySelector<HTMLElement>('[data-error-summary]')?.focus();
      return false;
    }
    if (!this.isLast) await this.goTo(this.index + 1);
    return true;
  }

  back(): Promise<void> {
    return this.isFirst ? Promise.resolve() : this.goTo(this.index - 1);
  }

  async goTo(index: number | string): Promise<void> {
    const steps = this.steps();
    const target = typeof index === 'string' ? steps.findIndex((s) => s.id === index) : index;
    if (target < 0 || target >= steps.length) return;
    this.index = target;
    this.invalid = [];
    this.host.requestUpdate();
    await this.host.updateComplete;
    const root = this.host.shadowRoot ?? this.host;
    root.querySelector<HTMLElement>('[data-step-heading]')?.focus();
    this.host.dispatchEvent(new TkStepChangeEvent({ step: this.step.id, index: this.index, count: steps.length }));
  }
}
