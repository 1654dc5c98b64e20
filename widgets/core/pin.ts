import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Locale } from '../../contract/enums.js';
import type { PinChallenge } from '../../contract/portal.js';
import { isPin } from '../../contract/rules.js';
import { type CallOptions, TkApiError } from './api.js';
import type { Kit } from './context.js';
import { Countdown } from './countdown.js';
import { errorMessage } from './i18n/index.js';
import type { KitController } from './kit.js';
import { formatWait, type SubmitController } from './submit.js';
import '../primitives/button.js';
import '../primitives/text-field.js';

/** The PIN step's texts, from the catalogue of the flow that uses it. */
export type PinKey =
  | 'pin.title'
  | 'pin.intro'
  | 'pin'
  | 'pin.hint'
  | 'pin.submit'
  | 'pin.resend'
  | 'pin.resendIn'
  | 'pin.resent'
  | 'pin.attemptsLeft'
  | 'pin.attemptLeft'
  | 'pin.locked'
  | 'pin.limited'
  | 'pin.available'
  | 'back';

type Send = Required<Pick<CallOptions, 'signal' | 'idempotencyKey'>>;

/** What a flow plugs into the PIN step: its texts and its two routes, and what follows the right code. */
export interface PinFlow<T> {
  t: (key: PinKey, params?: Record<string, string | number>) => string;
  verify(kit: Kit, answer: { challengeId: string; pin: string }, options: Send): Promise<T>;
  resend(kit: Kit, challengeId: string, options: Send): Promise<PinChallenge>;
  /** The code was right: the flow goes on with the route's answer. */
  verified(result: T): void | Promise<void>;
  /** Seconds after a code was sent before another may be asked for (default 30). */
  resendDelay?: number;
  /**
   * The flow's own sentence for a refused code, by code (`pin_format`, `pin_wrong`, `pin_locked`,
   * `pin_superseded`, …): where the code came from differs per flow. Undefined: the shared sentence.
   */
  explain?(code: string): string | undefined;
}

/** `m:ss`, for the countdown on the button. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * The SMS PIN step of any flow: the code, its check, a new code with a visible countdown (the server's
 * `Retry-After` after a refused resend, else `resendDelay` after each send), the tries left, and a
 * locked state that says what to do. Errors show at the code field; news (a new code went out, how many
 * tries are left, when the next code may be asked for) go to the step's one live region, each once.
 * Render it with `renderPinStep` (shadow root) and `renderPinField` (light DOM, for SMS autofill and
 * password managers).
 */
