import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const buttonStyles = css`
  :host {
    display: inline-block;
  }
  button,
  a {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: ${tokens.space2};
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: ${tokens.space2} ${tokens.space4};
    border-radius: ${tokens.radius};
    border: ${tokens.borderWidth} solid ${tokens.colorPrimary};
    cursor: pointer;
    text-decoration: none;
  }
  .primary {
    background: ${tokens.colorPrimary};
    color: ${tokens.colorOnPrimary};
  }
  .secondary {
    background: ${tokens.colorBackground};
    color: ${tokens.colorPrimary};
  }
  .link {
    background: none;
    border-color: transparent;
    color: ${tokens.colorLink};
    text-decoration: underline;
    padding-inline: ${tokens.space1};
  }
  [aria-pressed]::before {
    content: '☐' / '';
    font-size: 1.25em;
    line-height: 1;
  }
  [aria-pressed='true']::before {
    content: '☑' / '';
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 0.15em solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
`;
