import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/** The portal widgets' own layout, on top of `widgetStyles`: paragraphs. */
export const portalStyles = css`
  p {
    margin: 0 0 ${tokens.space3};
  }
  p:last-child {
    margin-block-end: 0;
  }
`;
