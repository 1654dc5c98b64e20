import { css, type CSSResult, unsafeCSS } from 'lit';

const token = (name: string, fallback: string | CSSResult): CSSResult => unsafeCSS(`var(--tk-${name}, ${fallback})`);

/**
 * Every design token, read as `var(--tk-…, fallback)` with its fallback defined here and nowhere else:
 * a widget looks right with no theme at all, and a dark theme is only a set of token values. Styles
 * import them as a namespace and use them as `${tokens.colorPrimary}`; the names are the custom
 * properties' without `--tk-`.
 *
 *   import * as tokens from '../core/tokens.styles.js';
 */
export const colorPrimary = token('color-primary', '#0b57d0');
export const colorOnPrimary = token('color-on-primary', '#ffffff');
export const colorText = token('color-text', '#1b1b1f');
export const colorTextMuted = token('color-text-muted', '#4a4a55');
export const colorBackground = token('color-background', '#ffffff');
export const colorSurface = token('color-surface', '#f5f6f8');
export const colorBorder = token('color-border', '#6b6b76');
export const colorDanger = token('color-danger', '#b3261e');
export const colorSuccess = token('color-success', '#146c2e');
export const colorWarning = token('color-warning', '#8a5a00');
export const colorLink = token('color-link', colorPrimary);
export const fontFamily = token('font-family', "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif");
export const fontSize = token('font-size', '1rem');
export const radius = token('radius', '0.375rem');
export const borderWidth = token('border-width', '2px');
export const space1 = token('space-1', '0.25rem');
export const space2 = token('space-2', '0.5rem');
export const space3 = token('space-3', '0.75rem');
export const space4 = token('space-4', '1.25rem');
export const focusRingColor = token('focus-ring-color', colorPrimary);
export const focusRingWidth = token('focus-ring-width', '3px');
export const fieldMaxWidth = token('field-max-width', '32rem');

/**
 * What every shadow root starts with: font and colour from the tokens, the always-visible focus ring
 * (also on light-DOM inputs slotted into a primitive), a visually hidden class, reduced motion and
 * Windows high contrast.
 */
export const baseStyles = css`
  :host {
    font-family: ${fontFamily};
    font-size: ${fontSize};
    line-height: 1.5;
    color: ${colorText};
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after,
  ::slotted(*) {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible,
  ::slotted(:focus-visible) {
    outline: ${focusRingWidth} solid ${focusRingColor};
    outline-offset: 2px;
  }
  .visually-hidden,
  ::slotted(.visually-hidden) {
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
    :focus-visible,
    ::slotted(:focus-visible) {
      outline-color: Highlight;
    }
  }
`;

/**
 * The parts of a widget around its fields, the same in every widget: the heading that takes focus on a
 * step change (with the focus ring when reached by keyboard), the required-fields legend and the row of
 * actions.
 */
export const widgetStyles = css`
  :host {
    display: block;
    max-width: 40rem;
  }
  .heading {
    font-size: 1.375em;
    font-weight: 700;
    margin: 0 0 ${space3};
    hyphens: auto;
    overflow-wrap: break-word;
  }
  @media (max-width: 22rem) {
    .heading {
      font-size: 1.25em;
    }
  }
  .heading:focus:not(:focus-visible) {
    outline: none;
  }
  .legend {
    color: ${colorTextMuted};
    margin: 0 0 ${space3};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${space3};
    align-items: center;
    margin-block: ${space3};
  }
`;
