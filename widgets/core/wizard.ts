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
  /** A form primitive's error as shown, in the current locale. */
  shownError?: string;
};

let wizards = 0;

/**
 * Steps, back and next with per-step validation.
 *
 * On a failed `next()` the host renders `invalid` as an error summary, which gets focus; from then on the
 * summary follows the fields: a field fixed leaves it (checked again on `change`), and labels and messages
 * follow a locale switch, in form order. On a step change focus moves to the new step's heading
 * (`[data-step-heading]`) and `tk-step-change` fires.
 *
 * Each step change is a browser history entry (a key of its own per wizard in `history.state`, beside
 * whatever else the page keeps there), so Back goes to the previous step; `popstate` shows the step without
 * a new entry. Same-document entries: no `beforeunload`. `edit(id)` opens a step from
 * the review, and the next `next()` returns there ("check your answers").
 */
export class WizardController implements ReactiveController {
  index = 0;
  invalid: InvalidField[] = [];
  /** The step `edit()` left, and the steps then: `next()` returns to it while they are the same. */
  private returnTo: [string, string] | undefined;
  private readonly key = `tk-wizard-${wizards++}`;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly steps: () => WizardStep[],
    private readonly extraValidation: (step: WizardStep) => InvalidField[] = () => [],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('popstate', this.onPopState);
    this.host.addEventListener('change', this.recheck);
  }

  hostDisconnected(): void {
    removeEventListener('popstate', this.onPopState);
  }

  /** After a locale switch the controls carry new labels and messages (a render later): the summary follows. */
  hostUpdated(): void {
    const text = (list: InvalidField[]) => list.map((f) => f.label + f.message).join();
    const fresh = (this.invalid as (InvalidField & { control: Validatable })[]).map(({ control: c, label, message }) => ({ control: c, label: c.label || label, message: c.shownError || message }));
    if (text(fresh) !== text(this.invalid)) {
      this.invalid = fresh;
      this.host.requestUpdate();
    }
  }

  get step(): WizardStep {
    return this.steps()[this.index]!;
  }
  get isFirst(): boolean {
    return this.index === 0;
  }
  get isLast(): boolean {
    return this.index === this.steps().length - 1;
  }

  private get root(): ParentNode {
    return this.host.shadowRoot ?? this.host;
  }
  private find(selector: string): HTMLElement | null {
    return this.root.querySelector(selector);
  }

  private get ids(): string {
    return this.steps().map((s) => s.id).join();
  }

  /**
   * Checks the controls of the current step (those inside `[data-step="<id>"]`), or only `only`; the problems
   * in form order.
   */
  validate(only?: Set<HTMLElement>): InvalidField[] {
    const container = this.find(`[data-step="${this.step.id}"]`) ?? this.root;
    const found = new Map<HTMLElement, InvalidField>();
    for (const control of container.querySelectorAll<Validatable>('[name]')) {
      if ((only && !only.has(control)) || typeof control.checkValidity !== 'function' || control.checkValidity()) continue;
      // checkValidity() fired `invalid`, which marks the control as touched so its message shows.
      found.set(control, { control, label: control.label || control.getAttribute('name')!, message: control.validationMessage });
    }
    for (const f of this.extraValidation(this.step)) if (!found.has(f.control) && (!only || only.has(f.control))) found.set(f.control, f);
    return [...found.values()].sort((a, b) => (a.control.compareDocumentPosition(b.control) & 2 /* b precedes a */ ? 1 : -1));
  }

  /** While the summary shows, a changed field is checked again once it has taken its new value. */
  private recheck = (): void => {
    if (this.invalid.length) {
      setTimeout(() => {
        this.invalid = this.validate(new Set(this.invalid.map((f) => f.control)));
        this.host.requestUpdate();
      });
    }
  };

  async next(): Promise<boolean> {
    this.invalid = this.validate();
    if (this.invalid.length > 0) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.find('[data-error-summary]')?.focus();
      return false;
    }
    const [back, ids] = this.returnTo ?? [];
    if (back && ids === this.ids) await this.goTo(back);
    else if (!this.isLast) await this.goTo(this.index + 1);
    return true;
  }

  back(): Promise<void> {
    return this.isFirst ? Promise.resolve() : this.goTo(this.index - 1);
  }

  /** Opens a step to change it (from the review): the next successful `next()` comes back to this step. */
  async edit(id: string): Promise<void> {
    const from: [string, string] = [this.step.id, this.ids];
    await this.goTo(id);
    this.returnTo = from;
  }

  /** Shows a step (by index or id) and moves focus to its heading; `push: false` adds no history entry. */
  async goTo(index: number | string, push = true): Promise<void> {
    const steps = this.steps();
    const target = typeof index === 'string' ? steps.findIndex((s) => s.id === index) : index;
    if (target < 0 || target >= steps.length) return;
    if (push && target !== this.index) {
      history.replaceState({ ...history.state, [this.key]: this.index }, '');
      history.pushState({ ...history.state, [this.key]: target }, '');
    }
    this.index = target;
    this.invalid = [];
    this.returnTo = undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.find('[data-step-heading]')?.focus();
    this.host.dispatchEvent(new TkStepChangeEvent({ step: this.step.id, index: this.index, count: steps.length }));
  }

  /**
   * Back and forward of the browser, within this wizard's entries. The entry it started on got its key too
   * (`replaceState` before the first push): an entry without one is someone else's (a router's) and changes nothing.
   */
  private onPopState = (event: PopStateEvent): void => {
    const index = (event.state as Record<string, number> | null)?.[this.key] ?? this.index;
    if (index !== this.index) void this.goTo(index, false);
  };
}
