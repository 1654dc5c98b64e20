import { css } from 'lit';
import * as tokens from './tokens.styles.js';

/**
 * The cards of the list widgets (`tk-sub-users`, `tk-locations`): a list of cards instead of a table, so they
 * reflow down to 320 px; a card's head (name as a heading, a badge whose word carries the meaning), its facts
 * as a definition list that stacks on narrow screens, and the empty state.
 */
export const cardStyles = css`
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: ${tokens.space3};
  }
  .card {
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    min-width: 0;
  }
  .card-head {
    display: flex;
    flex-wrap: wrap;
    gap: ${tokens.space2};
    align-items: center;
    justify-content: space-between;
  }
  .name {
    font-size: 1.125em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    border: 2px solid ${tokens.colorBorder};
    border-radius: 1rem;
    padding: 0 ${tokens.space2};
    background: ${tokens.colorSurface};
    font-size: 0.875em;
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
    gap: ${tokens.space1} ${tokens.space4};
    margin: ${tokens.space3} 0 0;
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
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    dd {
      margin-block-end: ${tokens.space2};
    }
  }
  .empty {
    border: 1px dashed ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space4};
  }
`;
