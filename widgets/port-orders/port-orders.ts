import { html, LitElement, nothing } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';

/**
 * A reseller agent's port orders: list with status filter and search, and each order's detail (skeleton, issue 16).
 *
 * @tag tk-port-orders
 */
export class TkPortOrders extends LitElement {
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

  protected override render() {
    if (!this.i18n.ready) return nothing;
    return html``;
  }
}

defineOnce('tk-port-orders', TkPortOrders);

declare global {
  interface HTMLElementTagNameMap {
    'tk-port-orders': TkPortOrders;
  }
}
