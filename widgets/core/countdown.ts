import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A countdown to when something may be tried again (a resend after the server's `Retry-After`): the
 * host renders once a second while it runs, and `done` is called when it reaches zero. Shared by every
 * widget with a "send again" button.
 *
 * ```ts
 * readonly wait = new Countdown(this);
 * // on a 429: this.wait.start(error.retryAfter ?? 60);
 * html`<tk-button ?disabled=${this.wait.seconds > 0}>${this.wait.seconds ? `… (${this.wait.seconds})` : '…'}</tk-button>`
 * ```
 */
export class Countdown implements ReactiveController {
  private until = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called once when a started countdown reaches zero. */
    private readonly done?: () => void,
  ) {
    host.addController(this);
  }

  /** Seconds left; 0 when it is over (or never started). */
  get seconds(): number {
    return Math.max(0, Math.ceil((this.until - Date.now()) / 1000));
  }

  /** Starts (or restarts) counting down from `seconds`. */
  start(seconds: number): void {
    this.until = Date.now() + seconds * 1000;
    this.hostConnected();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    clearInterval(this.timer);
    if (!this.seconds) return;
    this.timer = setInterval(() => {
      if (!this.seconds) {
        this.hostDisconnected();
        this.done?.();
      }
      this.host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
