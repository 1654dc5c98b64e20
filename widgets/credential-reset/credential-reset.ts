import { html, LitElement } from 'lit';
import { KitController, standaloneProperties } from '../core/kit.js';
import type { Kit } from '../core/context.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import { credentialResetMessages } from './messages.js';

/** `tk-complete`'s detail: the contract whose credentials were generated. */
export interface CredentialResetCompleteDetail {
  contractId: string;
}

/**
 * "Neue Internet-Zugangsdaten" (seed 003). Skeleton: the builder of issue 17 fills it in.
 *
 * @tag tk-credential-reset
 */
export class TkCredentialReset extends LitElement {
  static override styles = [baseStyles, widgetStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    ...standaloneProperties,
  };
  declare headingLevel: number;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });

  constructor() {
    super();
    this.headingLevel = 2;
  }

  override render() {
    return html`<h2>${credentialResetMessages.t(this.i18n.locale, 'heading')}</h2>`;
  }
}

defineOnce('tk-credential-reset', TkCredentialReset);

declare global {
  interface HTMLElementTagNameMap {
    'tk-credential-reset': TkCredentialReset;
  }
}
