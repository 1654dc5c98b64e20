import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * The portal widgets' own layout, on top of `widgetStyles`: paragraphs, the success banner, and a
 * visible focus ring on the heading that takes focus on a step change (however the step was reached).
 */
export const portalStyles = css`
  p {
    margin: 0 0 ${tokens.space3};
  }
  p:last-child {
    margin-block-end: 0;
  }
  .heading[data-heading]:focus {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
  }
  .notice {
    border-inline-start: 0.375rem solid ${tokens.colorSuccess};
    padding-inline-start: ${tokens.space3};
    overflow-wrap: anywhere;
  }
`;
