import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Locale } from '../../contract/enums.js';
import type { FactorKind, WebauthnCeremony } from '../../contract/factors.js';
import { factorErrorMessages } from '../../contract/messages/factor-errors.js';

/**
 * A recovery code's shape (`normalizeRecoveryCode` in contract/factors.ts, which brings zod along): 12 of
 * the 32 characters without look-alikes, hyphens and spaces ignored.
 */
const isRecoveryCode = (value: string) => /^[A-HJ-NP-Z2-9]{12}$/.test(value.toUpperCase().replace(/[\s-]/g, ''));
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

/** The texts of the other factors' steps and of "use another method" (the login's code step). */
export type FactorKey =
  | 'totp.title'
  | 'totp.intro'
  | 'totp'
  | 'totp.hint'
  | 'recovery.title'
  | 'recovery.intro'
  | 'recovery'
  | 'recovery.hint'
  | 'passkey.title'
  | 'passkey.intro'
  | 'passkey.use'
  | 'passkey.failed'
  | 'passkey.unsupported'
  | 'factor.other'
  | 'factor.passkey'
  | 'factor.passkey.line'
  | 'factor.totp'
  | 'factor.totp.line'
  | 'factor.sms'
  | 'factor.sms.line'
  | 'factor.recovery'
  | 'factor.recovery.line'
  | 'factor.switched'
  | 'factor.locked';

/**
 * A code step's challenge: an SMS PIN's (`sentTo`), or a login step that names its factor, the account's
 * other factors ("use another method") and, for a passkey, the ceremony to run.
 */
export type CodeChallenge = Omit<PinChallenge, 'sentTo'> & {
  sentTo: string | null;
  factor?: FactorKind;
  factors?: FactorKind[];
  passkey?: WebauthnCeremony | null;
};

type Send = Required<Pick<CallOptions, 'signal' | 'idempotencyKey'>>;

