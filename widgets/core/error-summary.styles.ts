import { css } from 'lit';
import * as tokens from './tokens.styles.js';

export const errorSummaryStyles = css`
  .error-list {
    margin: 0;
    padding-inline-start: 1.25rem;
    overflow-wrap: anywhere;
  }
  .error-link {
    font: inherit;
    background: none;
    border: 0;
    padding: 0;
    color: ${tokens.colorDanger};
    text-decoration: underline;
    text-align: start;
    display: inline;
    vertical-align: top; /* the bullet stays with the first line of a wrapped entry */
    cursor: pointer;
  }
`;
