import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Profile } from '../../contract/portal.js';
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
import { failureMessage } from '../core/submit.js';
import { PortalForm } from './form.js';
import { PortalPin } from './pin-step.js';
import './login.js';
import { portalStyles } from './portal.styles.js';
import { type ProfileKey, profileMessages } from './profile.messages.js';
import { profileStyles } from './profile.styles.js';

type Step = 'view' | 'email' | 'mobile' | 'pin' | 'password' | 'factor';

/** What the change forms (`profile-changes.ts`) work with. */
export interface ProfileEditing {
  readonly host: TkProfile;
  readonly form: PortalForm<Step, ProfileKey>;
  readonly pin: PortalPin<Step, Profile>;
  /** The username, for password managers in the change of password. */
  readonly username: string;
  /** Until when the password confirmed last lets this session change its sign-in data (e-mail, mobile number, factors). */
  steppedUpUntil: number;
}

/** The change forms: loaded while the profile's view shows, kept for every profile on the page. */
let changes: typeof import('./profile-changes.js') | undefined;
const loadChanges = async () => (changes ??= await import('./profile-changes.js'));
/** The section "Anmeldung und Sicherheit" (passkeys, authenticator app, recovery codes), loaded the same way. */
let factors: typeof import('./factors.js') | undefined;
const loadFactors = async () => (factors ??= await import('./factors.js'));

/**
 * "Mein Profil": the logged-in user's name, username, e-mail address and mobile number (masked);
 * change the e-mail address (a link goes to the new one) or the mobile number (a PIN goes to the new
 * one), each after confirming the current password in the same form (a step-up, good for 5 minutes);
 * change the password; see and change the second factors (`factors.ts`: passkeys, an authenticator app,
 * recovery codes; each change after the same step-up); log out. While a main account's admin acts on a sub-account (`session.user.acting`),
 * it shows that account's data read-only: its own administration changes them; logout stays. Without a
 * session it shows `<tk-login>` in its place (in its light DOM, where password managers find the login's inputs).
 *
 * @tag tk-profile
 * @slot - the login, or the password and PIN fields it renders itself (do not fill)
 * @fires tk-complete - `{ change: 'email' | 'mobile' | 'password' | 'logout' | 'passkey_added' | 'passkey_removed' | 'totp_added' | 'totp_removed' | 'sms_off' | 'sms_on' | 'recovery_codes' }`
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
  /** Whether the view shows a location's data (no factors then: its own administration has them). */
  private acting: unknown;

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
      // "Anmeldung und Sicherheit" shows the new number (a first one with SMS sign-in off, to turn on).
      factors?.forget(this.editing);
      await this.form.go('view', this.form.t('profile.mobileChanged'));
      this.dispatchEvent(new TkCompleteEvent({ change: 'mobile' }));
    },
  });

  private readonly editing: ProfileEditing = {
    host: this,
    form: this.form,
    pin: this.pin,
    get username() {
      return this.host.i18n.kit?.session?.user.username ?? '';
    },
    steppedUpUntil: 0,
  };

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
      this.editing.steppedUpUntil = 0;
      factors?.forget(this.editing);
      if (has) this.expired = false;
      void this.form.focusAfterSession(has);
    }
    this.hadSession = has;
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
      case 'password':
        return changes?.renderChange(this.editing, form.step);
      case 'factor':
        return factors?.renderFactorStep(this.editing);
      default:
        return this.renderView(this.changed ?? this.me.value ?? kit.session.user);
    }
  }

  protected override updated(): void {
    // While the view shows, the change forms' code is fetched (offline for a moment: a "change" button tries again).
    if (!this.i18n.kit?.session || this.form.step !== 'view') return;
    void loadChanges().catch(() => undefined);
    if (!this.acting && !factors) void loadFactors().then(() => this.requestUpdate(), () => undefined);
  }

  /** Opens a change form, once its code is there. */
  private async open(step: 'email' | 'mobile' | 'password') {
    await loadChanges();
    await this.form.go(step);
  }

  private renderView(p: Profile) {
    const { form } = this;
    const t = form.t;
    // A main account's admin acting on a sub-account: the location's data, read-only (its own admin changes them).
    const acting = (this.acting = p.acting ?? this.i18n.kit?.session?.user.acting);
    return html`${form.heading(t('profile.title'))}
      ${acting ? html`<p data-acting-for>${t('profile.for', { name: p.displayName, customerNumber: p.account?.customerNumber ?? '' })}</p>` : nothing}
      ${form.summary({})}
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
        <dd>${p.mobile ?? t('profile.noMobile')}</dd>
      </dl>
      ${acting ? html`<p data-acting>${t('profile.acting')}</p>` : nothing}
      <div class="actions">
        ${acting
          ? nothing
          : html`<tk-button variant="secondary" @click=${() => this.open('email')}>${t('profile.changeEmail')}</tk-button>
              <tk-button variant="secondary" @click=${() => this.open('mobile')}>${t(p.mobile ? 'profile.changeMobile' : 'profile.addMobile')}</tk-button>
              <tk-button variant="secondary" @click=${() => this.open('password')}>${t('profile.changePassword')}</tk-button>`}
        <tk-button ?busy=${form.submit.busy} @click=${this.logout}>${t('logout')}</tk-button>
      </div>
      ${acting ? nothing : factors?.renderFactors(this.editing)}`;
  }
}

defineOnce('tk-profile', TkProfile);

declare global {
  interface HTMLElementTagNameMap {
    'tk-profile': TkProfile;
  }
}
