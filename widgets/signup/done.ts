import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { TkApiError } from '../core/api.js';
import type { KitController } from '../core/kit.js';
import { wt } from '../primitives/wizard.messages.js';
import { SubmitController } from '../core/submit.js';
import { type DoneKey, doneMessages } from './done.messages.js';

/** What `POST /v1/signups` answered: the handle stays in memory, never in storage. */
export interface CreatedSignup {
  id: string;
  email: string;
  /** `null` when the answer was a replay (the handle is never stored): then only the e-mail's link helps. */
  handle: string | null;
}

/** `m:ss`, for the countdown on the button. */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/**
 * The signup's done screen, without dead ends: "send the e-mail again" (a countdown from the server's
 * `retryAfter` / `Retry-After`, the button disabled until then) and "wrong address? change it" (an inline
 * field; the old link stops working, a new one goes to the new address). Each outcome is one banner.
 */
export class SignupDone implements ReactiveController {
  signup: CreatedSignup | undefined;
  private editing = false;
  private banner: { variant: 'success' | 'info' | 'error'; text: string } | undefined;
  private until = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly submit: SubmitController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly i18n: KitController,
  ) {
    host.addController(this);
    this.submit = new SubmitController(host, i18n);
  }

  /** Shows the screen for the signup just stored, once its texts are there in the user's language. */
  async start(signup: CreatedSignup): Promise<void> {
    this.signup = { ...signup };
    await doneMessages.load(this.i18n.locale).catch(() => undefined);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  /** The done screen's texts; a locale chosen after the order loads here, then the screen renders again. */
  private t = (key: DoneKey, params?: Record<string, string | number>) => {
    const { locale } = this.i18n;
    if (!doneMessages.has(locale)) void doneMessages.load(locale).then(() => this.host.requestUpdate(), () => undefined);
    return doneMessages.t(locale, key, params);
  };

  private get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.until - Date.now()) / 1000));
  }

  private wait(seconds: number): void {
    this.until = Date.now() + seconds * 1000;
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      if (!this.secondsLeft) clearInterval(this.timer);
      this.host.requestUpdate();
    }, 1000);
  }

  private async focus(selector: string): Promise<void> {
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Runs a call to the signup's route; a refusal with `Retry-After` starts the countdown. */
  private async send<T extends { retryAfter: number }>(call: Parameters<SubmitController['run']>[0]): Promise<T | undefined> {
    this.banner = undefined;
    const result = (await this.submit.run(call)) as T | undefined;
    if (result) {
      this.wait(result.retryAfter);
      return result;
    }
    const error = this.submit.error;
    if (error instanceof TkApiError && error.fieldErrors.size) return undefined;
    if (error instanceof TkApiError && error.status === 429 && error.retryAfter) {
      this.wait(error.retryAfter);
      this.banner = { variant: 'info', text: this.t('done.wait', { time: clock(error.retryAfter) }) };
    } else this.banner = { variant: 'error', text: this.submit.message() };
    this.host.requestUpdate();
    return undefined;
  }

  private async resend(): Promise<void> {
    const { signup } = this;
    const kit = this.i18n.kit;
    if (!signup || !kit || this.secondsLeft) return;
    const sent = await this.send((o) =>
      kit.api.call((rpc, opts) => rpc.v1.signups[':id'].resend.$post({ param: { id: signup.id }, json: { handle: signup.handle! } }, opts), o),
    );
    if (sent) this.banner = { variant: 'success', text: this.t('done.sent', { email: signup.email }) };
    // The button is disabled now: focus stays in the screen, on what can still be done.
    await this.focus('[data-done-change]');
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const { signup } = this;
    const kit = this.i18n.kit;
    const field = this.host.shadowRoot?.querySelector<HTMLElement & { value: string; error: string; checkValidity(): boolean; validationMessage: string }>('[name="email"]');
    if (!signup || !kit || !field) return;
    field.error = field.checkValidity() ? '' : field.validationMessage;
    if (field.error) return field.focus();
    const changed = await this.send<{ email: string; retryAfter: number }>((o) =>
      kit.api.call((rpc, opts) => rpc.v1.signups[':id'].email.$post({ param: { id: signup.id }, json: { handle: signup.handle!, email: field.value } }, opts), o),
    );
    if (!changed) return field.error ? field.focus() : undefined;
    signup.email = changed.email;
    this.editing = false;
    this.banner = { variant: 'success', text: this.t('done.changed', { email: changed.email }) };
    await this.focus('[data-done-change]');
  }

  private async toggle(open: boolean): Promise<void> {
    this.editing = open;
    this.host.requestUpdate();
    await this.focus(open ? '[name="email"]' : '[data-done-change]');
  }

  render(heading: TemplateResult) {
    const { signup, banner } = this;
    if (!signup) return nothing;
    const wait = this.secondsLeft;
    return html`<div class="done">
      ${heading}
      <tk-alert variant="success"><p>${this.t('done.text', { email: signup.email })}</p><p>${this.t('done.spam')}</p></tk-alert>
      ${banner ? html`<tk-alert variant=${banner.variant}><p>${banner.text}</p></tk-alert>` : nothing}
      ${!signup.handle
        ? nothing
        : this.editing
        ? html`<form novalidate @submit=${(e: Event) => this.save(e)}>
            <tk-text-field name="email" type="email" autocomplete="email" required label=${this.t('done.email')} .value=${signup.email}></tk-text-field>
            <div class="actions">
              <tk-button variant="secondary" @click=${() => this.toggle(false)}>${wt(this.i18n, 'wizard.back')}</tk-button>
              <tk-button type="submit" ?busy=${this.submit.busy}>${this.t('done.save')}</tk-button>
            </div>
          </form>`
        : html`<div class="actions">
            <tk-button variant="secondary" ?disabled=${wait > 0} ?busy=${this.submit.busy} @click=${() => this.resend()}
              >${wait ? this.t('done.resendIn', { time: clock(wait) }) : this.t('done.resend')}</tk-button
            >
            <tk-button variant="link" data-done-change @click=${() => this.toggle(true)}>${this.t('done.change')}</tk-button>
          </div>`}
    </div>`;
  }
}
