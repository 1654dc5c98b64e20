import { css } from 'lit';
import * as tokens from './tokens.styles.js';

/** The PIN step's live region takes no room while it has nothing to say. */
export const pinStyles = css`
  .pin-news {
    margin: 0 0 ${tokens.space3};
  }
  .pin-news:empty {
    margin: 0;
  }
`;
