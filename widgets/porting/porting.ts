import { html, LitElement, nothing } from 'lit';
import type { Locale } from '../../contract/locales.js';
import type { PortOrder } from '../../contract/port-orders.js';
import type { Kit } from '../core/context.js';
import { KitController, standaloneProperties } from '../core/kit.js';
import { baseStyles, widgetStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import '../portal/login.js';
import type { PortingHost, PortingOptions } from './host.js';
import { NumbersStep } from './numbers.js';

/**
 * "Rufnummern mitnehmen": a reseller's agent sets up a customer with number porting (skeleton, issue 16).
 *
 * @tag tk-porting
 */
export class TkPorting extends LitElement implements PortingHost {
  static override styles = [baseStyles, widgetStyles];
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    orderId: { type: String, attribute: 'order-id' },
    ...standaloneProperties,
  };

  declare headingLevel: number;
  /** A draft (or an order sent back for clarification) to continue. */
  declare orderId: string | undefined;
  declare api: string | undefined;
  declare publishableKey: string | undefined;
  declare locale: string | undefined;
  declare kit: Kit | undefined;
  options: PortingOptions | undefined;
  order: PortOrder | undefined;

  /** @internal */
  readonly i18n = new KitController(this, { standalone: true });
  /** @internal */
  readonly numbers = new NumbersStep(this);

  constructor() {
    super();
    this.headingLevel = 2;
  }

  get currentKit(): Kit | undefined {
    return this.i18n.kit;
  }
  get currentLocale(): Locale {
    return this.i18n.locale;
  }

  protected override render() {
    if (!this.i18n.ready) return nothing;
    return html`<div data-step="numbers">${this.numbers.render()}</div>`;
  }
}

defineOnce('tk-porting', TkPorting);

declare global {
  interface HTMLElementTagNameMap {
    'tk-porting': TkPorting;
  }
}
