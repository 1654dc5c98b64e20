import { html, nothing, type ReactiveControllerHost } from 'lit';
import { defineCatalogue } from '../../contract/i18n.js';
import { TkApiError } from '../core/api.js';
import type { Kit, Session } from '../core/context.js';
import type { PortalForm } from './form.js';
import de from './messages/passkey/de.js';

/**
 * Passkeys in the browser, with the native WebAuthn JSON API (no library): sign-in from the username
 * field's autofill (conditional mediation) and with a button, and the ceremonies other steps run
 * (`get` for the login's passkey step, `create` for the password setup). Loaded by `tk-login` after its
 * first render where `PublicKeyCredential` exists; the tenant's relying party decides whether it shows.
 */
export const passkeyMessages = defineCatalogue('passkey', de, (locale) => import(`./messages/passkey/${locale}.ts`));

type Options = { challenge: string } & Record<string, unknown>;
type Json = { toJSON(): Record<string, unknown> };

/** Runs a sign-in ceremony; undefined when the person (or an abort) ended it: that needs no message. */
export async function get(options: Options, signal?: AbortSignal, mediation?: CredentialMediationRequirement) {
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options as unknown as PublicKeyCredentialRequestOptionsJSON);
  return quiet(navigator.credentials.get({ publicKey, mediation, signal }));
}

/** Runs a registration ceremony; undefined when the person ended it. */
export async function create(options: Options) {
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options as unknown as PublicKeyCredentialCreationOptionsJSON);
  return quiet(navigator.credentials.create({ publicKey }));
}

/**
 * Why a ceremony failed, for a plain sentence: `exists` — this device already holds a passkey of the account
 * (`InvalidStateError`, from `create`); `unsupported` — this browser or this page cannot use passkeys
 * (`TypeError` where the JSON API is missing, `NotSupportedError`, `SecurityError` for the relying party);
 * `failed` — anything else. A cancelled or aborted ceremony never gets here (`get`/`create` say undefined).
 */
export function failure(error: unknown): 'exists' | 'unsupported' | 'failed' {
  const name = error instanceof Error ? error.name : '';
  if (name === 'InvalidStateError') return 'exists';
  return /^(TypeError|NotSupportedError|SecurityError)$/.test(name) ? 'unsupported' : 'failed';
}

/**
 * Shows `text` in a portal form's error summary (it takes focus), like a refused request: a ceremony the
 * device ended with an error says so where every other problem of the form shows.
 */
export async function refuse(host: ReactiveControllerHost, form: PortalForm<string>, text: string): Promise<void> {
  form.errors = {};
  form.submit.error = new TkApiError({ type: 'about:blank', title: text, status: 0, code: 'passkey_failed', requestId: '' });
  host.requestUpdate();
  await form.focus('[data-error-summary]');
}

/** A cancelled or aborted ceremony is no error: swallowed without a word (no console output either). */
async function quiet(request: Promise<Credential | null>) {
  try {
    const credential = (await request) as (Credential & Json) | null;
    return credential?.toJSON() as { id: string; rawId: string; type: 'public-key'; response: Record<string, unknown> } | undefined;
  } catch (error) {
    if (error instanceof DOMException && /^(AbortError|NotAllowedError)$/.test(error.name)) return undefined;
    throw error;
  }
}

/**
 * Whether passkeys of the tenant's relying party work on this page: its RP ID (else the BFF's host) is
 * this host or a parent of it, in a secure context, and not an IP address (browsers refuse those as RP IDs).
 */
export function available(kit: Kit): boolean {
  if (!kit.tenant) return false;
  const rpId = kit.tenant.passkeys?.rpId ?? new URL(kit.api.baseUrl, location.href).hostname;
  const host = location.hostname;
  const ip = /^[\d.]+$|:/.test(host);
  return isSecureContext && !ip && Boolean(window.PublicKeyCredential) && (host === rpId || host.endsWith(`.${rpId}`));
}

