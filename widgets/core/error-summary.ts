import { css, html, nothing } from 'lit';
import type { InvalidField } from './wizard.js';

/**
 * The error summary at the top of a form: a focusable alert listing each problem; choosing one moves
 * focus to its field. Render it where `WizardController.next()` looks for it (`data-error-summary`).
 */
export function renderErrorSummary(invalid: InvalidField[], heading: string, extra?: string) {
  if (invalid.length === 0 && !extra) return nothing;
  return html`<tk-alert variant="error" heading="${heading}" data-error-summary>
    ${extra ? html`<p>${extra}</p>` : nothing}
    <ul class="error-list">
      ${invalid.map(
        (f) => html`<li><button type="button" class="error-link" @click="${() => f.control.focus()}">${f.label}: ${f.message}</button></li>`,
      )}
    </ul>
  </tk-alert>`;
}

export const errorSummaryStyles = css`
  .error-list {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .error-link {
    font: inherit;
    background: none;
    border: 0;
    padding: 0;
    color: var(--tk-color-danger, #b3261e);
    text-decoration: underline;
    text-align: start;
    display: inline;
    cursor: pointer;
  }
`;
