import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Locale, TenantConfig } from '../../contract/tenant.js';
import { type Api, createApi, TkApiError } from '../core/api.js';
import { type Kit, kitContext, type Session, type SessionChangeReason } from '../core/context.js';
import { type TkErrorDetail, TkErrorEvent, TkSessionChangeEvent, TkSessionExpiredEvent } from '../core/events.js';
import { isLocaleLoaded, loadLocale, resolveLocale, translate } from '../core/i18n/index.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import { providerStyles } from './provider.styles.js';

const TOKEN_NAME = /^[a-z0-9-]{1,40}$/;
const TOKEN_VALUE = /^[^;{}<>\\]{1,100}$/;

/** The tenant's theme tokens as `:host` defaults: page CSS on `tk-provider` still wins over them. */
function themeSheet(theme: Record<string, string>): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  const declarations = Object.entries(theme)
    .filter(([name, value]) => TOKEN_NAME.test(name) && TOKEN_VALUE.test(value))
    .map(([name, value]) => `--tk-${name}: ${value};`)
    .join(' ');
  sheet.replaceSync(`:host { ${declarations} }`);
  return sheet;
}

/**
 * Connects the widgets inside it to the BFF: API client, locale, tenant configuration (branding,
 * legal links, tariffs) and session, through one context. Shows the tenant's name, and a clear
 * message when the key is wrong, the website is not allowed, or the service cannot be reached.
 *
 * @tag tk-provider
 * @slot - the widgets
 * @csspart brand - the "a service of …" line with the tenant's logo and name
 * @csspart error - the message shown when the tenant cannot be loaded
 * @cssprop --tk-color-primary - brand colour (default from the tenant's theme)
 * @cssprop --tk-color-on-primary - text on the brand colour
 * @cssprop --tk-color-text - text
 * @cssprop --tk-color-text-muted - secondary text
 * @cssprop --tk-color-background - page and input background
 * @cssprop --tk-color-surface - cards
 * @cssprop --tk-color-border - borders of inputs and cards
 * @cssprop --tk-color-danger - errors
 * @cssprop --tk-color-success - success messages
 * @cssprop --tk-color-warning - warnings
 * @cssprop --tk-font-family - font
 * @cssprop --tk-font-size - base size
 * @cssprop --tk-radius - corner radius
 * @cssprop --tk-space-1 - smallest spacing (also -2, -3, -4)
 * @cssprop --tk-focus-ring-color - focus outline colour
 * @cssprop --tk-focus-ring-width - focus outline width
 * @fires tk-error - when the tenant cannot be loaded, or a `session-secret` cannot be exchanged
 * @fires tk-session-expired - when the session ended by itself (idle for an hour, revoked); widgets then show the login
 * @fires tk-session-change - `{ user, reason }` when someone logs in or out, the session ends by itself, a kept session is restored, or an admin switches to a sub-account (`switch`) and back (`return`)
 * @csspart acting - the banner while a main account's admin acts on a sub-account ("Sie handeln für Standort …", with "Zurück zum Hauptaccount")
 */
export class TkProvider extends LitElement {
  static override styles = [baseStyles, providerStyles];
  static override properties = {
    api: {},
    publishableKey: { attribute: 'publishable-key' },
    locale: {},
    sessionSecret: { attribute: 'session-secret' },
    persistSession: { type: Boolean, attribute: 'persist-session' },
    noBrand: { type: Boolean, attribute: 'no-brand' },
    kit: { attribute: false },
  };

  /** Base URL of the BFF; defaults to this page's origin. */
  declare api: string | undefined;
  /** The tenant's publishable key, `tk_pub_…`. */
  declare publishableKey: string | undefined;
  /** A locale of `contract/locales.ts` (`de`, `en`) or one registered with `registerLocale`; default: the tenant's default locale, else the browser's language. */
  declare locale: string | undefined;
  /** A client secret from an embed session (`POST /v1/embed-sessions` on your server): exchanged once for a session. */
  declare sessionSecret: string | undefined;
  /** Keeps the session in `sessionStorage` (this tab only) so that a reload stays logged in; off by default. */
  declare persistSession: boolean;
  /** Hides the "a service of …" line. */
  declare noBrand: boolean;
  /** A complete kit handed in directly (stories, tests): no loading at all. */
  declare kit: Kit | undefined;

