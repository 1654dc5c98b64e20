import { html, LitElement } from 'lit';
import type { Locale } from '../contract/locales.js';
import type { PortOrder } from '../contract/port-orders.js';
import type { Kit } from '../widgets/core/context.js';
import { renderErrorSummary } from '../widgets/core/error-summary.js';
import { errorSummaryStyles } from '../widgets/core/error-summary.styles.js';
import { translate } from '../widgets/core/i18n/index.js';
import { wizardMessages } from '../widgets/primitives/wizard.messages.js';
import { KitController } from '../widgets/core/kit.js';
import { baseStyles, widgetStyles } from '../widgets/core/tokens.styles.js';
import type { InvalidField } from '../widgets/core/wizard.js';
import { defineOnce } from '../widgets/define.js';
import type { PortingHost, PortingOptions } from '../widgets/porting/host.js';
import { NumbersStep } from '../widgets/porting/numbers.js';
import '../widgets/primitives/button.js';

/**
 * The numbers step alone, for its stories and tests while the wizard around it is built: a `PortingHost`
 * with a `NumbersStep`, rendered inside `[data-step="numbers"]` with the error summary and "Weiter", which
 * shows the step's `invalid()` the way the wizard does (summary first, focus on it).
 */
export class TkPortingNumbersHarness extends LitElement implements PortingHost {
  static override styles = [baseStyles, widgetStyles, errorSummaryStyles];
  static override properties = { kit: { attribute: false }, options: { attribute: false }, order: { attribute: false }, invalid: { state: true } };

  declare kit: Kit | undefined;
  declare options: PortingOptions | undefined;
  declare order: PortOrder | undefined;
  declare invalid: InvalidField[];
  headingLevel = 2;
  /** Each `next()` that found the step clean. */
  passed = 0;

  readonly i18n = new KitController(this);
  readonly numbers = new NumbersStep(this);

  constructor() {
    super();
    this.invalid = [];
  }

  get currentKit(): Kit | undefined {
    return this.i18n.kit;
  }
  get currentLocale(): Locale {
    return this.i18n.locale;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.order) this.numbers.load(this.order.numbers);
  }

  /** "Weiter": the step's problems in the summary, focus on it; or counted as passed. */
  async next(): Promise<void> {
    this.invalid = this.numbers.invalid();
    await this.updateComplete;
    if (this.invalid.length) this.renderRoot.querySelector<HTMLElement>('[data-error-summary]')?.focus();
    else this.passed++;
  }

  protected override render() {
    const locale = this.currentLocale;
    return html`<h2 data-heading>Rufnummern</h2>
      ${renderErrorSummary(this.invalid, translate(locale, 'form.errorSummary'))}
      <div data-step="numbers">${this.numbers.render()}</div>
      <tk-button @click="${() => this.next()}">${wizardMessages.t(locale, 'wizard.next')}</tk-button>`;
  }
}

defineOnce('tk-porting-numbers-harness', TkPortingNumbersHarness);

declare global {
  interface HTMLElementTagNameMap {
    'tk-porting-numbers-harness': TkPortingNumbersHarness;
  }
}
