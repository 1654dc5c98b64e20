import { html, nothing, type PropertyValues } from 'lit';
import { dateFieldStyles } from './date-field.styles.js';
import { baseStyles } from '../core/tokens.styles.js';
import { fieldStyles } from './form-control.styles.js';
import { defineOnce } from '../define.js';
import { wt } from './wizard.messages.js';
import { TkFormControl } from './form-control.js';

type Part = 'day' | 'month' | 'year';

/** `YYYY-MM-DD` for a real calendar date, else ''. */
export function isoDate(day: string, month: string, year: string): string {
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return '';
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '';
  return date.toISOString().slice(0, 10);
}

/**
 * A date as three fields — day, month, year — the pattern that works best with keyboards, screen
 * readers and autofill. The value is ISO `YYYY-MM-DD` ('' while incomplete).
 *
 * @tag tk-date-field
 * @csspart fieldset - the group
 * @csspart legend - the group's label
 * @csspart input - each of the three inputs
 * @csspart error - the error message
 */
export class TkDateField extends TkFormControl {
  static override styles = [
    baseStyles,
    fieldStyles,
    dateFieldStyles,
  ];
  static override properties = {
    ...TkFormControl.properties,
    min: {},
    max: {},
    autocompleteSection: { attribute: 'autocomplete-section' },
    example: {},
    dayProblem: { attribute: false },
    parts: { state: true },
  };

  /** Earliest allowed date, ISO. */
  declare min: string | undefined;
  /** Latest allowed date, ISO. */
  declare max: string | undefined;
  /** `bday` gives the inputs `bday-day`, `bday-month`, `bday-year` for autofill. */
  declare autocompleteSection: string | undefined;
  /** How to type a date, under the label (default: a birth date, "Zum Beispiel 27 3 1985"): a future one for a future date. */
  declare example: string | undefined;
  /**
   * Refuses single days (a weekend, a holiday, too early): given a complete date, the reason in words (shown at
   * the field and as its validation message), or '' when the day is allowed.
   */
  declare dayProblem: ((day: string) => string) | undefined;
  private declare parts: Record<Part, string>;
  private dayMessage = '';

  constructor() {
    super();
    this.parts = { day: '', month: '', year: '' };
  }

  /** A value set from outside fills the three parts. */
  private syncParts(changed: PropertyValues): void {
    if (changed.has('value') && this.value !== isoDate(this.parts.day, this.parts.month, this.parts.year)) {
      const [year = '', month = '', day = ''] = this.value ? this.value.split('-') : [];
      this.parts = { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
    }
  }

  protected override resetValue() {
    this.value = this.initialValue ?? '';
    this.parts = { day: '', month: '', year: '' };
    if (this.value) this.requestUpdate('value', '');
  }
  protected anchor() {
    return this.renderRoot?.querySelector('input') ?? null;
  }

  protected validate(): string {
    const { day, month, year } = this.parts;
    if (!day && !month && !year) return this.required ? this.requiredCode : '';
    if (!this.value) return 'invalid_date';
    if (this.min && this.value < this.min) return 'date_too_early';
    if (this.max && this.value > this.max) return 'date_too_late';
    return '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.dayMessage = this.value && this.dayProblem ? this.dayProblem(this.value) : '';
    this.syncParts(changed);
    super.willUpdate(changed);
  }

  /** A refused day's reason shows as soon as the date is complete, in place of the own error (a server error comes first). */
  override get shownError(): string {
    if (!this.error && this.dayMessage) return this.dayMessage;
    return super.shownError;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.error && this.dayMessage) this.internals.setValidity({ customError: true }, this.dayMessage, this.anchor() ?? undefined);
  }

  private onInput(part: Part, event: Event) {
    this.parts = { ...this.parts, [part]: (event.target as HTMLInputElement).value.trim() };
    this.value = isoDate(this.parts.day, this.parts.month, this.parts.year);
    this.userChanged();
  }

  private onFocusOut(event: FocusEvent) {
    // Touched once focus leaves the whole group, not when moving from day to month.
    if (!this.renderRoot.contains(event.relatedTarget as Node | null)) this.touched = true;
  }

  private renderPart(part: Part, size: 'day' | 'month' | 'year', maxlength: number) {
    const id = `${this.uid}-${part}`;
    return html`<div class="part">
      <label for="${id}">${wt(this.i18n, `date.${part}`)}</label>
      <input
        part="input"
        class="control ${size}"
        id="${id}"
        inputmode="numeric"
        maxlength="${maxlength}"
        autocomplete="${this.autocompleteSection ? `${this.autocompleteSection}-${part}` : nothing}"
        .value="${this.parts[part]}"
        ?required="${this.required}"
        ?disabled="${this.disabled}"
        aria-invalid="${this.shownError ? 'true' : 'false'}"
        @input="${(e: Event) => this.onInput(part, e)}"
      />
    </div>`;
  }

  protected override render() {
    return html`
      <fieldset part="fieldset" aria-describedby="${this.uid}-example ${this.describedBy}" @focusout="${this.onFocusOut}">
        <legend class="label" part="legend">${this.renderLabelText()}</legend>
        ${this.renderHint()}
        <span class="hint" id="${this.uid}-example">${this.example ?? wt(this.i18n, 'date.example')}</span>
        ${this.renderError()}
        <div class="parts">
          ${this.renderPart('day', 'day', 2)} ${this.renderPart('month', 'month', 2)} ${this.renderPart('year', 'year', 4)}
        </div>
      </fieldset>
    `;
  }
}

defineOnce('tk-date-field', TkDateField);

declare global {
  interface HTMLElementTagNameMap {
    'tk-date-field': TkDateField;
  }
}
