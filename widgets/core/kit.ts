import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../contract/tenant.js';
import { createApi } from './api.js';
import { type Kit, kitContext, type Session, type SessionChangeReason } from './context.js';
import { TkSessionExpiredEvent } from './events.js';
import { isLocaleLoaded, loadLocale, type MessageKey, resolveLocale, translate } from './i18n/index.js';

type Host = ReactiveControllerHost & HTMLElement & { kit?: Kit };

/** The attributes a widget reads when it is used without `<tk-provider>`; spread into its `properties`. */
export const standaloneProperties = {
  api: {},
  publishableKey: { attribute: 'publishable-key' },
  locale: {},
  kit: { attribute: false },
} as const;

/** A widget used without `<tk-provider>` reads the same attributes itself. */
export interface StandaloneHost extends Host {
  api?: string;
  publishableKey?: string;
  locale?: string;
}

/** Whether a `<tk-provider>` is around the element (also across shadow roots). */
export function insideProvider(el: Element): boolean {
  for (let node: Node | null = el.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.localName === 'tk-provider') return true;
  }
  return false;
}

function langOf(el: Element): string | null {
  for (let node: Node | null = el; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
  }
  return null;
}

/**
 * Gives a component the kit: its own `kit` property (stories, tests), else the nearest provider's
 * (through the one context), else — with `standalone` — a kit built from its own attributes.
 */
export class KitController implements ReactiveController {
  private provided: Kit | undefined;
  private own: Kit | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: { standalone?: boolean } = {},
  ) {
    new ContextConsumer(host, {
      context: kitContext,
      subscribe: true,
      callback: (kit) => {
        this.provided = kit;
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.options.standalone || this.host.kit || insideProvider(this.host)) return;
    const host = this.host as StandaloneHost;
    const locale = () => resolveLocale(host.locale ?? host.getAttribute('locale'), this.own?.tenant);
    const setSession = (session: Session | undefined, reason?: SessionChangeReason) => {
      this.own = { ...this.own!, session };
      if (!session && reason === 'expired') host.dispatchEvent(new TkSessionExpiredEvent());
      host.requestUpdate();
    };
    const api = createApi({
      baseUrl: host.api ?? host.getAttribute('api') ?? location.origin,
      credential: () => host.publishableKey ?? host.getAttribute('publishable-key') ?? undefined,
      session: () => this.own?.session?.token,
      onSessionExpired: () => setSession(undefined, 'expired'),
      locale,
    });
    this.own = { api, locale: locale(), tenant: undefined, session: undefined, setSession };
    // Without a key (the BFF's own pages) there is no tenant to load: the page's link authenticates.
    if (!(host.publishableKey ?? host.getAttribute('publishable-key'))) return;
    api.tenant().then(
      (tenant) => {
        this.own = { ...this.own!, tenant, locale: resolveLocale(host.getAttribute('locale'), tenant) };
        host.requestUpdate();
      },
      () => {
        // the widget shows its own error state through its requests; nothing to add here
      },
    );
  }

  hostDisconnected(): void {}

  get kit(): Kit | undefined {
    return this.host.kit ?? this.provided ?? this.own;
  }

  private readonly requested = new Set<Locale>();
  private readonly settled = new Set<Locale>();

  /**
   * The kit's locale. The first time a locale is asked for that some catalogue on the page lacks, it is
   * loaded (once per controller; a failed file keeps German) and the host renders again.
   */
  get locale(): Locale {
    const locale = this.kit?.locale ?? resolveLocale(langOf(this.host), undefined, []);
    if (!this.requested.has(locale) && !isLocaleLoaded(locale)) {
      this.requested.add(locale);
      loadLocale(locale).then(() => {
        this.settled.add(locale);
        this.host.requestUpdate();
      });
    }
    return locale;
  }

  /** Whether the host was ready once: from then on it never renders empty again. */
  private shown = false;

  /**
   * Whether the kit's locale is loaded (or failed to, German standing in): a widget may render nothing until
   * then, the first time. Once it was on screen it stays: a lazy chunk that defines a catalogue of its own
   * while the locale switches (and loads its own texts before it shows them) must not empty a form that is
   * there — the provider switched only once the locale's texts were loaded; the rest follows on its load.
   */
  get ready(): boolean {
    const locale = this.locale;
    if (this.settled.has(locale) || isLocaleLoaded(locale)) this.shown = true;
    return this.shown;
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.locale, key, params);
}