  private readonly provider = new ContextProvider(this, { context: kitContext });
  private apiClient: Api;
  private readonly tenantTask: Task<readonly [string | undefined, string | undefined, Kit | undefined], TenantConfig | undefined> =
    new Task(this, {
      args: () => [this.api, this.publishableKey, this.kit] as const,
      task: async ([, , handed], { signal }) => {
        if (handed) return handed.tenant;
        const [tenant] = await Promise.all([this.apiClient.tenant(signal), loadLocale(this.currentLocale())]);
        await loadLocale(resolveLocale(this.locale ?? this.getAttribute('locale'), tenant));
        return tenant;
      },
      onError: (error) => this.dispatchEvent(new TkErrorEvent(this.errorDetail(error))),
    });
  private readonly requestedLocales = new Set<Locale>();
  /** The locale the widgets are given: a new one once its texts are there, so a switch never empties them. */
  private shownLocale: Locale | undefined;
  private appliedTheme: TenantConfig['branding']['theme'] | undefined;
  /** Held in memory; with `persist-session` also in sessionStorage. Never in a cookie. */
  private session: Session | undefined;

  /** Who is logged in (name, role, account), or null: with `tk-session-change`, for pages that show parts by role. */
  get user(): Session['user'] | null {
    return this.session?.user ?? null;
  }
  private exchanged: string | undefined;

  constructor() {
    super();
    this.noBrand = false;
    this.persistSession = false;
    this.apiClient = this.client();
  }

  private client(): Api {
    return createApi({
      baseUrl: this.api || location.origin,
      credential: () => this.publishableKey,
      session: () => this.session?.token,
      onSessionExpired: () => this.setSession(undefined, 'expired'),
      locale: () => this.currentLocale(),
    });
  }

  private get storageKey(): string {
    return `telkit.session.v1|${this.api || location.origin}|${this.publishableKey ?? ''}`;
  }

  private readonly setSession = (session: Session | undefined, reason?: SessionChangeReason): void => {
    const changed = session?.token !== this.session?.token;
    this.session = session;
    try {
      if (session && this.persistSession) sessionStorage.setItem(this.storageKey, JSON.stringify(session));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      // storage blocked (private mode, sandboxed frame): the session lives in memory only
    }
    if (!session && reason === 'expired') this.dispatchEvent(new TkSessionExpiredEvent());
    if (changed) this.dispatchEvent(new TkSessionChangeEvent({ user: session?.user ?? null, reason: reason ?? (session ? 'login' : 'logout') }));
    this.watchExpiry();
    this.requestUpdate();
  };

  /**
   * When the session's known expiry comes, asks the BFF whether it still holds (use extends it): yes moves
   * the expiry on; no ends it here too, so an idle page does not keep showing a logged-in view.
   */
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchExpiry(delay?: number): void {
    clearTimeout(this.expiryTimer);
    if (!this.session || !this.isConnected) return;
    const due = delay ?? Date.parse(this.session.expiresAt) - Date.now() + 1000;
    this.expiryTimer = setTimeout(() => void this.checkSession(), Math.min(Math.max(due, 1000), 2 ** 31 - 1));
  }

