import { css, html, LitElement } from 'lit';
import type { Kit } from '../core/context.js';
import { KitController } from '../core/kit.js';
import { baseStyles } from '../core/tokens.styles.js';
import { defineOnce } from '../define.js';

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
 * The review before a submit: sections of term and value, each with a "change" action.
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
    css`
      :host {
        display: block;
      }
      section {
        border-block-end: 1px solid var(--tk-color-border, #6b6b76);
        padding-block: var(--tk-space-3, 0.75rem);
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--tk-space-3, 0.75rem);
      }
      .heading {
        font-size: 1.125em;
        font-weight: 700;
        margin: 0;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, 1fr) 2fr;
        gap: var(--tk-space-1, 0.25rem) var(--tk-space-4, 1.25rem);
        margin: var(--tk-space-2, 0.5rem) 0 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-block-end: var(--tk-space-2, 0.5rem);
        }
      }
      button {
        font: inherit;
        background: none;
        border: 0;
        padding: var(--tk-space-1, 0.25rem);
        min-height: 2.75rem;
        color: var(--tk-color-link, var(--tk-color-primary, #0b57d0));
        text-decoration: underline;
        cursor: pointer;
      }
    `,
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
      (s) => html`<section part="section" aria-labelledby="h-${s.id}">
        <div class="head">
          <div class="heading" part="heading" role="heading" aria-level="${this.headingLevel}" id="h-${s.id}">${s.heading}</div>
          <button part="edit" type="button" @click="${() => this.dispatchEvent(new TkSummaryEditEvent({ section: s.id }))}">
            ${this.i18n.t('summary.edit')}<span class="visually-hidden">: ${s.heading}</span>
          </button>
        </div>
        <dl>
          ${s.items.map((item) => html`<dt>${item.label}</dt><dd>${item.value}</dd>`)}
        </dl>
      </section>`,
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
