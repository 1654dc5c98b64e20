import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const alertStyles = css`
  :host {
    display: block;
    margin-block-end: ${tokens.space4};
  }
  .alert {
    display: flex;
    gap: ${tokens.space3};
    padding: ${tokens.space3} ${tokens.space4};
    border: ${tokens.borderWidth} solid var(--accent);
    border-inline-start-width: 0.5rem;
    border-radius: ${tokens.radius};
    background: ${tokens.colorBackground};
    overflow-wrap: anywhere; /* an e-mail address in a message wraps at 320 px */
  }
  .info {
    --accent: ${tokens.colorPrimary};
  }
  .success {
    --accent: ${tokens.colorSuccess};
  }
  .warning {
    --accent: ${tokens.colorWarning};
  }
  .error {
    --accent: ${tokens.colorDanger};
  }
  .icon {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    background: var(--accent);
    color: ${tokens.colorBackground};
    font-weight: 700;
    text-align: center;
    line-height: 1.5rem;
  }
  ::slotted(:first-child) {
    margin-block-start: 0;
  }
  ::slotted(:last-child) {
    margin-block-end: 0;
  }
  .heading {
    font-weight: 700;
    margin: 0 0 ${tokens.space1};
  }
  .alert:focus-visible {
    outline-offset: 3px;
  }
  @media (forced-colors: active) {
    .alert {
      border-color: CanvasText;
    }
    .icon {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
  }
`;