  private async checkSession(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const current = await this.apiClient.call((rpc, o) => rpc.v1.sessions.current.$get({}, o), { session: true });
      if (this.session === session) this.setSession({ ...session, expiresAt: current.expiresAt });
    } catch (error) {
      // `session_expired` has ended the session already (see `client`); anything else: try again in a minute
      if (this.session === session) this.watchExpiry(60_000);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.persistSession && !this.session) {
      try {
        const stored = JSON.parse(sessionStorage.getItem(this.storageKey) ?? 'null') as Session | null;
        if (stored && Date.parse(stored.expiresAt) > Date.now()) {
          this.session = stored;
          // After the page's own scripts have had a chance to listen.
          queueMicrotask(() => this.session === stored && this.dispatchEvent(new TkSessionChangeEvent({ user: stored.user, reason: 'restored' })));
        }
      } catch {
        // nothing usable stored
      }
    }
    this.watchExpiry();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.expiryTimer);
  }

  /** Exchanges `session-secret` once: the secret is single use, so a second exchange would fail. */
  private async exchange(secret: string): Promise<void> {
    this.exchanged = secret;
    try {
      const issued = await this.apiClient.call((rpc, o) => rpc.v1['embed-sessions'].exchange.$post({ json: { clientSecret: secret } }, o));
      this.setSession(issued);
    } catch (error) {
      this.dispatchEvent(new TkErrorEvent(this.errorDetail(error)));
      this.setSession(undefined, 'expired');
    }
  }

  private currentLocale(): Locale {
    return resolveLocale(this.locale ?? this.getAttribute('locale'), this.tenantTask?.value);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('api') || changed.has('publishableKey')) this.apiClient = this.client();
    const wanted = this.currentLocale();
    if (!this.requestedLocales.has(wanted) && !isLocaleLoaded(wanted)) {
      this.requestedLocales.add(wanted); // once: a file that fails keeps German instead of retrying on every update
      loadLocale(wanted).then(() => {
        if (this.currentLocale() === wanted) this.shownLocale = wanted; // even if a file failed: German stands in
        this.requestUpdate();
      });
    }
    // Until then the widgets keep the language they show (and their fields' state), rather than render nothing.
    if (!this.shownLocale || isLocaleLoaded(wanted)) this.shownLocale = wanted;
    const locale = this.shownLocale;
    if (this.sessionSecret && this.sessionSecret !== this.exchanged && !this.kit) void this.exchange(this.sessionSecret);
    const tenant = this.tenantTask.value;
    const kit: Kit = this.kit ?? { api: this.apiClient, locale, tenant, session: this.session, setSession: this.setSession };
    this.provider.setValue(this.kit ? this.kit : { ...kit, tenant });
    const theme = (this.kit?.tenant ?? tenant)?.branding.theme;
    if (theme && theme !== this.appliedTheme && this.shadowRoot) {
      this.appliedTheme = theme;
      const base = (this.constructor as typeof TkProvider).elementStyles.map((s) => (s instanceof CSSStyleSheet ? s : s.styleSheet!));
      this.shadowRoot.adoptedStyleSheets = [...base, themeSheet(theme)];
    }
  }

  private errorDetail(error: unknown): TkErrorDetail {
    const status = error instanceof TkApiError ? error.status : undefined;
    const code = error instanceof TkApiError ? error.code : 'network_error';
    const key = status === 401 ? 'unauthorized' : code === 'origin_not_allowed' ? 'origin' : status ? 'generic' : 'network';
    return { code, status, message: translate(this.currentLocale(), `kit.error.${key}`) };
  }

  protected override render() {
    const locale = this.currentLocale();
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
    // Acting on a sub-account: the banner's code comes only then (`acting.ts`), pages without it pay nothing.
    const acting = (this.kit?.session ?? this.session)?.user.acting;
    if (acting) void import('./acting.js');
    return html`${this.tenantTask.render({
        pending: () => html`<p class="loading" role="status">${t('kit.loading')}</p>`,
        complete: (tenant) =>
          tenant && !this.noBrand
            ? html`<p class="brand" part="brand">
                ${tenant.branding.logoUrl ? html`<img src="${tenant.branding.logoUrl}" alt="" />` : nothing}
                <span>${t('kit.brand', { name: tenant.name })}</span>
              </p>`
            : nothing,
        error: (error) => {
          const detail = this.errorDetail(error);
          return html`<tk-alert part="error" variant="error" lang="${locale}">
            <p>${detail.message}</p>
            ${detail.code === 'network_error'
              ? html`<tk-button variant="secondary" @click="${() => this.tenantTask.run()}">${t('kit.retry')}</tk-button>`
              : html`<p>${t('kit.error.contact')}</p>`}
          </tk-alert>`;
        },
      })}
      ${acting ? html`<tk-acting part="acting" .kit=${this.provider.value}></tk-acting>` : nothing}<slot></slot>`;
  }
}

defineOnce('tk-provider', TkProvider);

declare global {
  interface HTMLElementTagNameMap {
    'tk-provider': TkProvider;
  }
}