interface LoginHost extends ReactiveControllerHost, HTMLElement {
  readonly form: PortalForm<string>;
  loggedIn(session: Session): Promise<void>;
}

/** Per login element: its pending autofill request and whether it shows the button. */
const state = new WeakMap<LoginHost, { shown: boolean; abort?: AbortController; modal?: boolean }>();

/**
 * Called after each render of `tk-login`: on the credentials step, shows the button and starts the one
 * autofill request; on any other step (and on disconnect) aborts it.
 */
export function autofill(host: LoginHost): void {
  let s = state.get(host);
  if (!s) {
    s = { shown: false };
    state.set(host, s);
    host.addController({ hostDisconnected: () => stop(host) });
  }
  const kit = host.form.i18n.kit;
  if (host.form.step !== 'credentials' || !kit || kit.session || !available(kit)) return stop(host);
  // One request at a time: none while the modal one runs, one autofill request at most.
  if (s.abort || s.modal) return;
  s.abort = new AbortController();
  void start(host, kit, s.abort.signal);
}

function stop(host: LoginHost): void {
  const s = state.get(host);
  s?.abort?.abort();
  if (s) s.abort = undefined;
}

async function start(host: LoginHost, kit: Kit, signal: AbortSignal): Promise<void> {
  await passkeyMessages.load(host.form.i18n.locale).catch(() => undefined); // a missing file leaves German
  const s = state.get(host)!;
  if (!s.shown) {
    s.shown = true;
    host.requestUpdate();
  }
  if (!(await PublicKeyCredential.isConditionalMediationAvailable?.()) || signal.aborted) return;
  await signIn(host, kit, signal, 'conditional');
}

/**
 * One sign-in: options, the ceremony, the answer; a refused passkey shows in the error summary. The
 * automatic (conditional) request stays silent whatever happens: the person asked for nothing. The button's
 * says why it failed (no options, a device error); only a cancelled ceremony says nothing.
 */
async function signIn(host: LoginHost, kit: Kit, signal: AbortSignal | undefined, mediation?: CredentialMediationRequirement): Promise<void> {
  const quietly = mediation === 'conditional';
  const ceremony = quietly
    ? await kit.api.call((rpc, opts) => rpc.v1.sessions.passkey.options.$post({}, opts), { signal }).catch(() => undefined)
    : await host.form.send((_, o) => kit.api.call((rpc, opts) => rpc.v1.sessions.passkey.options.$post({}, opts), o));
  if (!ceremony) return;
  let credential: Awaited<ReturnType<typeof get>>;
  try {
    credential = await get(ceremony.options, signal, mediation);
  } catch (error) {
    if (!quietly) await refuse(host, host.form, passkeyMessages.t(host.form.i18n.locale, failure(error) === 'unsupported' ? 'passkey.unsupported' : 'passkey.failed'));
    return;
  }
  if (!credential) return;
  const session = await host.form.send((k, o) => k.api.call((rpc, opts) => rpc.v1.sessions.passkey.$post({ json: { challengeId: ceremony.challengeId, credential } }, opts), o));
  if (session) await host.loggedIn(session);
}

/** The modal sign-in: the pending autofill request ends first (a browser allows one request at a time). */
async function modal(host: LoginHost): Promise<void> {
  const kit = host.form.i18n.kit;
  const s = state.get(host);
  if (!kit || !s || s.modal || host.form.submit.busy) return;
  stop(host);
  s.modal = true;
  await signIn(host, kit, undefined).finally(() => (s.modal = false));
  // Still on the credentials step (cancelled or refused): autofill again.
  if (host.isConnected) autofill(host);
}

/** "Log in with a passkey", below the password form; nothing where passkeys do not work. */
export function button(host: LoginHost) {
  const locale = host.form.i18n.locale;
  if (!state.get(host)?.shown) return nothing;
  return html`<p>${passkeyMessages.t(locale, 'passkey.or')}</p>
    <div class="actions"><tk-button variant="secondary" @click=${() => modal(host)}>${passkeyMessages.t(locale, 'passkey.login')}</tk-button></div>`;
}
