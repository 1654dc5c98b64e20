import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/** Day, month and year side by side, fixed widths that fit 320 px: the year never wraps onto a line of its own. */
export const dateFieldStyles = css`
  .parts {
    display: flex;
    gap: ${tokens.space3};
  }
  .part label {
    display: block;
  }
  .control.day,
  .control.month {
    width: 3.75rem;
  }
  .control.year {
    width: 5.25rem;
  }
`;
