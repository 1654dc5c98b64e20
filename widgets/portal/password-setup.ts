import { html, LitElement, nothing } from 'lit';
import { passwordLengthProblem } from '../../contract/rules.js';
import { TkApiError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCompleteEvent } from '../core/events.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { pinStyles } from '../core/pin.styles.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import { PortalForm } from './form.js';
import { type PasswordSetupKey, passwordSetupMessages } from './password-setup.messages.js';
import type { Enrolment, EnrolStep } from './enrol.js';
import { PortalPin } from './pin-step.js';
import { passwordSetupStyles } from './password-setup.styles.js';
import { portalStyles } from './portal.styles.js';

type Step = 'password' | 'pin' | EnrolStep | 'done';

/** The setup without a mobile number (`enrol.ts`, with its texts): loaded when the first step asks for it. */
let enrol: typeof import('./enrol.js') | undefined;

/**
 * The page behind an activation or reset link: a new password twice (12–128 characters, no
 * composition rules; the BFF also refuses common ones), confirmed with an SMS PIN; an account without a
 * mobile number adds a passkey or an authenticator app instead and gets its recovery codes (`enrol.ts`).
 * The password and code inputs are in the light DOM, with `autocomplete="new-password"`, so that
 * password managers offer and save a strong one. Without a key (on the BFF's own `/set-password` page)
 * the link alone authenticates.
 *
 * @tag tk-password-setup
 * @slot - the credential fields it renders itself (do not fill)
 * @fires tk-complete - `{ username }` once the password holds
 * @fires tk-error - when the link is invalid or expired, or a request fails
 */
export class TkPasswordSetup extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, pinStyles, portalStyles, passwordSetupStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
    token: {},
    username: {},
    loginUrl: { attribute: 'login-url' },
    revealed: { state: true },
  };

  /** Level of the widget's heading (default 2), to fit the page's outline. */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** The link's token; default: the `token` query parameter of the page. */
  declare token: string | undefined;
  /** The account's username, when the page knows it: password managers then save the new password under it. */
  declare username: string | undefined;
  /** Where "Log in now" leads after success; without it the widget says how to log in. */
  declare loginUrl: string | undefined;
  private declare revealed: boolean;
  private savedFor = '';
  private enrolment: Enrolment | undefined;

  private readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly form = new PortalForm<Step, PasswordSetupKey>(this, this.i18n, 'password', passwordSetupMessages);
  private readonly pin = new PortalPin<Step, { username: string }>(this, this.form, {
    verify: (kit, answer, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].verify.$post({ json: answer }, opts), o),
    resend: (kit, challengeId, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].resend.$post({ json: { challengeId } }, opts), o),
    verified: (done) => this.saved(done.username),
  });

  constructor() {
    super();
    this.headingLevel = 2;
    this.revealed = false;
  }

  private async saved(username: string) {
    this.savedFor = username;
    this.form.values = {};
    await this.form.go('done');
    this.dispatchEvent(new TkCompleteEvent({ username }));
  }

  private get linkToken(): string {
    return this.token ?? new URLSearchParams(location.search).get('token') ?? '';
  }

  private async start(e: Event) {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const { password = '', repeat = '' } = form.values;
    const length = password ? passwordLengthProblem(password) : 'required';
    const ok = await form.check({
      password: length && form.fieldError(length),
      repeat: !repeat ? form.fieldError('required') : repeat !== password ? form.fieldError('password_mismatch') : undefined,
    });
    if (!ok) return;
    const token = this.linkToken;
    this.pin.prepare();
    const challenge = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].$post({ json: { token, password } }, opts), o));
    if (!challenge) return;
    // With a mobile number the SMS PIN; without one, an account's app or recovery code (a reset), or a new factor.
    if (challenge.factor !== 'enrol') {
      const factor = challenge.factor as 'sms' | 'totp' | 'recovery';
      // An app's step also takes a recovery code: "another method" switches the field, not the step.
      await this.pin.start({ ...challenge, factor, factors: factor === 'totp' ? ['totp', 'recovery'] : [] }, 'pin');
    } else {
      enrol ??= await import('./enrol.js');
      await enrol.load(this.i18n.locale);
      this.enrolment = new enrol.Enrolment(this, challenge.challengeId, (step) =>
        step === 'done' ? this.saved(this.enrolment!.done!.username) : form.go(step),
      );
      await form.go('enrol');
    }
  }

  protected override render() {
    const { form } = this;
    const t = form.t;
    form.light.content = nothing;
    if (!form.ready) return nothing;
    if (!this.linkToken) {
      return html`${form.heading(t('setup.title'))}<tk-alert variant="error"><p>${t('setup.noToken')}</p></tk-alert>`;
    }
    if (form.step === 'pin') {
      form.light.content = this.pin.field();
      return this.pin.render(() => form.go('password'));
    }
    if (form.step === 'enrol' || form.step === 'app' || form.step === 'codes') {
      form.light.content = this.enrolment!.field(form.step);
      return this.enrolment!.render(form.step);
    }
    if (form.step === 'done') {
      return html`${form.heading(t('setup.title'))}
        <tk-alert variant="success"><p>${t('setup.done')}</p></tk-alert>
        ${this.loginUrl
          ? html`<p><tk-button href=${this.loginUrl}>${t('setup.loginNow')}</tk-button></p>`
          : html`<p>${t('setup.loginHint', { username: this.savedFor })}</p>`}`;
    }
    const error = form.submit.error;
    const linkBroken = error instanceof TkApiError && /^link_/.test(error.code);
    const type = this.revealed ? 'text' : 'password';
    form.light.content = form.credentials(
      html`${this.username ? html`<input type="text" name="username" autocomplete="username" .value=${this.username} readonly hidden />` : nothing}
      ${form.credential({ name: 'password', label: t('setup.password'), hint: t('password.hint'), autocomplete: 'new-password', type })}
      ${form.credential({ name: 'repeat', label: t('setup.repeat'), autocomplete: 'new-password', type })}`,
      this.start,
    );
    return html`<form novalidate @submit=${this.start}>
      ${form.heading(t('setup.title'))} ${form.summary({ password: t('setup.password'), repeat: t('setup.repeat') })}
      ${linkBroken ? html`<p>${t('setup.newLink')}</p>` : nothing}
      ${this.username ? html`<p>${t('setup.username', { username: this.username })}</p>` : nothing}
      <p>${t('setup.intro')}</p>
      ${form.legend()}
      <slot></slot>
      <tk-button variant="link" .pressed=${this.revealed} @click=${() => (this.revealed = !this.revealed)}>${t('password.show')}</tk-button>
      <div class="actions"><tk-button type="submit" ?busy=${form.submit.busy}>${t('setup.submit')}</tk-button></div>
    </form>`;
  }
}

defineOnce('tk-password-setup', TkPasswordSetup);

declare global {
  interface HTMLElementTagNameMap {
    'tk-password-setup': TkPasswordSetup;
  }
}
