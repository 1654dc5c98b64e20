import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/** The numbers step's own layout, adopted into the wizard's shadow root (the focus ring is `baseStyles`'). */
export const numbersStyles = css`
  .tk-numbers fieldset { border: 0; margin: 0 0 ${tokens.space4}; padding: 0; min-width: 0; }
  .tk-numbers legend { font-weight: 600; font-size: 1.125rem; margin-bottom: ${tokens.space2}; padding: 0; }
  .tk-numbers .stack > * + * { margin-top: ${tokens.space3}; }
  .tk-numbers .line { display: flex; gap: ${tokens.space2}; align-items: flex-end; flex-wrap: wrap; }
  .tk-numbers .line tk-text-field { flex: 1 1 12rem; min-width: 0; }
  .tk-numbers .note, .tk-numbers .muted { color: ${tokens.colorTextMuted}; margin: ${tokens.space2} 0; }
  .tk-numbers ul { padding-inline-start: 1.25rem; }
  .tk-numbers .flagged { border: ${tokens.borderWidth} solid ${tokens.colorWarning}; border-radius: ${tokens.radius}; padding: ${tokens.space3}; margin: 0 0 ${tokens.space4}; }
  .tk-numbers .flagged-heading { font-weight: 600; margin: 0; }
  .tk-numbers .flagged button { background: none; border: 0; padding: 0; color: ${tokens.colorLink}; text-decoration: underline; cursor: pointer; font: inherit; text-align: start; }
  .tk-numbers textarea { width: 100%; box-sizing: border-box; font: inherit; color: inherit; background: ${tokens.colorBackground}; border: 1px solid ${tokens.colorBorder}; border-radius: ${tokens.radius}; padding: ${tokens.space2}; min-height: 5rem; }
  .tk-numbers a { color: ${tokens.colorLink}; overflow-wrap: anywhere; }
  .tk-numbers .label { display: block; font-weight: 600; margin-bottom: ${tokens.space1}; }
`;
