import { css, type CSSResult, unsafeCSS } from 'lit';

const token = (name: string, fallback: string | CSSResult): CSSResult => unsafeCSS(`var(--tk-${name}, ${fallback})`);
const primary = token('color-primary', '#0b57d0');

/**
 * Every design token, read as `var(--tk-…, fallback)` with its fallback defined here and nowhere else:
 * a widget looks right with no theme at all, and a dark theme is only a set of token values. Styles use
 * them as `${tokens.colorPrimary}`; the names are the custom properties' without `--tk-`.
 */
export const tokens = {
  colorPrimary: primary,
  colorOnPrimary: token('color-on-primary', '#ffffff'),
  colorText: token('color-text', '#1b1b1f'),
  colorTextMuted: token('color-text-muted', '#4a4a55'),
  colorBackground: token('color-background', '#ffffff'),
  colorSurface: token('color-surface', '#f5f6f8'),
  colorBorder: token('color-border', '#6b6b76'),
  colorDanger: token('color-danger', '#b3261e'),
  colorSuccess: token('color-success', '#146c2e'),
  colorWarning: token('color-warning', '#8a5a00'),
  colorLink: token('color-link', primary),
  fontFamily: token('font-family', "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"),
  fontSize: token('font-size', '1rem'),
  radius: token('radius', '0.375rem'),
  borderWidth: token('border-width', '2px'),
  space1: token('space-1', '0.25rem'),
  space2: token('space-2', '0.5rem'),
  space3: token('space-3', '0.75rem'),
  space4: token('space-4', '1.25rem'),
  focusRingColor: token('focus-ring-color', primary),
  focusRingWidth: token('focus-ring-width', '3px'),
  fieldMaxWidth: token('field-max-width', '32rem'),
} as const;

/**
 * What every shadow root starts with: font and colour from the tokens, the always-visible focus ring
 * (also on light-DOM inputs slotted into a primitive), a visually hidden class, reduced motion and
 * Windows high contrast.
 */
export const baseStyles = css`
  :host {
    font-family: ${tokens.fontFamily};
    font-size: ${tokens.fontSize};
    line-height: 1.5;
    color: ${tokens.colorText};
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
  :focus-visible,
  ::slotted(:focus-visible) {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
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
    margin: 0 0 ${tokens.space3};
  }
  .heading:focus:not(:focus-visible) {
    outline: none;
  }
  .legend {
    color: ${tokens.colorTextMuted};
    margin: 0 0 ${tokens.space3};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${tokens.space3};
    align-items: center;
    margin-block: ${tokens.space3};
  }
`;
