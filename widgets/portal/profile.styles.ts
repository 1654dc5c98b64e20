import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * The profile's list of the user's data: term and value side by side, stacked on narrow screens; the
 * section of the sign-in factors (`factors.ts`) with its headings, the QR code and the recovery codes.
 */
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
  .subheading {
    font-size: 1.125em;
    font-weight: 700;
    margin: ${tokens.space4} 0 ${tokens.space2};
  }
  .minorheading {
    font-weight: 600;
    margin: ${tokens.space3} 0 ${tokens.space1};
  }
  .factor-list li {
    margin-block-end: ${tokens.space2};
  }
  .factor-name {
    display: block;
    font-weight: 600;
  }
  code {
    font-size: 1.125em;
    overflow-wrap: anywhere;
  }
  .qr {
    display: block;
    max-width: 100%;
    height: auto;
  }
`;
