import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const stepperStyles = css`
  :host {
    display: block;
    margin-block-end: ${tokens.space4};
  }
  .position {
    font-weight: 600;
    margin: 0 0 ${tokens.space2};
  }
  ol {
    display: flex;
    flex-wrap: wrap;
    gap: ${tokens.space2} ${tokens.space4};
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    align-items: center;
    gap: ${tokens.space2};
    color: ${tokens.colorTextMuted};
  }
  .marker {
    display: inline-grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-weight: 700;
    font-size: 0.875em;
  }
  li.done,
  li[aria-current='step'] {
    color: ${tokens.colorText};
  }
  li[aria-current='step'] {
    font-weight: 700;
  }
  li[aria-current='step'] .marker,
  li.done .marker {
    background: ${tokens.colorPrimary};
    border-color: ${tokens.colorPrimary};
    color: ${tokens.colorOnPrimary};
  }
  @media (max-width: 30rem) {
    li:not([aria-current='step']) .label {
      display: none;
    }
  }
  @media (forced-colors: active) {
    li[aria-current='step'] .marker,
    li.done .marker {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
