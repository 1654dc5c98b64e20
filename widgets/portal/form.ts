import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Catalogue, Params } from '../../contract/i18n.js';
import { TkApiError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { renderErrorSummary } from '../core/error-summary.js';
import { errorMessage, translate } from '../core/i18n/index.js';
import type { KitController } from '../core/kit.js';
import { LightDomController } from '../core/light-dom.js';
import { SubmitController } from '../core/submit.js';
import '../primitives/text-field.js';
import { type PortalKey, pt } from './messages.js';

type Host = ReactiveControllerHost & HTMLElement & { headingLevel: number };
type Field = HTMLElement & { name: string; value: string };

/** A credential field for a portal widget's light DOM (see `tk-text-field credential`). */
export interface CredentialSpec {
  name: string;
  label: string;
  autocomplete: 'username' | 'username webauthn' | 'current-password' | 'new-password';
  type?: 'text' | 'password';
  hint?: string;
}

/**
 * What the portal widgets (login, password setup, profile) share: their steps, the values and errors
 * of their fields, one submission at a time, the error summary that takes focus, the heading that takes
 * focus on a new step, and the light DOM for the inputs password managers fill.
 */
export class PortalForm<Step extends string, Key extends string = never> implements ReactiveController {
  step: Step;
  values: Record<string, string> = {};
  errors: Record<string, string> = {};
  /** A success message at the top of the widget ("link sent", "logged out"), in `banner()`. */
  notice = '';
  readonly submit: SubmitController;
  readonly light: LightDomController;

  constructor(
    private readonly host: Host,
    readonly i18n: KitController,
    first: Step,
    /** The widget's own catalogue, beside the portal's (`messages.ts`). */
    private readonly own?: Catalogue<Key>,
  ) {
    this.step = first;
    this.submit = new SubmitController(host, i18n);
    this.light = new LightDomController(host);
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the texts of the widget's language are there; if not, they are fetched and the widget renders again. */
  get ready(): boolean {
    return this.i18n.ready;
  }

  /** A text of the widget's own catalogue, else of the portal's. */
  readonly t = (key: PortalKey | Key, params?: Params): string => {
    const locale = this.i18n.locale;
    return this.own && Object.hasOwn(this.own.texts(locale), key) ? this.own.t(locale, key as Key, params) : pt(locale, key as PortalKey, params);
  };

  /** A field error message in the widget's language (the codes the BFF uses). */
  fieldError(code: string): string {
    return errorMessage(this.i18n.locale, code);
  }

  /** Keeps the value of a field (`@input` on it); an error about its old value goes. */
  readonly input = (event: Event): void => {
    const field = event.currentTarget as Field;
    this.values = { ...this.values, [field.name]: field.value };
    if (this.errors[field.name]) this.errors = { ...this.errors, [field.name]: '' };
    this.host.requestUpdate();
  };

  readonly heading = (text: string): TemplateResult =>
    html`<div class="heading" role="heading" aria-level=${this.host.headingLevel} tabindex="-1" data-heading>${text}</div>`;

  /**
   * The success banner: one live region that stays in place across steps (render it first, in every
   * state), so that a notice set before a step change is announced once, while focus goes to the heading.
   */
  banner(): TemplateResult {
    return html`<div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>`;
  }

  legend(): TemplateResult {
    return html`<p class="legend">${translate(this.i18n.locale, 'form.requiredLegend')}</p>`;
  }

  /**
   * The credential fields for the light DOM, in a form of their own as password managers expect; Enter in
   * them submits it, to the same handler as the shadow root's form.
   */
  credentials(fields: TemplateResult, submit: (event: Event) => void): TemplateResult {
    return html`<form novalidate @submit=${submit}>${fields}</form>`;
  }

  credential(spec: CredentialSpec): TemplateResult {
    return html`<tk-text-field
      credential
      required
      name=${spec.name}
      label=${spec.label}
      hint=${spec.hint ?? ''}
      type=${spec.type ?? 'text'}
      autocomplete=${spec.autocomplete}
      .value=${this.values[spec.name] ?? ''}
      .error=${this.errors[spec.name] ?? ''}
      @input=${this.input}
    ></tk-text-field>`;
  }

  /** The error summary: each field error (by its label) leads to its field; else the request's problem. */
  summary(labels: Record<string, string>): TemplateResult | typeof nothing {
    const invalid = Object.entries(this.errors)
      .filter(([name, message]) => message && labels[name])
      .map(([name, message]) => ({ control: this.field(name)!, label: labels[name]!, message }))
      .filter((f) => f.control);
    const problem = invalid.length === 0 && this.submit.error ? this.submit.message() : '';
    return renderErrorSummary(invalid, translate(this.i18n.locale, 'form.errorSummary'), problem);
  }

  /** Client-side checks first: problems go to the fields and the summary takes focus; true when clean. */
  async check(problems: Record<string, string | undefined>): Promise<boolean> {
    this.errors = Object.fromEntries(Object.entries(problems).filter((e): e is [string, string] => Boolean(e[1])));
    this.submit.error = undefined;
    this.host.requestUpdate();
    if (Object.keys(this.errors).length === 0) return true;
    await this.focus('[data-error-summary]');
    return false;
  }

  /** Runs a request; its field errors land on the fields; on failure the summary takes focus. */
  async send<T>(request: (kit: Kit, o: { signal: AbortSignal; idempotencyKey: string }) => Promise<T>): Promise<T | undefined> {
    const kit = this.i18n.kit;
    if (!kit) return undefined;
    this.notice = '';
    const result = await this.submit.run((o) => request(kit, o));
    if (result === undefined && this.submit.error) {
      const error = this.submit.error;
      this.errors = error instanceof TkApiError ? Object.fromEntries([...error.fieldErrors].map(([path, e]) => [path, e.message])) : {};
      this.host.requestUpdate();
      await this.focus('[data-error-summary]');
    }
    return result;
  }

  /** Shows another step with a clean slate (and `notice` in the banner) and moves focus to its heading (or to `target`). */
  async go(step: Step, notice = '', target = '[data-heading]'): Promise<void> {
    this.step = step;
    this.notice = notice;
    this.errors = {};
    this.submit.error = undefined;
    // Another step is another request: a retry key of the one left behind must not carry over to it.
    this.submit.forget();
    this.host.requestUpdate();
    await this.focus(target);
  }

  /** Moves focus, after the next render, to an element of the shadow root (a heading, the summary). */
  async focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    await this.light.settled();
    (this.host.shadowRoot ?? this.host).querySelector<HTMLElement>(selector)?.focus();
  }

  /** After a login, the widget's heading; after a logout or expiry, the heading of the login it shows in its place. */
  async focusAfterSession(loggedIn: boolean): Promise<void> {
    if (loggedIn) return this.focus('[data-heading]');
    await this.host.updateComplete;
    const login = this.host.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('tk-login');
    await login?.updateComplete;
    login?.shadowRoot?.querySelector<HTMLElement>('[data-heading]')?.focus();
  }

  /** A field of the widget, in its shadow root or (a credential field) in its light DOM. */
  private field(name: string): HTMLElement | null {
    const selector = `[name="${name}"]`;
    return this.host.shadowRoot?.querySelector<HTMLElement>(selector) ?? this.host.querySelector<HTMLElement>(selector);
  }
}
