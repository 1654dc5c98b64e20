import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * On top of the list widgets' cards (`core/cards.styles.ts`): the native selects (like the port orders'
 * filter), the contracts as radio cards (the chosen one with a thicker border; a disabled one dashed, its
 * reason in words), the consent checkbox and the field errors. Everything stacks at 320 px.
 */
export const credentialResetStyles = css`
  .field {
    margin-block-end: ${tokens.space3};
  }
  .label,
  .section-title {
    display: block;
    font-weight: 600;
    margin-block: 0 ${tokens.space1};
  }
  .section-title {
    font-size: 1.125rem;
    font-weight: 700;
    margin-block: ${tokens.space4} ${tokens.space2};
    padding: 0;
  }
  .control {
    font: inherit;
    color: ${tokens.colorText};
    background: ${tokens.colorBackground};
    border: ${tokens.borderWidth} solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space2} ${tokens.space3};
    min-height: 2.75rem;
    width: 100%;
    max-width: ${tokens.fieldMaxWidth};
  }
  fieldset {
    border: 0;
    margin: 0 0 ${tokens.space3};
    padding: 0;
    min-width: 0;
  }
  .choice,
  .consent {
    display: flex;
    gap: ${tokens.space2};
    align-items: flex-start;
  }
  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0.125rem 0 0;
    accent-color: ${tokens.colorPrimary};
  }
  .choice label {
    cursor: pointer;
    min-width: 0;
  }
  .card.contract:has(input:checked) {
    border: 3px solid ${tokens.colorPrimary};
  }
  .card.contract:has(input:disabled) {
    border-style: dashed;
  }
  .card.contract:has(input:disabled) label {
    cursor: default;
  }
  .control:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
  }
  a {
    color: ${tokens.colorLink};
  }
  .reason {
    margin: ${tokens.space2} 0 0;
  }
  .field-error {
    color: ${tokens.colorDanger};
    font-weight: 600;
    margin-block: ${tokens.space1} ${tokens.space3};
  }
  .eligible {
    margin: 0 0 ${tokens.space3};
    padding-inline-start: 1.25rem;
  }
  .contact {
    margin-block-end: ${tokens.space3};
  }
  tk-alert {
    display: block;
    margin-block-end: ${tokens.space3};
  }
  /* The seed's warning: a note in warning colours like tk-alert's, but no live region (focus is on the heading). */
  .note {
    display: flex;
    gap: ${tokens.space3};
    padding: ${tokens.space3} ${tokens.space4};
    margin-block-end: ${tokens.space3};
    border: ${tokens.borderWidth} solid ${tokens.colorWarning};
    border-inline-start-width: 0.5rem;
    border-radius: ${tokens.radius};
    background: ${tokens.colorBackground};
  }
  .note p {
    margin: 0;
  }
  .note .note-title {
    font-weight: 700;
    margin-block-end: ${tokens.space1};
  }
  .note-icon {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    background: ${tokens.colorWarning};
    color: ${tokens.colorBackground};
    font-weight: 700;
    text-align: center;
    line-height: 1.5rem;
  }
  @media (forced-colors: active) {
    .note {
      border-color: CanvasText;
    }
    .note-icon {
      forced-color-adjust: none;
      background: CanvasText;
      color: Canvas;
    }
  }
`;
