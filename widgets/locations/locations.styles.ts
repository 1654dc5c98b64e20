import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * On top of the list widgets' cards (`core/cards.styles.ts`): the main account set apart by a thicker border
 * (its badge's word says it; never colour alone), an ordered location's dashed one, the unlink step's list of
 * consequences.
 */
export const locationsStyles = css`
  .cards {
    margin-block-start: ${tokens.space3};
  }
  .card.main {
    border: 2px solid ${tokens.colorPrimary};
  }
  .card.ordered {
    border-style: dashed;
  }
  .name:focus {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
  }
  dl {
    margin-block-end: ${tokens.space3};
  }
  .hint {
    color: ${tokens.colorTextMuted};
  }
  .empty {
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
