import { html, nothing } from 'lit';
import type { Session } from '../core/context.js';
import { TkCompleteEvent } from '../core/events.js';
import { defineOnce } from '../define.js';
import { PortalElement } from './form.js';

type Step = 'credentials' | 'pin' | 'forgot' | 'forgot-sent' | 'done';

/**
 * Portal login: username and password, then the SMS PIN; "forgot password" in the same place. Renders
 * in the light DOM so that password managers can save and fill it (`autocomplete` username,
 * current-password, one-time-code). The session goes to the kit, for every widget of the provider.
 *
 * @tag tk-login
 * @fires tk-complete - `{ user }` after the PIN: the session is set on the provider
 * @fires tk-error - when a request fails (wrong password, wrong PIN, locked, offline)
 */
export class TkLogin extends PortalElement<Step> {


  constructor() {
    super();
    this.step = 'credentials';
  }


  private async login(e: Event) {
    e.preventDefault();
    if (this.submit.busy) return;
    const { username = '', password = '' } = this.values;
    const required = (v: string) => (v.trim() ? undefined : this.fieldError('required'));
    if (!(await this.check({ username: required(username), password: required(password) }))) return;
    const challenge = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.$post({ json: { username: username.trim(), password } }, opts), o));
    if (!challenge) return;
    this.challenge = challenge;
    this.values = { ...this.values, pin: '' };
    await this.go('pin');
  }

  private async verify(pin: string, challengeId: string) {
    const issued = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.verify.$post({ json: { challengeId, pin } }, opts), o));
    if (!issued) return;
    const session: Session = issued;
    this.i18n.kit?.setSession(session);
    this.values = {};
    await this.go('done');
    this.dispatchEvent(new TkCompleteEvent({ user: session.user }));
  }

  private async forgot(e: Event) {
    e.preventDefault();
    if (this.submit.busy) return;
    const login = (this.values.login ?? '').trim();
    if (!(await this.check({ login: login ? undefined : this.fieldError('required') }))) return;
    const done = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-resets'].$post({ json: { login } }, opts), o));
    if (done) await this.go('forgot-sent');
  }

  private async logout() {
    if (!(await this.logOut())) return;
    this.notice = this.t('logout.done');
    await this.go('credentials');
  }

  protected override render() {
    const session = this.i18n.kit?.session;
    if (this.step === 'done' || (session && this.step === 'credentials')) {
      if (!session) return this.renderCredentials();
      return html`${this.heading(this.t('login.title'))}
        <p role="status">${this.t('login.done', { name: session.user.displayName })}</p>
        <div class="tk-actions"><button type="button" class="tk-button tk-secondary" @click=${this.logout}>${this.t('logout')}</button></div>`;
    }
    switch (this.step) {
      case 'pin':
        return this.pinStep({
          verify: (pin, challengeId) => this.verify(pin, challengeId),
          resend: (kit, challengeId, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.resend.$post({ json: { challengeId } }, opts), o),
          back: () => this.go('credentials'),
        });
      case 'forgot':
        return html`<form novalidate @submit=${this.forgot}>
          ${this.heading(this.t('forgot.title'))} ${this.summary({ login: this.t('forgot.login') })}
          <p>${this.t('forgot.intro')}</p>
          ${this.requiredLegend()} ${this.field({ name: 'login', label: this.t('forgot.login'), autocomplete: 'username' })}
          <div class="tk-actions">
            ${this.busyButton(this.t('forgot.submit'))}
            <button type="button" class="tk-link" @click=${() => this.go('credentials')}>${this.t('back')}</button>
          </div>
        </form>`;
      case 'forgot-sent':
        return html`${this.heading(this.t('forgot.title'))}
          <div class="tk-alert tk-success" role="status"><p>${this.t('forgot.done', { login: this.values.login ?? '' })}</p></div>
          <button type="button" class="tk-link" @click=${() => this.go('credentials')}>${this.t('login.title')}</button>`;
      default:
        return this.renderCredentials();
    }
  }

  private renderCredentials() {
    return html`<form novalidate @submit=${this.login}>
      ${this.heading(this.t('login.title'))} ${this.summary({ username: this.t('username'), password: this.t('password') })}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      <p>${this.t('login.intro')}</p>
      ${this.requiredLegend()} ${this.field({ name: 'username', label: this.t('username'), autocomplete: 'username' })}
      ${this.field({ name: 'password', label: this.t('password'), type: this.revealed ? 'text' : 'password', autocomplete: 'current-password' })}
      ${this.revealSwitch()}
      <div class="tk-actions">
        ${this.busyButton(this.t('login.submit'))}
        <button type="button" class="tk-link" @click=${() => this.go('forgot')}>${this.t('login.forgot')}</button>
      </div>
    </form>`;
  }
}

defineOnce('tk-login', TkLogin);

declare global {
  interface HTMLElementTagNameMap {
    'tk-login': TkLogin;
  }
}
