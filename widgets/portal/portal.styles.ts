import { css } from 'lit';
import { tokens } from '../core/tokens.styles.js';

/** The portal widgets' own layout, on top of `widgetStyles`: paragraphs and the profile's list. */
export const portalStyles = css`
  p {
    margin: 0 0 ${tokens.space3};
  }
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
