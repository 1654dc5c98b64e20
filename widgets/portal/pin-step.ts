import type { ReactiveControllerHost } from 'lit';
import type { PinChallenge } from '../../contract/portal.js';
import type { PinController, PinFlow } from '../core/pin.js';
import type { PortalForm } from './form.js';

type PinModule = typeof import('../core/pin.js');
let pin: PinModule | undefined;
const load = async (): Promise<PinModule> => (pin ??= await import('../core/pin.js'));

/**
 * A portal widget's SMS PIN step (`core/pin.ts`). Its code is not part of the page: it is fetched
 * alongside the widget's first request for a code (`prepare`), so it is there when the code is.
 */
export class PortalPin<Step extends string, T> {
  controller: PinController<T> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly form: PortalForm<Step>,
    private readonly flow: Omit<PinFlow<T>, 't'>,
  ) {}

  /** Starts fetching the step's code; call it when sending the request that sends a code. */
  prepare(): void {
    void load();
  }

  /** Shows the step `step` for a challenge a request returned. */
  async start(challenge: PinChallenge, step: Step): Promise<void> {
    const { PinController } = await load();
    this.controller ??= new PinController(this.host, this.form.i18n, this.form.submit, { ...this.flow, t: this.form.t });
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
