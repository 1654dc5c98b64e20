import type { ReactiveControllerHost } from 'lit';
import type { CodeChallenge, PinController, PinFlow } from '../core/pin.js';
import type { PortalForm } from './form.js';

type PinModule = typeof import('../core/pin.js');
type Texts = typeof import('./pin-step.messages.js');
let pin: PinModule | undefined;
let texts: Texts | undefined;
const load = async (): Promise<[PinModule, Texts]> => {
  [pin, texts] = await Promise.all([pin ?? import('../core/pin.js'), texts ?? import('./pin-step.messages.js')]);
  return [pin, texts];
};

/**
 * A portal widget's SMS PIN step (`core/pin.ts`). Its code and its texts (`pin-step.messages.ts`) are not
 * part of the page: they are fetched alongside the widget's first request for a code (`prepare`), so they
 * are there when the code is.
 */
export class PortalPin<Step extends string, T> {
  controller: PinController<T> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly form: PortalForm<Step>,
    private readonly flow: Omit<PinFlow<T>, 't' | 'ft'>,
  ) {}

  /** Starts fetching the step's code; call it when sending the request that sends a code. */
  prepare(): void {
    void load().then(([, { pinStepMessages }]) => pinStepMessages.load(this.form.i18n.locale)).catch(() => undefined);
  }

  /** Shows the step `step` for a challenge a request returned. */
  async start(challenge: CodeChallenge, step: Step): Promise<void> {
    const [{ PinController }, { pinStepMessages }] = await load();
    const { i18n } = this.form;
    await pinStepMessages.load(i18n.locale).catch(() => undefined); // a missing file leaves German
    // Its catalogue holds the other factors' texts too: `t` serves for both (see `PinFlow.ft`).
    this.controller ??= new PinController(this.host, i18n, this.form.submit, { ...this.flow, t: (key, params) => pinStepMessages.t(i18n.locale, key, params) });
    this.controller.start(challenge);
    await this.form.go(step);
  }

  /** The step, for the shadow root; `back` leaves it. */
  render(back: () => void) {
    return pin!.renderPinStep(this.controller!, { heading: this.form.heading, back, busy: this.form.submit.busy });
  }

  /** The code field, for the light DOM. */
  field() {
    return pin!.renderPinField(this.controller!);
  }
}
