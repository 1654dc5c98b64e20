import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/** The profile's list of the user's data: term and value side by side, stacked on narrow screens. */
export const profileStyles = css`
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: ${tokens.space2} ${tokens.space4};
    margin: 0 0 ${tokens.space4};
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dd {
      margin-block-end: ${tokens.space2};
    }
  }
`;
