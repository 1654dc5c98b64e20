import { html, LitElement, nothing } from 'lit';
import type { Kit, Session } from '../core/context.js';
import { errorSummaryStyles } from '../core/error-summary.styles.js';
import { TkCompleteEvent } from '../core/events.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { pinStyles } from '../core/pin.styles.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../primitives/button.js';
import { PortalForm } from './form.js';
import { PortalPin } from './pin-step.js';
import { portalStyles } from './portal.styles.js';

export type LoginStep = 'credentials' | 'pin' | 'forgot' | 'forgot-sent' | 'done';

/** The "forgot password" steps (`forgot.ts`, with their texts): loaded when chosen, kept for every login on the page. */
let forgotSteps: typeof import('./forgot.js') | undefined;
/** Passkey sign-in (`passkey.ts`): loaded after the first render where the browser has WebAuthn. */
let passkey: typeof import('./passkey.js') | undefined;

/**
 * Portal login: username and password, then the account's strongest second factor (passkey,
 * authenticator app, SMS PIN or recovery code, with "use another method"); "forgot password" in the same
 * place. Where the tenant's passkeys work on this page, a passkey alone signs in: from the username
 * field's autofill (`autocomplete="username webauthn"`) or with "Mit Passkey anmelden" (`passkey.ts`,
 * loaded after the first render). Place it in the document, not inside another shadow root, for passkey
 * autofill. The username, password and code inputs are in the light DOM, so that password managers can
 * save and fill them; everything else is in its shadow root. The session goes to the kit, for every
 * widget of the provider.
 *
 * @tag tk-login
 * @slot - the credential fields it renders itself (do not fill)
 * @fires tk-complete - `{ user }` after the second factor (or a passkey): the session is set on the provider
 * @fires tk-error - when a request fails (wrong password, wrong PIN, locked, offline)
 */
export class TkLogin extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, pinStyles, portalStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
    revealed: { state: true },
  };

  /** Level of the widget's heading (default 2), to fit the page's outline. */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  private declare revealed: boolean;

  private readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly form = new PortalForm<LoginStep>(this, this.i18n, 'credentials');
  private readonly pin = new PortalPin<LoginStep, Session>(this, this.form, {
    verify: (kit, answer, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.verify.$post({ json: answer }, opts), o),
    resend: (kit, challengeId, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.resend.$post({ json: { challengeId } }, opts), o),
    verified: (session) => this.loggedIn(session),
  });

  constructor() {
    super();
    this.headingLevel = 2;
    this.revealed = false;
  }

  private async login(e: Event) {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const { username = '', password = '' } = form.values;
    const required = (v: string) => (v.trim() ? undefined : form.fieldError('required'));
    if (!(await form.check({ username: required(username), password: required(password) }))) return;
    this.pin.prepare();
    const challenge = await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.$post({ json: { username: username.trim(), password } }, opts), o));
    if (challenge) await this.pin.start(challenge, 'pin');
  }

  protected override updated() {
    if (window.PublicKeyCredential) void import('./passkey.js').then((m) => (passkey = m).autofill(this));
  }

  /** @internal */
  async loggedIn(session: Session) {
    this.i18n.kit?.setSession(session);
    this.form.values = {};
    await this.form.go('done');
    this.dispatchEvent(new TkCompleteEvent({ user: session.user }));
  }

  private async openForgot() {
    forgotSteps ??= await import('./forgot.js');
    await forgotSteps.load(this.form);
    await this.form.go('forgot');
  }

  /** Logs out at the BFF and ends the session for every widget of the kit. */
  private async logout() {
    const kit = this.i18n.kit;
    if (!kit?.session || this.form.submit.busy) return;
    await this.form.send((k, o) => k.api.call((rpc, opts) => rpc.v1.sessions.current.$delete({}, opts), { ...o, session: true }));
    kit.setSession(undefined, 'logout');
    await this.form.go('credentials', this.form.t('logout.done'));
  }

  protected override render() {
    const { form } = this;
    form.light.content = nothing;
    return form.ready ? html`${form.banner()}${this.step()}` : nothing;
  }

  private step() {
    const { form } = this;
    const t = form.t;
    const session = this.i18n.kit?.session;
    if (session && (form.step === 'done' || form.step === 'credentials')) {
      return html`${form.heading(t('login.title'))}
        <p role="status">${t('login.done', { name: session.user.displayName })}</p>
        <div class="actions"><tk-button variant="secondary" ?busy=${form.submit.busy} @click=${this.logout}>${t('logout')}</tk-button></div>`;
    }
    switch (form.step) {
      case 'pin':
        form.light.content = this.pin.field();
        return this.pin.render(() => form.go('credentials'));
      case 'forgot':
      case 'forgot-sent':
        return forgotSteps?.renderForgot(form, form.step);
      default:
        return this.renderCredentials();
    }
  }

  private renderCredentials() {
    const { form } = this;
    const t = form.t;
    const type = this.revealed ? 'text' : 'password';
    form.light.content = form.credentials(
      html`${form.credential({ name: 'username', label: t('login.name'), autocomplete: 'username webauthn' })}
      ${form.credential({ name: 'password', label: t('password'), autocomplete: 'current-password', type })}`,
      this.login,
    );
    return html`<form novalidate @submit=${this.login}>
      ${form.heading(t('login.title'))} ${form.summary({ username: t('login.name'), password: t('password') })}
      <p>${t('login.intro')}</p>
      ${form.legend()}
      <slot></slot>
      <tk-button variant="link" .pressed=${this.revealed} @click=${() => (this.revealed = !this.revealed)}>${t('password.show')}</tk-button>
      <div class="actions">
        <tk-button type="submit" ?busy=${form.submit.busy}>${t('login.submit')}</tk-button>
        <tk-button variant="link" @click=${this.openForgot}>${t('login.forgot')}</tk-button>
      </div>
      ${passkey?.button(this)}
    </form>`;
  }
}

defineOnce('tk-login', TkLogin);

declare global {
  interface HTMLElementTagNameMap {
    'tk-login': TkLogin;
  }
}
