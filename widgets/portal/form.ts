import { css, type CSSResult, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { PinChallenge } from '../../contract/portal.js';
import { isPin } from '../../contract/rules.js';
import { TkApiError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { errorMessage, translate } from '../core/i18n/index.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { SubmitController } from '../core/submit.js';
import { type PortalKey, pt } from './messages.js';

/**
 * The portal widgets render into the light DOM: browsers' password managers find username, password
 * and one-time-code inputs only there. Their look comes from one constructed stylesheet adopted by the
 * document (or the shadow root they sit in), every rule scoped under `.tk-portal`.
 */
export const portalStyles = css`
  .tk-portal {
    display: block;
    max-width: 40rem;
    font-family: var(--tk-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--tk-font-size, 1rem);
    line-height: 1.5;
    color: var(--tk-color-text, #1b1b1f);
  }
  .tk-portal *, .tk-portal *::before, .tk-portal *::after { box-sizing: border-box; }
  .tk-portal :focus-visible { outline: var(--tk-focus-ring-width, 3px) solid var(--tk-focus-ring-color, var(--tk-color-primary, #0b57d0)); outline-offset: 2px; }
  .tk-portal .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .tk-portal .tk-heading { font-size: 1.375em; font-weight: 700; margin: 0 0 var(--tk-space-3, 0.75rem); }
  .tk-portal .tk-heading:focus { outline: none; }
  .tk-portal p { margin: 0 0 var(--tk-space-3, 0.75rem); }
  .tk-portal .tk-legend { color: var(--tk-color-text-muted, #4a4a55); }
  .tk-portal .tk-field { margin-block-end: var(--tk-space-4, 1.25rem); }
  .tk-portal .tk-label { display: block; font-weight: 600; margin-block-end: var(--tk-space-1, 0.25rem); }
  .tk-portal .tk-required { color: var(--tk-color-danger, #b3261e); margin-inline-start: 0.125em; }
  .tk-portal .tk-hint { display: block; color: var(--tk-color-text-muted, #4a4a55); margin-block-end: var(--tk-space-1, 0.25rem); }
  .tk-portal .tk-error { display: block; color: var(--tk-color-danger, #b3261e); font-weight: 600; margin-block-end: var(--tk-space-1, 0.25rem); }
  .tk-portal .tk-error:empty { display: none; }
  .tk-portal .tk-input {
    font: inherit; color: var(--tk-color-text, #1b1b1f); background: var(--tk-color-background, #ffffff);
    border: var(--tk-border-width, 2px) solid var(--tk-color-border, #6b6b76); border-radius: var(--tk-radius, 0.375rem);
    padding: var(--tk-space-2, 0.5rem) var(--tk-space-3, 0.75rem); min-height: 2.75rem; width: 100%; max-width: var(--tk-field-max-width, 32rem); margin: 0;
  }
  .tk-portal .tk-input[aria-invalid='true'] { border-color: var(--tk-color-danger, #b3261e); border-width: 3px; }
  .tk-portal .tk-pin { max-width: 10rem; letter-spacing: 0.3em; font-variant-numeric: tabular-nums; }
  .tk-portal .tk-actions { display: flex; flex-wrap: wrap; gap: var(--tk-space-3, 0.75rem); align-items: center; margin-block: var(--tk-space-3, 0.75rem); }
  .tk-portal .tk-button {
    font: inherit; font-weight: 600; min-height: 2.75rem; min-width: 2.75rem; padding: var(--tk-space-2, 0.5rem) var(--tk-space-4, 1.25rem);
    border-radius: var(--tk-radius, 0.375rem); border: 2px solid var(--tk-color-primary, #0b57d0);
    background: var(--tk-color-primary, #0b57d0); color: var(--tk-color-on-primary, #ffffff); cursor: pointer; margin: 0;
  }
  .tk-portal .tk-button.tk-secondary { background: transparent; color: var(--tk-color-primary, #0b57d0); }
  .tk-portal .tk-button[aria-disabled='true'] { opacity: 0.7; cursor: progress; }
  .tk-portal .tk-link {
    font: inherit; background: none; border: 0; padding: 0.5rem 0; min-height: 2.75rem; color: var(--tk-color-primary, #0b57d0);
    text-decoration: underline; cursor: pointer; text-align: start;
  }
  .tk-portal .tk-field:has(+ .tk-reveal) { margin-block-end: 0; }
  .tk-portal .tk-reveal { display: inline-flex; gap: 0.5rem; align-items: center; margin-block-start: var(--tk-space-1, 0.25rem); min-height: 2.75rem; }
  .tk-portal .tk-reveal input { width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--tk-color-primary, #0b57d0); }
  .tk-portal .tk-alert {
    border-inline-start: 0.5rem solid var(--tk-color-primary, #0b57d0); background: var(--tk-color-surface, #f5f6f8);
    padding: var(--tk-space-3, 0.75rem) var(--tk-space-4, 1.25rem); margin-block-end: var(--tk-space-4, 1.25rem); border-radius: var(--tk-radius, 0.375rem);
  }
  .tk-portal .tk-alert:focus { outline: var(--tk-focus-ring-width, 3px) solid var(--tk-focus-ring-color, var(--tk-color-primary, #0b57d0)); }
  .tk-portal .tk-alert.tk-danger { border-color: var(--tk-color-danger, #b3261e); }
  .tk-portal .tk-alert.tk-success { border-color: var(--tk-color-success, #146c2e); }
  .tk-portal .tk-alert > :last-child { margin-block-end: 0; }
  .tk-portal .tk-alert ul { margin: 0; padding-inline-start: 1.25rem; }
  .tk-portal .tk-alert .tk-link { color: var(--tk-color-danger, #b3261e); padding: 0.25rem 0; min-height: 0; vertical-align: top; }
  .tk-portal dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: var(--tk-space-2, 0.5rem) var(--tk-space-4, 1.25rem); margin: 0 0 var(--tk-space-4, 1.25rem); }
  .tk-portal dt { font-weight: 600; }
  .tk-portal dd { margin: 0; overflow-wrap: anywhere; }
  @media (max-width: 30rem) { .tk-portal dl { grid-template-columns: 1fr; } .tk-portal dd { margin-block-end: var(--tk-space-2, 0.5rem); } }
  @media (forced-colors: active) { .tk-portal .tk-input { border-color: CanvasText; } .tk-portal .tk-error, .tk-portal .tk-required { color: CanvasText; } }
`;

function adopt(root: Node, styles: CSSResult): void {
  const target = root as Document | ShadowRoot;
  const sheet = styles.styleSheet;
  if (!sheet || !('adoptedStyleSheets' in target) || target.adoptedStyleSheets.includes(sheet)) return;
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'password';
  autocomplete: string;
  required?: boolean;
  hint?: string;
  inputmode?: 'numeric' | 'email' | 'tel' | 'text';
  maxlength?: number;
  className?: string;
}

let instances = 0;

/**
 * Base of the portal widgets: light-DOM rendering, the kit, one submission at a time, field values and
 * errors, an error summary that takes focus, and the SMS PIN step they share.
 */
export abstract class PortalElement<Step extends string = string> extends LitElement {
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    step: { state: true },
    ...standaloneProperties,
    values: { state: true },
    errors: { state: true },
    notice: { state: true },
    revealed: { state: true },
  };

  /** Level of the widget's heading (default 2), to fit the page's outline. */
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  protected declare values: Record<string, string>;
  protected declare errors: Record<string, string>;
  /** A status line read out politely: "new code sent", "logged out". */
  protected declare notice: string;
  protected declare revealed: boolean;
  /** The widget's current step; `go` changes it. */
  protected declare step: Step;
  /** The PIN challenge the PIN step answers. */
  protected challenge: PinChallenge | undefined;
  protected readonly i18n = new KitController(this, { standalone: true });
  protected readonly submit = new SubmitController(this, this.i18n);
  private readonly uid = `tk-p${++instances}`;

  constructor() {
    super();
    this.headingLevel = 2;
    this.values = {};
    this.errors = {};
    this.notice = '';
    this.revealed = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.classList.add('tk-portal');
    adopt(this.getRootNode(), portalStyles);
  }

  protected get loc() {
    return this.i18n.locale;
  }

  protected t(key: PortalKey, params?: Record<string, string | number>): string {
    return pt(this.loc, key, params);
  }

  protected idOf(name: string): string {
    return `${this.uid}-${name}`;
  }

  protected heading(text: string) {
    return html`<div class="tk-heading" role="heading" aria-level=${this.headingLevel} tabindex="-1" data-heading>${text}</div>`;
  }

  protected requiredLegend() {
    return html`<p class="tk-legend">${translate(this.loc, 'form.requiredLegend')}</p>`;
  }

  protected field(spec: FieldSpec): TemplateResult {
    const id = this.idOf(spec.name);
    const error = this.errors[spec.name];
    const describedBy = [spec.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
    return html`<div class="tk-field">
      <label class="tk-label" for=${id}>${spec.label}${spec.required === false ? nothing : html`<span class="tk-required" aria-hidden="true">*</span>`}</label>
      ${spec.hint ? html`<span class="tk-hint" id="${id}-hint">${spec.hint}</span>` : nothing}
      <span class="tk-error" id="${id}-error">${error ? html`<span class="visually-hidden">${translate(this.loc, 'form.errorPrefix')} </span>${error}` : nothing}</span>
      <input
        class="tk-input ${spec.className ?? ''}"
        id=${id}
        name=${spec.name}
        type=${spec.type ?? 'text'}
        autocomplete=${spec.autocomplete}
        inputmode=${spec.inputmode ?? nothing}
        maxlength=${spec.maxlength ?? nothing}
        spellcheck="false"
        autocapitalize="none"
        ?required=${spec.required !== false}
        aria-required=${spec.required === false ? 'false' : 'true'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${this.values[spec.name] ?? ''}
        @input=${(e: Event) => {
          this.values = { ...this.values, [spec.name]: (e.target as HTMLInputElement).value };
        }}
      />
    </div>`;
  }

  /** The "show password" switch for the password fields of a form. */
  protected revealSwitch() {
    return html`<label class="tk-reveal"
      ><input type="checkbox" .checked=${this.revealed} @change=${(e: Event) => (this.revealed = (e.target as HTMLInputElement).checked)} />${this.t('password.show')}</label
    >`;
  }

  /** The error summary: field errors as buttons that move to their field, or the request's problem. */
  protected summary(labels: Record<string, string>) {
    const fieldErrors = Object.entries(this.errors).filter(([name, message]) => message && labels[name]);
    const problem = fieldErrors.length === 0 && this.submit.error ? this.submit.message() : '';
    if (fieldErrors.length === 0 && !problem) return nothing;
    const attemptsLeft = this.submit.error instanceof TkApiError ? this.submit.error.problem.attemptsLeft : undefined;
    return html`<div class="tk-alert tk-danger" role="alert" tabindex="-1" data-summary>
      ${problem
        ? html`<p>${problem}</p>`
        : html`<p>${translate(this.loc, 'form.errorSummary')}</p>
            <ul>
              ${fieldErrors.map(
                ([name, message]) =>
                  html`<li><button type="button" class="tk-link" @click=${() => this.querySelector<HTMLElement>(`#${this.idOf(name)}`)?.focus()}>${labels[name]}: ${message}</button></li>`,
              )}
            </ul>`}
      ${attemptsLeft !== undefined ? html`<p>${this.t('pin.attemptsLeft', { n: attemptsLeft })}</p>` : nothing}
    </div>`;
  }

  /** Client-side checks first: problems go to the fields and the summary takes focus; true when clean. */
  protected async check(problems: Record<string, string | undefined>): Promise<boolean> {
    const errors = Object.fromEntries(Object.entries(problems).filter((e): e is [string, string] => Boolean(e[1])));
    this.errors = errors;
    this.submit.error = undefined;
    if (Object.keys(errors).length === 0) return true;
    await this.focusOn('[data-summary]');
    return false;
  }

  /** Runs a request; its field errors land on the fields; on failure the summary takes focus. */
  protected async send<T>(request: (kit: Kit, o: { signal: AbortSignal; idempotencyKey: string }) => Promise<T>): Promise<T | undefined> {
    const kit = this.i18n.kit;
    if (!kit) return undefined;
    this.notice = '';
    const result = await this.submit.run((o) => request(kit, o));
    if (result === undefined && this.submit.error) {
      const error = this.submit.error;
      this.errors = error instanceof TkApiError ? Object.fromEntries([...error.fieldErrors].map(([path, e]) => [path, e.message])) : {};
      await this.focusOn('[data-summary]');
    }
    return result;
  }

  /** Shows another step with a clean slate and moves focus to its heading. */
  protected async go(step: Step): Promise<void> {
    this.step = step;
    this.errors = {};
    this.submit.error = undefined;
    await this.focusOn('[data-heading]');
  }

  /** Moves focus after the next render: to the summary after a failure, to the heading on a new step. */
  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    // A portal widget inside this one (the login inside the profile) renders on its own schedule.
    for (const inner of this.querySelectorAll<PortalElement>('.tk-portal')) await inner.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  protected busyButton(label: string) {
    return html`<button type="submit" class="tk-button" aria-disabled=${this.submit.busy ? 'true' : 'false'}>
      ${this.submit.busy ? translate(this.loc, 'button.busy') : label}
    </button>`;
  }

  /**
   * The SMS PIN step for `this.challenge`: the masked number, the code, confirm, a new code (`resend`
   * asks for it; the new challenge replaces the old one), back.
   */
  protected pinStep(on: {
    verify: (pin: string, challengeId: string) => void;
    resend: (kit: Kit, challengeId: string, o: { signal: AbortSignal; idempotencyKey: string }) => Promise<PinChallenge>;
    back: () => void;
  }) {
    const challenge = this.challenge!;
    const submit = async (e: Event) => {
      e.preventDefault();
      if (this.submit.busy) return;
      const pin = this.values.pin ?? '';
      if (await this.check({ pin: pin ? (isPin(pin) ? undefined : this.fieldError('pin_format')) : this.fieldError('required') })) on.verify(pin, challenge.challengeId);
    };
    const resend = async () => {
      if (this.submit.busy) return;
      const next = await this.send((kit, o) => on.resend(kit, challenge.challengeId, o));
      if (!next) return;
      this.challenge = next;
      this.errors = {};
      this.values = { ...this.values, pin: '' }; // the old code no longer works
      this.notice = this.t('pin.resent', { to: next.sentTo });
    };
    return html`<form novalidate @submit=${submit}>
      ${this.heading(this.t('pin.title'))}
      ${this.summary({ pin: this.t('pin') })}
      <p>${this.t('pin.intro', { to: challenge.sentTo })}</p>
      <p role="status">${this.notice}</p>
      ${this.field({ name: 'pin', label: this.t('pin'), autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 7, hint: this.t('pin.hint'), className: 'tk-pin' })}
      <div class="tk-actions">
        ${this.busyButton(this.t('pin.submit'))}
        <button type="button" class="tk-button tk-secondary" @click=${resend}>${this.t('pin.resend')}</button>
        <button type="button" class="tk-link" @click=${on.back}>${this.t('back')}</button>
      </div>
    </form>`;
  }

  /** Logs out at the BFF and clears the session of every widget of the kit; false when there was none. */
  protected async logOut(): Promise<boolean> {
    const kit = this.i18n.kit;
    if (!kit?.session || this.submit.busy) return false;
    await this.send((k, o) => k.api.call((rpc, opts) => rpc.v1.sessions.current.$delete({}, opts), { ...o, session: true }));
    kit.setSession(undefined, 'logout');
    this.requestUpdate();
    return true;
  }

  /** A field error message in the widget's language (the same codes the BFF uses). */
  protected fieldError(code: string): string {
    return errorMessage(this.loc, code);
  }
}
