import { css } from 'lit';

/** The password setup's QR code, its key for typing, and the recovery codes (`enrol.ts`). */
export const passwordSetupStyles = css`
  .qr {
    display: block;
    inline-size: 12rem;
    max-inline-size: 100%;
    block-size: auto;
  }
  .secret,
  .codes {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .secret {
    word-spacing: 0.5em;
  }
  .codes {
    list-style: none;
    padding: 0;
    columns: 2 8rem;
  }
`;
