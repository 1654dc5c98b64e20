import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const providerStyles = css`
  :host {
    display: block;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: ${tokens.space2};
    margin-block-end: ${tokens.space3};
    color: ${tokens.colorTextMuted};
    font-size: 0.875em;
  }
  .brand img {
    max-height: 2rem;
    width: auto;
  }
  .loading {
    color: ${tokens.colorTextMuted};
  }
`;
