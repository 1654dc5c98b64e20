import { Task } from '@lit/task';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { type Api, TkApiError } from './api.js';
import { TkErrorEvent } from './events.js';
import type { KitController } from './kit.js';
import { failureMessage } from './submit.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly i18n: KitController };

/**
 * The load of a list widget (`tk-sub-users`, `tk-locations`): fetched again whenever the session changes
 * (a login, a switch to a sub-account and back), nothing without one. A failure other than an abort fires
 * `tk-error` with the text the widget shows; `failed` learns whether the session had run out.
 */
export function sessionListTask<T>(
  host: Host,
  o: { fetch(api: Api, signal: AbortSignal): Promise<T>; loaded(value: T): void; failed(expired: boolean): void },
): Task<readonly [string | undefined], T | undefined> {
  return new Task(host, {
    args: () => [host.i18n.kit?.session?.token] as const,
    task: async ([token], { signal }) => {
      const api = host.i18n.kit?.api;
      if (!token || !api) return undefined;
      try {
        const value = await o.fetch(api, signal);
        o.loaded(value);
        return value;
      } catch (error) {
        o.failed(error instanceof TkApiError && error.code === 'session_expired');
        if (!(error instanceof DOMException && error.name === 'AbortError')) {
          const problem = error instanceof TkApiError ? error : undefined;
          host.dispatchEvent(new TkErrorEvent({ code: problem?.code ?? 'network_error', status: problem?.status, message: failureMessage(error, host.i18n.locale) }));
        }
        throw error;
      }
    },
  });
}

/**
 * What a list widget shows when its load failed: for a session that may not see the list, a warning; else
 * the reason and "try again". `t` gives the widget's own `forbidden`, `loadFailed` and `retry` texts.
 */
export function loadFailure(host: Host & { load: { run(): unknown } }, error: unknown, t: (key: 'forbidden' | 'loadFailed' | 'retry') => string): TemplateResult {
  return error instanceof TkApiError && error.code === 'forbidden'
    ? html`<tk-alert variant="warning"><p>${t('forbidden')}</p></tk-alert>`
    : html`<tk-alert variant="error" data-load-error>
        <p>${t('loadFailed')} ${failureMessage(error, host.i18n.locale)}</p>
        <tk-button variant="secondary" @click=${() => host.load.run()}>${t('retry')}</tk-button>
      </tk-alert>`;
}

/**
 * What a list widget shows without a session: `<tk-login>` in its light DOM (where password managers find its
 * inputs), and above it why — the session ran out (`expired`, or the last request said so) or a login is needed.
 * `t` gives the widget's own `sessionExpired` and `loginFirst` texts.
 */
export function loginInPlace(
  host: Host & { headingLevel: number; readonly form: { light: { content: unknown }; banner(): unknown; submit: { error: unknown } } },
  expired: boolean,
  t: (key: 'sessionExpired' | 'loginFirst') => string,
): TemplateResult {
  const { form } = host;
  const ended = expired || (form.submit.error instanceof TkApiError && form.submit.error.code === 'session_expired');
  form.light.content = html`<tk-login .kit=${host.i18n.kit} heading-level=${host.headingLevel} @tk-complete=${(e: Event) => (e.stopPropagation(), host.requestUpdate())}></tk-login>`;
  return html`${form.banner()}${ended ? html`<tk-alert><p>${t('sessionExpired')}</p></tk-alert>` : html`<p>${t('loginFirst')}</p>`}<slot></slot>`;
}
