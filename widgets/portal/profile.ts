import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { PinChallenge, Profile } from '../../contract/portal.js';
import { isMobile, toE164 } from '../../contract/rules.js';
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
import { EMAIL } from '../primitives/text-field.js';
import { failureMessage } from '../core/submit.js';
import { PortalForm } from './form.js';
import { PortalPin } from './pin-step.js';
import './login.js';
import { portalStyles } from './portal.styles.js';
import { type ProfileKey, profileMessages } from './profile.messages.js';
import { profileStyles } from './profile.styles.js';

type Step = 'view' | 'email' | 'mobile' | 'pin';
type ProfileChange = PinChallenge | { status: 'verification_sent'; email: string };

/**
 * "Benutzerverwaltung": the logged-in user's name, username, e-mail address and mobile number (masked);
 * change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new
 * one); log out. Without a session it shows `<tk-login>` in its place (in its light DOM, where password
 * managers find the login's inputs).
 *
 * @tag tk-profile
 * @slot - the login or the PIN field it renders itself (do not fill)
 * @fires tk-complete - `{ change: 'email' | 'mobile' | 'logout' }`
 * @fires tk-error - when a request fails
 */
export class TkProfile extends LitElement {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles, pinStyles, portalStyles, profileStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
    changed: { state: true },
  };

  /** Level of the widget's heading (default 2), to fit the page's outline. */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** The profile as the last change returned it (newer than the one loaded). */
  private declare changed: Profile | undefined;
  /** Whether a session was there at the last update: when that flips, focus follows (login ↔ profile). */
  private hadSession: boolean | undefined;
  private expired = false;

  private readonly i18n = new KitController(this, { standalone: true });
  private readonly form = new PortalForm<Step, ProfileKey>(this, this.i18n, 'view', profileMessages);
  private readonly me = new Task(this, {
    args: () => [this.i18n.kit?.session?.token] as const,
    task: async ([token], { signal }) => {
      const api = this.i18n.kit?.api;
      if (!token || !api) return undefined;
      try {
        return await api.call((rpc, o) => rpc.v1.me.$get({}, o), { signal, session: true });
      } catch (error) {
        this.expired = error instanceof TkApiError && error.code === 'session_expired';
        throw error;
      }
    },
  });
  private readonly pin = new PortalPin<Step, Profile>(this, this.form, {
    verify: (kit, answer, o) => kit.api.call((rpc, opts) => rpc.v1.me.mobile.verify.$post({ json: answer }, opts), { ...o, session: true }),
    resend: (kit, challengeId, o) => kit.api.call((rpc, opts) => rpc.v1.me.mobile.resend.$post({ json: { challengeId } }, opts), { ...o, session: true }),
    verified: async (profile) => {
      this.changed = profile;
      this.form.values = {};
      this.form.notice = this.form.t('profile.mobileChanged');
      await this.form.go('view');
      this.dispatchEvent(new TkCompleteEvent({ change: 'mobile' }));
    },
  });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const has = Boolean(this.i18n.kit?.session);
    if (this.hadSession !== undefined && has !== this.hadSession) {
      this.form.step = 'view';
      this.form.notice = '';
      this.changed = undefined;
      if (has) this.expired = false;
      void this.focusHeading(has);
    }
    this.hadSession = has;
  }

  /** After a login, the profile's heading; after a logout or expiry, the login's. */
  private async focusHeading(loggedIn: boolean) {
    if (loggedIn) return this.form.focus('[data-heading]');
    await this.updateComplete;
    const login = this.querySelector('tk-login');
    await login?.updateComplete;
    login?.shadowRoot?.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  private async changeEmail(e: Event) {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const email = (form.values.email ?? '').trim();
    if (!(await form.check({ email: !email ? form.fieldError('required') : EMAIL.test(email) ? undefined : form.fieldError('invalid_email') }))) return;
    const done = await form.send((kit, o) => kit.api.call<ProfileChange>((rpc, opts) => rpc.v1.me.$patch({ json: { email } }, opts), { ...o, session: true }));
    if (!done) return;
    form.values = {};
    form.notice = form.t('profile.emailSent', { email });
    await form.go('view');
    this.dispatchEvent(new TkCompleteEvent({ change: 'email' }));
  }

  private async changeMobile(e: Event) {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const mobile = (form.values.mobile ?? '').trim();
    const e164 = toE164(mobile, 'DE');
    if (!(await form.check({ mobile: !mobile ? form.fieldError('required') : e164 && isMobile(e164) ? undefined : form.fieldError('mobile_invalid') }))) return;
    this.pin.prepare();
    const challenge = await form.send((kit, o) => kit.api.call<ProfileChange>((rpc, opts) => rpc.v1.me.$patch({ json: { mobile } }, opts), { ...o, session: true }));
    if (challenge && 'challengeId' in challenge) await this.pin.start(challenge, 'pin');
  }

  private async logout() {
    const kit = this.i18n.kit;
    if (!kit?.session || this.form.submit.busy) return;
    await this.form.send((k, o) => k.api.call((rpc, opts) => rpc.v1.sessions.current.$delete({}, opts), { ...o, session: true }));
    kit.setSession(undefined, 'logout');
    this.requestUpdate();
    this.dispatchEvent(new TkCompleteEvent({ change: 'logout' }));
  }

  /** One field of a change form: the new e-mail address or mobile number. */
  private changeForm(name: 'email' | 'mobile', submit: (e: Event) => void) {
    const { form } = this;
    const t = form.t;
    const label = t(name === 'email' ? 'profile.newEmail' : 'profile.newMobile');
    return html`<form novalidate @submit=${submit}>
      ${form.heading(t(name === 'email' ? 'profile.changeEmail' : 'profile.changeMobile'))} ${form.summary({ [name]: label })} ${form.legend()}
      <tk-text-field
        name=${name}
        label=${label}
        hint=${name === 'mobile' ? t('profile.newMobileHint') : ''}
        type=${name === 'email' ? 'email' : 'tel'}
        autocomplete=${name === 'email' ? 'email' : 'tel'}
        inputmode=${name === 'email' ? 'email' : 'tel'}
        required
        .value=${form.values[name] ?? ''}
        .error=${form.errors[name] ?? ''}
        @input=${form.input}
      ></tk-text-field>
      <div class="actions">
        <tk-button type="submit" ?busy=${form.submit.busy}>${t('profile.save')}</tk-button>
        <tk-button variant="link" @click=${() => form.go('view')}>${t('cancel')}</tk-button>
      </div>
    </form>`;
  }

  protected override render() {
    const { form } = this;
    const t = form.t;
    const kit = this.i18n.kit;
    form.light.content = nothing;
    if (!form.ready) return nothing;
    if (!kit?.session) {
      const expired = this.expired || (form.submit.error instanceof TkApiError && form.submit.error.code === 'session_expired');
      form.light.content = html`<tk-login .kit=${kit} heading-level=${this.headingLevel} @tk-complete=${(e: Event) => (e.stopPropagation(), this.requestUpdate())}></tk-login>`;
      return html`${expired ? html`<tk-alert><p>${t('session.expired')}</p></tk-alert>` : html`<p>${t('profile.loginFirst')}</p>`}<slot></slot>`;
    }
    switch (form.step) {
      case 'pin':
        form.light.content = this.pin.field();
        return this.pin.render(() => form.go('mobile'));
      case 'email':
        return this.changeForm('email', (e) => this.changeEmail(e));
      case 'mobile':
        return this.changeForm('mobile', (e) => this.changeMobile(e));
      default:
        return this.renderView(this.changed ?? this.me.value ?? kit.session.user);
    }
  }

  private renderView(p: Profile) {
    const { form } = this;
    const t = form.t;
    return html`${form.heading(t('profile.title'))} ${form.summary({})}
      ${this.me.render({ error: (error) => html`<tk-alert variant="error"><p>${failureMessage(error, this.i18n.locale)}</p></tk-alert>` })}
      ${form.notice ? html`<tk-alert variant="success"><p>${form.notice}</p></tk-alert>` : nothing}
      <dl>
        <dt>${t('profile.name')}</dt>
        <dd>${p.displayName}</dd>
        <dt>${t('username')}</dt>
        <dd>${p.username}</dd>
        ${p.account ? html`<dt>${t('profile.customerNumber')}</dt><dd>${p.account.customerNumber}</dd>` : nothing}
        <dt>${t('profile.role')}</dt>
        <dd>${t(`role.${p.role}`)}</dd>
        <dt>${t('profile.email')}</dt>
        <dd>${p.email}</dd>
        <dt>${t('profile.mobile')}</dt>
        <dd>${p.mobile}</dd>
      </dl>
      <div class="actions">
        <tk-button variant="secondary" @click=${() => form.go('email')}>${t('profile.changeEmail')}</tk-button>
        <tk-button variant="secondary" @click=${() => form.go('mobile')}>${t('profile.changeMobile')}</tk-button>
        <tk-button ?busy=${form.submit.busy} @click=${this.logout}>${t('logout')}</tk-button>
      </div>`;
  }
}

defineOnce('tk-profile', TkProfile);

declare global {
  interface HTMLElementTagNameMap {
    'tk-profile': TkProfile;
  }
}
