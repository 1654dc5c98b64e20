import { html, nothing } from 'lit';
import { passwordLengthProblem } from '../../contract/rules.js';
import { TkApiError } from '../core/api.js';
import { TkCompleteEvent } from '../core/events.js';
import { defineOnce } from '../define.js';
import { PortalElement } from './form.js';

type Step = 'password' | 'pin' | 'done';

/**
 * The page behind an activation or reset link: a new password twice (12–128 characters, no
 * composition rules; the BFF also refuses common ones), confirmed with an SMS PIN. Light DOM, with
 * `autocomplete="new-password"`, so password managers offer and save a strong one. Without a key (on the
 * BFF's own `/set-password` page) the link alone authenticates.
 *
 * @tag tk-password-setup
 * @fires tk-complete - `{ username }` once the password holds
 * @fires tk-error - when the link is invalid or expired, or a request fails
 */
export class TkPasswordSetup extends PortalElement<Step> {
  static override properties = {
    ...PortalElement.properties,
    token: {},
    username: {},
    loginUrl: { attribute: 'login-url' },
  };

  /** The link's token; default: the `token` query parameter of the page. */
  declare token: string | undefined;
  /** The account's username, when the page knows it: password managers then save the new password under it. */
  declare username: string | undefined;
  /** Where "Log in now" leads after success; without it the widget says how to log in. */
  declare loginUrl: string | undefined;
  private savedFor = '';

  constructor() {
    super();
    this.step = 'password';
  }

  private get linkToken(): string {
    return this.token ?? new URLSearchParams(location.search).get('token') ?? '';
  }


  private async start(e: Event) {
    e.preventDefault();
    if (this.submit.busy) return;
    const { password = '', repeat = '' } = this.values;
    const length = password ? passwordLengthProblem(password) : 'required';
    const ok = await this.check({
      password: length && this.fieldError(length),
      repeat: !repeat ? this.fieldError('required') : repeat !== password ? this.fieldError('password_mismatch') : undefined,
    });
    if (!ok) return;
    const token = this.linkToken;
    const challenge = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].$post({ json: { token, password } }, opts), o));
    if (!challenge) return;
    this.challenge = challenge;
    this.values = { ...this.values, pin: '' };
    await this.go('pin');
  }

  private async verify(pin: string, challengeId: string) {
    const done = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].verify.$post({ json: { challengeId, pin } }, opts), o));
    if (!done) return;
    this.savedFor = done.username;
    this.values = {};
    await this.go('done');
    this.dispatchEvent(new TkCompleteEvent({ username: done.username }));
  }

  protected override render() {
    if (!this.linkToken) {
      return html`${this.heading(this.t('setup.title'))}<div class="tk-alert tk-danger" role="alert"><p>${this.t('setup.noToken')}</p></div>`;
    }
    if (this.step === 'pin') {
      return this.pinStep({
        verify: (pin, challengeId) => this.verify(pin, challengeId),
        resend: (kit, challengeId, o) => kit.api.call((rpc, opts) => rpc.v1['password-setup'].resend.$post({ json: { challengeId } }, opts), o),
        back: () => this.go('password'),
      });
    }
    if (this.step === 'done') {
      return html`${this.heading(this.t('setup.title'))}
        <div class="tk-alert tk-success" role="status"><p>${this.t('setup.done')}</p></div>
        ${this.loginUrl
          ? html`<p><a class="tk-button" href=${this.loginUrl}>${this.t('setup.loginNow')}</a></p>`
          : html`<p>${this.t('setup.loginHint', { username: this.savedFor })}</p>`}`;
    }
    const error = this.submit.error;
    const linkBroken = error instanceof TkApiError && /^link_/.test(error.code);
    return html`<form novalidate @submit=${this.start}>
      ${this.heading(this.t('setup.title'))}
      ${this.summary({ password: this.t('setup.password'), repeat: this.t('setup.repeat') })}
      ${linkBroken ? html`<p>${this.t('setup.newLink')}</p>` : nothing}
      <p>${this.t('setup.intro')}</p>
      ${this.requiredLegend()}
      ${this.username ? html`<input type="text" name="username" autocomplete="username" .value=${this.username} readonly hidden />` : nothing}
      ${this.field({ name: 'password', label: this.t('setup.password'), hint: this.t('setup.passwordHint'), type: this.revealed ? 'text' : 'password', autocomplete: 'new-password' })}
      ${this.field({ name: 'repeat', label: this.t('setup.repeat'), type: this.revealed ? 'text' : 'password', autocomplete: 'new-password' })}
      ${this.revealSwitch()}
      <div class="tk-actions">${this.busyButton(this.t('setup.submit'))}</div>
    </form>`;
  }
}

defineOnce('tk-password-setup', TkPasswordSetup);

declare global {
  interface HTMLElementTagNameMap {
    'tk-password-setup': TkPasswordSetup;
  }
}
