import { html, LitElement } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController } from '../core/kit.js';
import { summaryStyles } from './summary.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';
import { wt } from './wizard.messages.js';

export interface SummarySection {
  id: string;
  heading: string;
  items: { label: string; value: string }[];
}

/** Fired when the user wants to change a section of the review. */
export class TkSummaryEditEvent extends Event {
  static readonly type = 'tk-summary-edit';
  constructor(readonly detail: { section: string }) {
    super(TkSummaryEditEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * The review before a submit: sections of term and value, each with a "change" action. A section is a
 * heading and its list, not a landmark of its own.
 *
 * @tag tk-summary
 * @csspart section - each section
 * @csspart heading - each section heading
 * @csspart edit - each change button
 * @fires tk-summary-edit - with `detail.section`, when a change button is pressed
 */
export class TkSummary extends LitElement {
  static override styles = [
    baseStyles,
    summaryStyles,
  ];
  static override properties = { sections: { attribute: false }, headingLevel: { type: Number, attribute: 'heading-level' }, kit: { attribute: false } };

  declare sections: SummarySection[];
  /** Level of the section headings (default 3). */
  declare headingLevel: number;
  declare kit: Kit | undefined;
  private readonly i18n = new KitController(this);

  constructor() {
    super();
    this.sections = [];
    this.headingLevel = 3;
  }

  protected override render() {
    return this.sections.map(
      (s) => html`<div part="section" class="section">
        <div class="head">
          <div class="heading" part="heading" role="heading" aria-level="${this.headingLevel}">${s.heading}</div>
          <button part="edit" type="button" @click="${() => this.dispatchEvent(new TkSummaryEditEvent({ section: s.id }))}">
            ${wt(this.i18n, 'summary.edit')}<span class="visually-hidden">: ${s.heading}</span>
          </button>
        </div>
        <dl>
          ${s.items.map((item) => html`<dt>${item.label}</dt><dd>${item.value}</dd>`)}
        </dl>
      </div>`,
    );
  }
}

defineOnce('tk-summary', TkSummary);

declare global {
  interface HTMLElementTagNameMap {
    'tk-summary': TkSummary;
  }
  interface GlobalEventHandlersEventMap {
    'tk-summary-edit': TkSummaryEditEvent;
  }
}
