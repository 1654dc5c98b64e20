import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { PinChallenge, Profile } from '../../contract/portal.js';
import { isMobile, passwordLengthProblem, toE164 } from '../../contract/rules.js';
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

type Step = 'view' | 'email' | 'mobile' | 'pin' | 'password';
type ProfileChange = PinChallenge | { status: 'verification_sent'; email: string };

/** How long a confirmed password lets the profile change the e-mail address or mobile number (the BFF's 5 minutes, less a margin). */
const STEP_UP_MS = 4.5 * 60_000;

/**
 * "Mein Profil": the logged-in user's name, username, e-mail address and mobile number (masked);
 * change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new
 * one), each after confirming the current password in the same form (a step-up, good for 5 minutes);
 * change the password; log out. Without a session it shows `<tk-login>` in its place (in its light DOM,
 * where password managers find the login's inputs).
 *
 * @tag tk-profile
 * @slot - the login, or the password and PIN fields it renders itself (do not fill)
 * @fires tk-complete - `{ change: 'email' | 'mobile' | 'password' | 'logout' }`
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
  /** Until when the password confirmed last lets this session change the e-mail address or mobile number. */
  private steppedUpUntil = 0;

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
      await this.form.go('view', this.form.t('profile.mobileChanged'));
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
      this.steppedUpUntil = 0;
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

  /**
   * A new e-mail address or mobile number; without a recent step-up, the password typed with it is
   * confirmed first (`POST /v1/me/step-up`), then the change goes on.
   */
  private async change(e: Event, name: 'email' | 'mobile') {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const value = (form.values[name] ?? '').trim();
    const password = form.values.password ?? '';
    const stepUp = Date.now() >= this.steppedUpUntil;
    const e164 = toE164(value, 'DE');
    const invalid = name === 'email' ? !EMAIL.test(value) && 'invalid_email' : !(e164 && isMobile(e164)) && 'mobile_invalid';
    const required = form.fieldError('required');
    if (!(await form.check({ password: stepUp && !password ? required : undefined, [name]: !value ? required : invalid ? form.fieldError(invalid) : undefined }))) return;
    if (name === 'mobile') this.pin.prepare();
    if (stepUp) {
      if (!(await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me['step-up'].$post({ json: { password } }, opts), { ...o, session: true })))) return;
      this.steppedUpUntil = Date.now() + STEP_UP_MS;
      form.values = { ...form.values, password: '' };
    }
    const json = name === 'email' ? { email: value } : { mobile: value };
    const result = await form.send((kit, o) => kit.api.call<ProfileChange>((rpc, opts) => rpc.v1.me.$patch({ json }, opts), { ...o, session: true }));
    if (!result) {
      // The step-up ran out meanwhile: the password field is back.
      if (form.submit.error instanceof TkApiError && form.submit.error.code === 'step_up_required') {
        this.steppedUpUntil = 0;
        this.requestUpdate();
      }
      return;
    }
    if ('challengeId' in result) return this.pin.start(result, 'pin');
    form.values = {};
    await form.go('view', form.t('profile.emailSent', { email: value }));
    this.dispatchEvent(new TkCompleteEvent({ change: 'email' }));
  }

  /** "Change password": the current one and a new one twice, by the rules of setting one. */
  private async changePassword(e: Event) {
    e.preventDefault();
    const { form } = this;
    if (form.submit.busy) return;
    const { currentPassword = '', newPassword = '', repeat = '' } = form.values;
    const required = form.fieldError('required');
    const length = newPassword ? passwordLengthProblem(newPassword) : 'required';
    const ok = await form.check({
      currentPassword: currentPassword ? undefined : required,
      newPassword: length && form.fieldError(length),
      repeat: !repeat ? required : repeat !== newPassword ? form.fieldError('password_mismatch') : undefined,
    });
    if (!ok || !(await form.send((kit, o) => kit.api.call((rpc, opts) => rpc.v1.me.password.$post({ json: { currentPassword, newPassword } }, opts), { ...o, session: true })))) return;
    form.values = {};
    await form.go('view', form.t('profile.passwordChanged'));
    this.dispatchEvent(new TkCompleteEvent({ change: 'password' }));
  }

  private async logout() {
    const kit = this.i18n.kit;
    if (!kit?.session || this.form.submit.busy) return;
    await this.form.send((k, o) => k.api.call((rpc, opts) => rpc.v1.sessions.current.$delete({}, opts), { ...o, session: true }));
    kit.setSession(undefined, 'logout');
    this.requestUpdate();
    await this.updateComplete;
    // After the switch to the login (which empties the banner): announced once.
    this.form.notice = this.form.t('logout.done');
    this.requestUpdate();
    this.dispatchEvent(new TkCompleteEvent({ change: 'logout' }));
  }

  /**
   * A change form: the new e-mail address or mobile number; without a recent step-up, first the current
   * password (in the light DOM, for password managers).
   */
  private changeForm(name: 'email' | 'mobile') {
    const { form } = this;
    const t = form.t;
    const submit = (e: Event) => this.change(e, name);
    const label = t(name === 'email' ? 'profile.newEmail' : 'profile.newMobile');
    const stepUp = Date.now() >= this.steppedUpUntil;
    if (stepUp) {
      form.light.content = form.credentials(
        form.credential({ name: 'password', label: t('profile.stepUp'), hint: t('profile.stepUpHint'), autocomplete: 'current-password', type: 'password' }),
        submit,
      );
    }
    return html`<form novalidate @submit=${submit}>
      ${form.heading(t(name === 'email' ? 'profile.changeEmail' : 'profile.changeMobile'))} ${form.summary({ password: t('profile.stepUp'), [name]: label })} ${form.legend()}
      ${stepUp ? html`<slot></slot>` : nothing}
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

  /** "Change password": the three fields in the light DOM, with the username for password managers. */
  private passwordForm() {
    const { form } = this;
    const t = form.t;
    const submit = (e: Event) => this.changePassword(e);
    const labels = { currentPassword: t('profile.currentPassword'), newPassword: t('profile.newPassword'), repeat: t('profile.repeat') };
    form.light.content = form.credentials(
      html`<input type="text" name="username" autocomplete="username" .value=${this.i18n.kit?.session?.user.username ?? ''} readonly hidden />
        ${form.credential({ name: 'currentPassword', label: labels.currentPassword, autocomplete: 'current-password', type: 'password' })}
        ${form.credential({ name: 'newPassword', label: labels.newPassword, hint: t('password.hint'), autocomplete: 'new-password', type: 'password' })}
        ${form.credential({ name: 'repeat', label: labels.repeat, autocomplete: 'new-password', type: 'password' })}`,
      submit,
    );
    return html`<form novalidate @submit=${submit}>
      ${form.heading(t('profile.changePassword'))} ${form.summary(labels)} ${form.legend()}
      <slot></slot>
      <div class="actions">
        <tk-button type="submit" ?busy=${form.submit.busy}>${t('profile.changePassword')}</tk-button>
        <tk-button variant="link" @click=${() => form.go('view')}>${t('cancel')}</tk-button>
      </div>
    </form>`;
  }

  protected override render() {
    const { form } = this;
    form.light.content = nothing;
    return form.ready ? html`${form.banner()}${this.step()}` : nothing;
  }

  private step() {
    const { form } = this;
    const t = form.t;
    const kit = this.i18n.kit;
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
      case 'mobile':
        return this.changeForm(form.step);
      case 'password':
        return this.passwordForm();
      default:
        return this.renderView(this.changed ?? this.me.value ?? kit.session.user);
    }
  }

  private renderView(p: Profile) {
    const { form } = this;
    const t = form.t;
    return html`${form.heading(t('profile.title'))} ${form.summary({})}
      ${this.me.render({ error: (error) => html`<tk-alert variant="error"><p>${failureMessage(error, this.i18n.locale)}</p></tk-alert>` })}
      <dl>
        <dt>${t('profile.name')}</dt>
        <dd>${p.displayName}</dd>
        <dt>${t('username')}</dt>
        <dd>${p.username}</dd>
        ${p.account ? html`<dt>${t('profile.customerNumber')}</dt><dd>${p.account.customerNumber}</dd>` : nothing}
        <dt>${t('profile.role')}</dt>
        <dd>${t(p.role === 'account_admin' && p.account?.accountType !== 'business' ? 'role.holder' : `role.${p.role}`)}</dd>
        <dt>${t('profile.email')}</dt>
        <dd>${p.email}</dd>
        <dt>${t('profile.mobile')}</dt>
        <dd>${p.mobile}</dd>
      </dl>
      <div class="actions">
        <tk-button variant="secondary" @click=${() => form.go('email')}>${t('profile.changeEmail')}</tk-button>
        <tk-button variant="secondary" @click=${() => form.go('mobile')}>${t('profile.changeMobile')}</tk-button>
        <tk-button variant="secondary" @click=${() => form.go('password')}>${t('profile.changePassword')}</tk-button>
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
