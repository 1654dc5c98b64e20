import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const dateFieldStyles = css`
  .parts {
    display: flex;
    gap: ${tokens.space3};
    flex-wrap: wrap;
  }
  .part label {
    display: block;
  }
  .control.day,
  .control.month {
    width: 4.5rem;
  }
  .control.year {
    width: 6.5rem;
  }
`;
