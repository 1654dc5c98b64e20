import { css, html, LitElement, nothing } from 'lit';
import type { Kit } from '../core/context.js';
import { failureMessage } from '../core/submit.js';
import * as tokens from '../core/tokens.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../primitives/alert.js';
import '../primitives/button.js';
import { type ActingKey, actingMessages } from './acting.messages.js';

/**
 * The banner `<tk-provider>` shows above its widgets while a main account's admin acts on a sub-account
 * (`session.user.acting`): which location, who acts, and "Zurück zum Hauptaccount" (`POST
 * /v1/locations/return`), which hands the provider the main account's session again (reason `return`).
 * Loaded only while acting, so pages without it pay nothing. Part of the provider, not used on its own.
 *
 * @tag tk-acting
 */
export class TkActing extends LitElement {
  static override styles = [
    baseStyles,
    css`
      section {
        border: ${tokens.borderWidth} solid ${tokens.colorWarning};
        border-inline-start-width: 0.5rem;
        border-radius: ${tokens.radius};
        background: ${tokens.colorSurface};
        padding: ${tokens.space3};
        margin-block-end: ${tokens.space4};
        overflow-wrap: anywhere;
      }
      p {
        margin: 0 0 ${tokens.space2};
      }
      [data-acting] {
        font-weight: 700;
      }
      [data-acting]:focus {
        outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
        outline-offset: 2px;
      }
    `,
  ];
  static override properties = { kit: { attribute: false }, busy: { state: true }, error: { state: true } };

  declare kit: Kit | undefined;
  private declare busy: boolean;
  private declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.error = '';
  }

  /** Focus on the banner's sentence (after a switch): read once, where the user is. */
  async focusText(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-acting]')?.focus();
  }

  private async back(): Promise<void> {
    const kit = this.kit;
    if (!kit?.session || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const issued = await kit.api.call((rpc, o) => rpc.v1.locations.return.$post({}, o), { session: true });
      kit.setSession(issued, 'return');
    } catch (error) {
      this.error = failureMessage(error, kit.locale);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('tk-alert')?.focus();
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const kit = this.kit;
    const user = kit?.session?.user;
    if (!kit || !user?.acting) return nothing;
    const locale = kit.locale;
    if (!actingMessages.has(locale)) void actingMessages.load(locale).then(() => this.requestUpdate(), () => undefined);
    const t = (key: ActingKey, p?: Record<string, string>) => actingMessages.t(locale, key, p);
    const { actor, mainAccount } = user.acting;
    return html`<section aria-label=${t('label')} lang=${locale}>
      <p tabindex="-1" data-acting>${t('text', { name: user.displayName, customerNumber: user.account?.customerNumber ?? '' })}</p>
      <p>${t('by', { actor: actor.displayName, main: mainAccount.displayName, mainNumber: mainAccount.customerNumber })}</p>
      ${this.error ? html`<tk-alert variant="error"><p>${this.error}</p></tk-alert>` : nothing}
      <tk-button variant="secondary" ?busy=${this.busy} @click=${this.back}>${t('back')}</tk-button>
    </section>`;
  }
}

defineOnce('tk-acting', TkActing);

declare global {
  interface HTMLElementTagNameMap {
    'tk-acting': TkActing;
  }
}
