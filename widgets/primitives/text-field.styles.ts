import { css } from 'lit';

/** A one-time code reads digit by digit; a long value (an IBAN) stays whole in the field at 320 px. */
export const textFieldStyles = css`
  .long {
    font-size: min(1em, 4vw);
  }
  .control[autocomplete='one-time-code'],
  ::slotted(input[autocomplete='one-time-code']) {
    max-width: 10rem;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
  }
`;
