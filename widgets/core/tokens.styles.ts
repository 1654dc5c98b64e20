import { css } from 'lit';

/**
 * The shared look: every colour, font, size, radius and spacing is a `--tk-*` token with a fallback,
 * so a widget looks right with no theme at all and a dark theme is only a set of token values.
 */
export const baseStyles = css`
  :host {
    font-family: var(--tk-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--tk-font-size, 1rem);
    line-height: 1.5;
    color: var(--tk-color-text, #1b1b1f);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: var(--tk-focus-ring-width, 3px) solid var(--tk-focus-ring-color, var(--tk-color-primary, #0b57d0));
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** Label, hint, error and input box shared by the text, select and date fields. */
export const fieldStyles = css`
  :host {
    display: block;
    margin-block-end: var(--tk-space-4, 1.25rem);
  }
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: var(--tk-space-1, 0.25rem);
  }
  .required {
    color: var(--tk-color-danger, #b3261e);
    margin-inline-start: 0.125em;
  }
  .hint {
    display: block;
    color: var(--tk-color-text-muted, #4a4a55);
    margin-block-end: var(--tk-space-1, 0.25rem);
  }
  .error {
    display: flex;
    gap: 0.375em;
    align-items: baseline;
    color: var(--tk-color-danger, #b3261e);
    font-weight: 600;
    margin-block-end: var(--tk-space-1, 0.25rem);
  }
  .error:empty {
    display: none;
  }
  .control {
    font: inherit;
    color: var(--tk-color-text, #1b1b1f);
    background: var(--tk-color-background, #ffffff);
    border: var(--tk-border-width, 2px) solid var(--tk-color-border, #6b6b76);
    border-radius: var(--tk-radius, 0.375rem);
    padding: var(--tk-space-2, 0.5rem) var(--tk-space-3, 0.75rem);
    min-height: 2.75rem;
    width: 100%;
    max-width: var(--tk-field-max-width, 32rem);
  }
  .control[aria-invalid='true'] {
    border-color: var(--tk-color-danger, #b3261e);
    border-width: 3px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
  }
  .choice {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: var(--tk-color-primary, #0b57d0);
  }
  .control:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    .control {
      border-color: CanvasText;
    }
    .required,
    .error {
      color: CanvasText;
    }
  }
`;
