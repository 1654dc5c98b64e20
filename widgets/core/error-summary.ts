import { html, nothing } from 'lit';
import '../primitives/alert.js';
import type { InvalidField } from './wizard.js';

/**
 * The error summary at the top of a form: a focusable alert listing each problem as "Field: how to fix
 * it" (a label that is a question keeps its question mark instead of the colon); choosing one moves focus
 * to its field; without field errors, the request's problem alone. Render it where
 * `WizardController.next()` looks for it (`data-error-summary`), with `errorSummaryStyles`.
 */
export function renderErrorSummary(invalid: InvalidField[], heading: string, problem?: string) {
  if (invalid.length === 0) return problem ? html`<tk-alert variant="error" data-error-summary><p>${problem}</p></tk-alert>` : nothing;
  return html`<tk-alert variant="error" heading="${heading}" data-error-summary>
    <ul class="error-list">
      ${invalid.map(
        (f) =>
          html`<li><button type="button" class="error-link" @click="${() => f.control.focus()}">${f.label}${/[?:]$/.test(f.label) ? '' : ':'} ${f.message}</button></li>`,
      )}
    </ul>
  </tk-alert>`;
}
