import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * The locations as cards (no table: they reflow down to 320 px), the main account set apart by a thicker
 * border and its badge's word (never colour alone), the empty state, the unlink step's list of consequences.
 */
export const locationsStyles = css`
  .cards {
    list-style: none;
    margin: ${tokens.space3} 0 0;
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
  .card.main {
    border: 2px solid ${tokens.colorPrimary};
  }
  .card.ordered {
    border-style: dashed;
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
  .name:focus {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
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
    margin: ${tokens.space3} 0;
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
  .hint {
    color: ${tokens.colorTextMuted};
  }
  .empty {
    border: 1px dashed ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space4};
    margin-block-end: ${tokens.space3};
  }
  .consequences {
    margin: 0 0 ${tokens.space3};
    padding-inline-start: 1.25rem;
  }
  .consequences li {
    margin-block-end: ${tokens.space1};
  }
`;
