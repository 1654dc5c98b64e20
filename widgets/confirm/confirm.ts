import { html, LitElement, nothing } from 'lit';
import { confirmMessages } from '../../contract/messages/confirm.js';
import { TkApiError } from '../core/api.js';
import type { Kit } from '../core/context.js';
import { TkCompleteEvent } from '../core/events.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { SubmitController } from '../core/submit.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../primitives/alert.js';
import '../primitives/button.js';

type State = 'ready' | 'confirmed' | 'already_confirmed' | 'sent' | 'failed';

/**
 * The page behind the confirmation link: one button confirms the signup (link scanners that only open
 * the page confirm nothing). An expired link offers a new one.
 *
 * @tag tk-confirm
 * @fires tk-complete - `{ status: 'confirmed' | 'already_confirmed' }`
 * @fires tk-error - when the link is invalid, expired or replaced by a newer one
 */
export class TkConfirm extends LitElement {
  static override styles = [baseStyles, widgetStyles];
  static override properties = {
    token: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
    state: { state: true },
  };

  /** The link's token; default: the `token` query parameter of the page. */
  declare token: string | undefined;
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  private declare state: State;
  private readonly i18n = new KitController(this, { standalone: true });
  private readonly submit = new SubmitController(this, this.i18n);

  constructor() {
    super();
    this.headingLevel = 2;
    this.state = 'ready';
  }

  private get linkToken(): string {
    return this.token ?? new URLSearchParams(location.search).get('token') ?? '';
  }

  private async confirm() {
    const api = this.i18n.kit?.api;
    if (!api) return;
    const token = this.linkToken;
    const result = await this.submit.run((o) => api.call((rpc, opts) => rpc.v1.confirmations.$post({ json: { token } }, opts), o));
    if (result) {
      this.state = result.status;
      this.dispatchEvent(new TkCompleteEvent({ status: result.status }));
    } else this.state = 'failed';
    await this.focusMessage();
  }

  private async resend() {
    const api = this.i18n.kit?.api;
    if (!api) return;
    const token = this.linkToken;
    const result = await this.submit.run((o) => api.call((rpc, opts) => rpc.v1.confirmations.resend.$post({ json: { token } }, opts), o));
    if (result) this.state = result.status === 'sent' ? 'sent' : 'already_confirmed';
    await this.focusMessage();
  }

  /** After an answer, focus moves to the message so that it is read out. */
  private async focusMessage() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('tk-alert')?.focus();
  }

  protected override render() {
    if (!this.i18n.ready) return nothing; // no German flash before another locale's texts arrive
    const t = confirmMessages.texts(this.i18n.locale);
    const heading = html`<div class="heading" role="heading" aria-level=${this.headingLevel}>${t.title}</div>`;
    if (!this.linkToken) return html`${heading}<tk-alert variant="error"><p>${t.missing}</p></tk-alert>`;
    if (this.state === 'confirmed' || this.state === 'already_confirmed' || this.state === 'sent') {
      return html`${heading}<tk-alert variant="success"><p>${t[this.state]}</p></tk-alert>`;
    }
    const error = this.submit.error;
    const expired = error instanceof TkApiError && error.code === 'link_expired';
    return html`${heading}
      ${this.state === 'failed' && error
        ? html`<tk-alert variant="error"><p>${this.submit.message()}</p></tk-alert>
            ${expired ? html`<tk-button ?busy=${this.submit.busy} @click=${this.resend}>${t.resend}</tk-button>` : nothing}`
        : html`<p>${t.intro}</p>
            <tk-button ?busy=${this.submit.busy} @click=${this.confirm}>${t.button}</tk-button>`}`;
  }
}

defineOnce('tk-confirm', TkConfirm);

declare global {
  interface HTMLElementTagNameMap {
    'tk-confirm': TkConfirm;
  }
}
