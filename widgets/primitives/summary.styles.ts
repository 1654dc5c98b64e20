import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const summaryStyles = css`
  :host {
    display: block;
    overflow-wrap: anywhere; /* long words and e-mail addresses wrap at 320 px */
  }
  .section {
    border-block-end: 1px solid ${tokens.colorBorder};
    padding-block: ${tokens.space3};
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: ${tokens.space3};
  }
  .heading {
    font-size: 1.125em;
    font-weight: 700;
    margin: 0;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, 1fr) 2fr;
    gap: ${tokens.space1} ${tokens.space4};
    margin: ${tokens.space2} 0 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-block-end: ${tokens.space2};
    }
  }
  button {
    font: inherit;
    background: none;
    border: 0;
    padding: ${tokens.space1};
    min-height: 2.75rem;
    color: ${tokens.colorLink};
    text-decoration: underline;
    cursor: pointer;
  }
`;
