import { css } from 'lit';

/** A one-time code reads digit by digit. */
export const textFieldStyles = css`
  .control[autocomplete='one-time-code'],
  ::slotted(input[autocomplete='one-time-code']) {
    max-width: 10rem;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }
`;
