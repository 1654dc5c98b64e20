import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const checkboxStyles = css`
  .row {
    display: flex;
    gap: ${tokens.space2};
    align-items: flex-start;
  }
  label {
    font-weight: 400;
  }
  ::slotted(a),
  a {
    color: ${tokens.colorLink};
  }
`;