export class PinController<T> implements ReactiveController {
  challenge: PinChallenge | undefined;
  /** The code as typed. */
  code = '';
  /** Shown at the code field. */
  error = '';
  /** The step's live region. */
  news = '';
  /** The code can no longer be used (too many wrong tries, expired, replaced): only a new one helps. */
  dead = false;
  private announceReady = false;
  /** Until a new code may be asked for; when a refused resend's wait is over, the live region says so. */
  private readonly wait: Countdown;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly i18n: KitController,
    private readonly submit: SubmitController,
    private readonly flow: PinFlow<T>,
  ) {
    host.addController(this);
    this.wait = new Countdown(host, () => {
      if (this.announceReady) this.news = this.t('pin.available');
    });
  }

  get t(): PinFlow<T>['t'] {
    return this.flow.t;
  }

  hostConnected(): void {}

  /** Seconds until a new code may be asked for; 0 when it may. */
  get secondsLeft(): number {
    return this.wait.seconds;
  }

  /** Starts (or restarts) the step with the challenge a flow's request returned. */
  start(challenge: PinChallenge): void {
    this.challenge = challenge;
    this.code = '';
    this.error = '';
    this.news = '';
    this.dead = false;
    this.announceReady = false;
    this.wait.start(this.flow.resendDelay ?? 30);
  }

  /** Leaves the step: no more ticking. */
  stop(): void {
    this.challenge = undefined;
    this.wait.hostDisconnected();
  }

  /** The typed code changed: an error about the previous one no longer applies. */
  readonly onInput = (event: Event): void => {
    this.code = (event.currentTarget as HTMLInputElement).value;
    this.error = '';
  };

  async verify(): Promise<void> {
    const kit = this.i18n.kit;
    if (this.submit.busy || !this.challenge || !kit) return;
    const pin = this.code;
    const problem = !pin.trim() ? 'required' : isPin(pin) ? '' : 'pin_format';
    this.news = '';
    if (problem) {
      this.error = this.flow.explain?.(problem) ?? errorMessage(this.i18n.locale, problem);
      this.host.requestUpdate();
      return;
    }
    const { challengeId } = this.challenge;
    const result = await this.submit.run((o) => this.flow.verify(kit, { challengeId, pin }, o));
    if (result !== undefined) {
      this.stop();
      await this.flow.verified(result);
      return;
    }
    const error = this.submit.error;
    const wrong = error instanceof TkApiError ? error.fieldErrors.get('pin') : undefined;
    const left = error instanceof TkApiError ? error.problem.attemptsLeft : undefined;
    this.dead = error instanceof TkApiError && /^pin_(locked|expired|used|superseded)$/.test(error.code);
    this.error =
      this.flow.explain?.(wrong?.code ?? (error instanceof TkApiError ? error.code : '')) ??
      (wrong
      ? wrong.message || errorMessage(this.i18n.locale, wrong.code)
      : error instanceof TkApiError && error.code === 'pin_locked'
        ? this.t('pin.locked')
        : this.submit.message());
    if (left !== undefined) this.news = this.t(left === 1 ? 'pin.attemptLeft' : 'pin.attemptsLeft', { n: left });
    this.host.requestUpdate();
    // Nothing left to try with this code: the way on is a new one.
    if (this.dead && !this.secondsLeft) await this.focus(() => (this.host.shadowRoot ?? this.host).querySelector<HTMLElement>('[data-pin-resend]'));
  }

  async resend(): Promise<void> {
    const kit = this.i18n.kit;
    if (this.submit.busy || !this.challenge || !kit || this.secondsLeft) return;
    const { challengeId } = this.challenge;
    const next = await this.submit.run((o) => this.flow.resend(kit, challengeId, o));
    if (next) {
      this.start(next);
      this.news = this.t('pin.resent', { to: next.sentTo });
      this.host.requestUpdate();
      // The button is disabled now: focus goes where the new code is typed.
      await this.focus(() => this.host.querySelector<HTMLElement>('tk-text-field[autocomplete="one-time-code"]'));
      return;
    }
    const error = this.submit.error;
    if (error instanceof TkApiError && error.retryAfter) {
      this.wait.start(error.retryAfter);
      this.announceReady = true;
      this.news = this.t('pin.limited', { time: formatWait(error.retryAfter, this.i18n.locale) });
    } else this.error = this.submit.message();
    this.host.requestUpdate();
  }

  private async focus(target: () => HTMLElement | null): Promise<void> {
    await this.host.updateComplete;
    const el = target() as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await el?.updateComplete;
    el?.focus();
  }
}

/**
 * The PIN step in a widget's shadow root: heading, where the code went, the slot of the code field, the
 * live region, confirm, a new code (with its countdown) and back.
 */
export function renderPinStep(pin: PinController<unknown>, o: { heading: (text: string) => TemplateResult; back: () => void; busy: boolean }) {
  const { t } = pin;
  const wait = pin.secondsLeft;
  const submit = (e: Event) => {
    e.preventDefault();
    void pin.verify();
  };
  return html`<form novalidate @submit=${submit}>
    ${o.heading(t('pin.title'))}
    <p>${t('pin.intro', { to: pin.challenge?.sentTo ?? '' })}</p>
    <slot></slot>
    <p class="pin-news" role="status">${pin.news}</p>
    <div class="actions">
      ${pin.dead ? nothing : html`<tk-button type="submit" ?busy=${o.busy}>${t('pin.submit')}</tk-button>`}
      <tk-button variant=${pin.dead ? 'primary' : 'secondary'} ?disabled=${wait > 0} data-pin-resend @click=${() => pin.resend()}
        >${wait ? t('pin.resendIn', { time: clock(wait) }) : t('pin.resend')}</tk-button
      >
      <tk-button variant="link" @click=${o.back}>${t('back')}</tk-button>
    </div>
  </form>`;
}

/**
 * The code field, for the widget's light DOM, in a form of its own: SMS autofill and password managers
 * look for it there. Enter in it confirms the code.
 */
export function renderPinField(pin: PinController<unknown>) {
  const submit = (e: Event) => {
    e.preventDefault();
    void pin.verify();
  };
  return html`<form novalidate @submit=${submit}><tk-text-field
    credential
    name="pin"
    label=${pin.t('pin')}
    hint=${pin.t('pin.hint')}
    autocomplete="one-time-code"
    inputmode="numeric"
    maxlength="7"
    required
    .value=${pin.code}
    .error=${pin.error}
    @input=${pin.onInput}
  ></tk-text-field></form>`;
}
