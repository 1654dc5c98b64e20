import { html, nothing } from 'lit';
import type { PinChallenge, Profile } from '../../contract/portal.js';
import { isMobile, toE164 } from '../../contract/rules.js';
import { TkApiError } from '../core/api.js';
import { TkCompleteEvent } from '../core/events.js';
import { defineOnce } from '../define.js';
import { EMAIL } from '../primitives/text-field.js';
import { PortalElement } from './form.js';
import './login.js';

type Step = 'view' | 'email' | 'mobile' | 'pin';
type ProfileChange = PinChallenge | { status: 'verification_sent'; email: string };

/**
 * "Benutzerverwaltung": the logged-in user's name, username, e-mail address and mobile number (masked);
 * change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new
 * one); log out. Without a session it shows `<tk-login>` in its place.
 *
 * @tag tk-profile
 * @fires tk-complete - `{ change: 'email' | 'mobile' | 'logout' }`
 * @fires tk-error - when a request fails
 */
export class TkProfile extends PortalElement<Step> {
  static override properties = { ...PortalElement.properties, profile: { state: true } };

  private declare profile: Profile | undefined;
  private loadedFor: string | undefined;

  constructor() {
    super();
    this.step = 'view';
  }

  /** Whether the login was on screen: after a login (or logout) focus moves to the new heading. */
  private showedLogin = false;

  protected override willUpdate(): void {
    const session = this.i18n.kit?.session;
    if (!session) {
      if (this.loadedFor !== undefined) void this.focusOn('[data-heading]'); // logged out or expired: the login's heading
      this.profile = undefined;
      this.loadedFor = undefined;
      this.step = 'view';
    } else if (session.token !== this.loadedFor) {
      if (this.showedLogin) void this.focusOn('[data-heading]');
      this.loadedFor = session.token;
      this.profile = session.user;
      void this.reload();
    }
    this.showedLogin = !session;
  }

  private async reload() {
    const profile = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.$get({}, opts), { ...o, session: true }));
    if (profile) this.profile = profile;
  }


  private async changeEmail(e: Event) {
    e.preventDefault();
    if (this.submit.busy) return;
    const email = (this.values.email ?? '').trim();
    if (!(await this.check({ email: !email ? this.fieldError('required') : EMAIL.test(email) ? undefined : this.fieldError('invalid_email') }))) return;
    const done = await this.send((kit, o) => kit.api.call<ProfileChange>((rpc, opts) => rpc.v1.me.$patch({ json: { email } }, opts), { ...o, session: true }));
    if (!done) return;
    this.values = {};
    await this.go('view');
    this.notice = this.t('profile.emailSent', { email });
    this.dispatchEvent(new TkCompleteEvent({ change: 'email' }));
  }

  private async changeMobile(e: Event) {
    e.preventDefault();
    if (this.submit.busy) return;
    const mobile = (this.values.mobile ?? '').trim();
    const e164 = toE164(mobile, 'DE');
    if (!(await this.check({ mobile: !mobile ? this.fieldError('required') : e164 && isMobile(e164) ? undefined : this.fieldError('mobile_invalid') }))) return;
    const challenge = await this.send((kit, o) => kit.api.call<ProfileChange>((rpc, opts) => rpc.v1.me.$patch({ json: { mobile } }, opts), { ...o, session: true }));
    if (!challenge || !('challengeId' in challenge)) return;
    this.challenge = challenge;
    this.values = { pin: '' };
    await this.go('pin');
  }

  private async verify(pin: string, challengeId: string) {
    const profile = await this.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.mobile.verify.$post({ json: { challengeId, pin } }, opts), { ...o, session: true }));
    if (!profile) return;
    this.profile = profile;
    this.values = {};
    await this.go('view');
    this.notice = this.t('profile.mobileChanged');
    this.dispatchEvent(new TkCompleteEvent({ change: 'mobile' }));
  }

  private async logout() {
    if (!(await this.logOut())) return;
    this.dispatchEvent(new TkCompleteEvent({ change: 'logout' }));
  }

  protected override render() {
    const kit = this.i18n.kit;
    if (!kit?.session) {
      const expired = this.submit.error instanceof TkApiError && this.submit.error.code === 'session_expired';
      return html`${expired ? html`<div class="tk-alert" role="status"><p>${this.t('session.expired')}</p></div>` : html`<p>${this.t('profile.loginFirst')}</p>`}
        <tk-login .kit=${kit} heading-level=${this.headingLevel} @tk-complete=${(e: Event) => (e.stopPropagation(), this.requestUpdate())}></tk-login>`;
    }
    const p = this.profile ?? kit.session.user;
    switch (this.step) {
      case 'pin':
        return this.pinStep({
          verify: (pin, challengeId) => this.verify(pin, challengeId),
          resend: (kit, challengeId, o) => kit.api.call((rpc, opts) => rpc.v1.me.mobile.resend.$post({ json: { challengeId } }, opts), { ...o, session: true }),
          back: () => this.go('mobile'),
        });
      case 'email':
        return html`<form novalidate @submit=${this.changeEmail}>
          ${this.heading(this.t('profile.changeEmail'))} ${this.summary({ email: this.t('profile.newEmail') })} ${this.requiredLegend()}
          ${this.field({ name: 'email', label: this.t('profile.newEmail'), type: 'email', autocomplete: 'email', inputmode: 'email' })}
          <div class="tk-actions">
            ${this.busyButton(this.t('profile.save'))}
            <button type="button" class="tk-link" @click=${() => this.go('view')}>${this.t('cancel')}</button>
          </div>
        </form>`;
      case 'mobile':
        return html`<form novalidate @submit=${this.changeMobile}>
          ${this.heading(this.t('profile.changeMobile'))} ${this.summary({ mobile: this.t('profile.newMobile') })} ${this.requiredLegend()}
          ${this.field({ name: 'mobile', label: this.t('profile.newMobile'), hint: this.t('profile.newMobileHint'), type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
          <div class="tk-actions">
            ${this.busyButton(this.t('profile.save'))}
            <button type="button" class="tk-link" @click=${() => this.go('view')}>${this.t('cancel')}</button>
          </div>
        </form>`;
      default:
        return html`${this.heading(this.t('profile.title'))} ${this.summary({})}
          <p role="status">${this.notice}</p>
          <dl>
            <dt>${this.t('profile.name')}</dt>
            <dd>${p.displayName}</dd>
            <dt>${this.t('username')}</dt>
            <dd>${p.username}</dd>
            ${p.account ? html`<dt>${this.t('profile.customerNumber')}</dt><dd>${p.account.customerNumber}</dd>` : nothing}
            <dt>${this.t('profile.role')}</dt>
            <dd>${this.t(`role.${p.role}`)}</dd>
            <dt>${this.t('profile.email')}</dt>
            <dd>${p.email}</dd>
            <dt>${this.t('profile.mobile')}</dt>
            <dd>${p.mobile}</dd>
          </dl>
          <div class="tk-actions">
            <button type="button" class="tk-button tk-secondary" @click=${() => this.go('email')}>${this.t('profile.changeEmail')}</button>
            <button type="button" class="tk-button tk-secondary" @click=${() => this.go('mobile')}>${this.t('profile.changeMobile')}</button>
            <button type="button" class="tk-button" @click=${this.logout}>${this.t('logout')}</button>
          </div>`;
    }
  }
}

defineOnce('tk-profile', TkProfile);

declare global {
  interface HTMLElementTagNameMap {
    'tk-profile': TkProfile;
  }
}