/** What a flow plugs into the PIN step: its texts and its two routes, and what follows the right code. */
export interface PinFlow<T> {
  t: (key: PinKey, params?: Record<string, string | number>) => string;
  /** The other factors' texts, for a flow whose challenges name a factor; default `t` (its catalogue holds both). */
  ft?: (key: FactorKey, params?: Record<string, string | number>) => string;
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
  challenge: CodeChallenge | undefined;
  /** The code as typed. */
  code = '';
  /** Shown at the code field. */
  error = '';
  /** The step's live region. */
  news = '';
  /** The code can no longer be used (too many wrong tries, expired, replaced): only a new one helps. */
  dead = false;
  private announceReady = false;
  /**
   * The factor the server opened the step for: an app's step takes recovery codes too, so switching between
   * the two on it is local, both ways; a step the server opened for recovery codes needs a request for the app.
   */
  private opened: FactorKind | undefined;
  /** Until a new code may be asked for; when a refused resend's wait is over, the live region says so. */
  private readonly wait: Countdown;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly i18n: KitController,
    private readonly submit: SubmitController,
    private readonly flow: PinFlow<T>,
  ) {
    host.addController(this);
    // The second factors' field errors come with this step, not with the page (a missing file leaves German).
    factorErrorMessages.load(i18n.locale).then(() => host.requestUpdate(), () => undefined);
    this.wait = new Countdown(host, () => {
      if (this.announceReady) this.news = this.t('pin.available');
    });
  }

  get t(): PinFlow<T>['t'] {
    return this.flow.t;
  }

  get ft(): NonNullable<PinFlow<T>['ft']> {
    return this.flow.ft ?? (this.flow.t as unknown as NonNullable<PinFlow<T>['ft']>);
  }

  /** What the step asks for: the SMS PIN unless the challenge names another factor. */
  get factor(): FactorKind {
    return this.challenge?.factor ?? 'sms';
  }

  /** The account's other factors, strongest first, for "use another method". */
  get others(): FactorKind[] {
    return (this.challenge?.factors ?? []).filter((f) => f !== this.factor);
  }

  hostConnected(): void {}

  /** Seconds until a new code may be asked for; 0 when it may. */
  get secondsLeft(): number {
    return this.wait.seconds;
  }

  /** Starts (or restarts) the step with the challenge a flow's request returned (`local`: the same step, switched here). */
  start(challenge: CodeChallenge, local = false): void {
    if (!local) this.opened = challenge.factor;
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
    const factor = this.factor;
    const problem = !pin.trim()
      ? 'required'
      : factor === 'totp'
        ? /^\d{6}$/.test(pin.replace(/\s/g, '')) ? '' : 'totp_format'
        : factor === 'recovery'
          ? isRecoveryCode(pin) ? '' : 'recovery_format'
          : isPin(pin) ? '' : 'pin_format';
    this.news = '';
    if (problem) {
      this.error = this.flow.explain?.(problem) ?? this.message(problem);
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
      ? wrong.message || this.message(wrong.code)
      : error instanceof TkApiError && error.code === 'pin_locked'
        ? this.factor === 'sms' ? this.t('pin.locked') : this.ft('factor.locked')
        : this.submit.message());
    if (left !== undefined) this.news = this.t(left === 1 ? 'pin.attemptLeft' : 'pin.attemptsLeft', { n: left });
    this.host.requestUpdate();
    // Nothing left to try with this code: the way on is a new one.
    if (this.dead && !this.secondsLeft) await this.focus(() => (this.host.shadowRoot ?? this.host).querySelector<HTMLElement>('[data-pin-resend]'));
  }

  /** A field error code's sentence: the second factors' catalogue (loaded with this step), else the shared one. */
  private message(code: string): string {
    const texts: Record<string, string> = factorErrorMessages.texts(this.i18n.locale);
    return texts[code] ?? errorMessage(this.i18n.locale, code);
  }

  // The passkey step and "use another method" exist only in the login (its steps name the account's
  // factors), so their two routes are here rather than in every flow: the login page's code stays small.

  /**
   * The passkey step: the ceremony in the challenge, then its answer. A cancelled ceremony changes nothing;
   * any other failure (this browser cannot, the device refused) says so in the step's alert.
   */
  async usePasskey(): Promise<void> {
    const kit = this.i18n.kit;
    const ceremony = this.challenge?.passkey;
    if (this.submit.busy || !kit || !ceremony) return;
    this.error = '';
    this.host.requestUpdate();
    const { get, failure } = await import('../portal/passkey.js');
    let credential: Awaited<ReturnType<typeof get>>;
    try {
      credential = await get(ceremony.options);
    } catch (error) {
      this.error = this.ft(failure(error) === 'unsupported' ? 'passkey.unsupported' : 'passkey.failed');
      this.host.requestUpdate();
      return;
    }
    if (!credential) return;
    const json = { challengeId: ceremony.challengeId, credential };
    const result = (await this.submit.run((o) => kit.api.call((rpc, opts) => rpc.v1.sessions.passkey.$post({ json }, opts), o))) as T | undefined;
    if (result !== undefined) {
      this.stop();
      await this.flow.verified(result);
      return;
    }
    this.error = this.submit.message();
    this.host.requestUpdate();
  }

  /** "Use another method": a new step for `factor`; focus goes to its heading, the live region names it once. */
  async choose(factor: FactorKind): Promise<void> {
    const kit = this.i18n.kit;
    if (this.submit.busy || !this.challenge || !kit) return;
    const json = { challengeId: this.challenge.challengeId, factor };
    // An app's step takes a recovery code too (the BFF checks either): between the two on it, the same
    // step, no request, no step used up — back to the app as well.
    const local = this.opened === 'totp' && (factor === 'recovery' || factor === 'totp');
    const next = local
      ? { ...this.challenge, factor }
      : await this.submit.run((o) => kit.api.call((rpc, opts) => rpc.v1.sessions.factor.$post({ json }, opts), o));
    if (!next) {
      this.error = this.submit.message();
      this.host.requestUpdate();
      return;
    }
    this.start(next, local);
    this.news = this.ft('factor.switched', { name: this.ft(`factor.${next.factor ?? 'sms'}`) });
    this.host.requestUpdate();
    await this.focus(() => (this.host.shadowRoot ?? this.host).querySelector<HTMLElement>('[data-heading]'));
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
  const { t, ft, factor } = pin;
  const wait = pin.secondsLeft;
  const submit = (e: Event) => {
    e.preventDefault();
    void pin.verify();
  };
  const sms = factor === 'sms';
  const title = sms ? t('pin.title') : ft(`${factor}.title`);
  const intro = sms ? t('pin.intro', { to: pin.challenge?.sentTo ?? '' }) : ft(`${factor}.intro`);
  const others = pin.others;
  return html`<form novalidate @submit=${submit}>
    ${o.heading(title)}
    <p>${intro}</p>
    ${factor === 'passkey' ? (pin.error ? html`<p class="pin-error" role="alert">${pin.error}</p>` : nothing) : html`<slot></slot>`}
    <p class="pin-news" role="status">${pin.news}</p>
    <div class="actions">
      ${factor === 'passkey'
        ? html`<tk-button ?busy=${o.busy} @click=${() => pin.usePasskey()}>${ft('passkey.use')}</tk-button>`
        : pin.dead
          ? nothing
          : html`<tk-button type="submit" ?busy=${o.busy}>${t('pin.submit')}</tk-button>`}
      ${sms
        ? html`<tk-button variant=${pin.dead ? 'primary' : 'secondary'} ?disabled=${wait > 0} data-pin-resend @click=${() => pin.resend()}
            >${wait ? t('pin.resendIn', { time: clock(wait) }) : t('pin.resend')}</tk-button
          >`
        : nothing}
      <tk-button variant="link" @click=${o.back}>${t('back')}</tk-button>
    </div>
    ${others.length
      ? html`<div class="factors" role="group" aria-labelledby="other-factors">
          <p id="other-factors"><strong>${ft('factor.other')}</strong></p>
          ${others.map(
            // Not a list: its indent would push a long name ("Wiederherstellungscode") past 320 px, and CSS for it would cost the login page.
            (f) => html`<p>
              <tk-button variant="secondary" data-factor=${f} @click=${() => pin.choose(f)}>${ft(`factor.${f}`)}</tk-button><br />${ft(`factor.${f}.line`)}
            </p>`,
          )}
        </div>`
      : nothing}
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
  const { factor, ft } = pin;
  if (factor === 'passkey') return nothing;
  if (factor === 'recovery') {
    return html`<form novalidate @submit=${submit}><tk-text-field
      credential
      name="pin"
      label=${ft('recovery')}
      hint=${ft('recovery.hint')}
      autocomplete="off"
      maxlength="14"
      required
      .value=${pin.code}
      .error=${pin.error}
      @input=${pin.onInput}
    ></tk-text-field></form>`;
  }
  return html`<form novalidate @submit=${submit}><tk-text-field
    credential
    name="pin"
    label=${factor === 'totp' ? ft('totp') : pin.t('pin')}
    hint=${factor === 'totp' ? ft('totp.hint') : pin.t('pin.hint')}
    autocomplete="one-time-code"
    inputmode="numeric"
    maxlength="7"
    required
    .value=${pin.code}
    .error=${pin.error}
    @input=${pin.onInput}
  ></tk-text-field></form>`;
}
