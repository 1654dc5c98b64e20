import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * Label, hint, error and input box of the form controls. Each rule also covers its `::slotted` twin:
 * a credential field (`tk-text-field credential`) keeps label, hint, error and input in the light DOM
 * for password managers, and they look exactly like the shadow ones.
 */
export const fieldStyles = css`
  :host {
    display: block;
    margin-block-end: ${tokens.space4};
    overflow-wrap: anywhere; /* a long word or e-mail address in a label, hint or error wraps at 320 px */
  }
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: ${tokens.space1};
  }
  .required {
    color: ${tokens.colorDanger};
    margin-inline-start: 0.125em;
  }
  .hint,
  ::slotted([slot='hint']) {
    display: block;
    color: ${tokens.colorTextMuted};
    margin-block-end: ${tokens.space1};
  }
  .error,
  ::slotted([slot='error']) {
    display: flex;
    gap: 0.375em;
    align-items: baseline;
    color: ${tokens.colorDanger};
    font-weight: 600;
    margin-block-end: ${tokens.space1};
  }
  ::slotted([slot='error']:empty) {
    display: none;
  }
  .control,
  ::slotted([slot='input']) {
    font: inherit;
    color: ${tokens.colorText};
    background: ${tokens.colorBackground};
    border: ${tokens.borderWidth} solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space2} ${tokens.space3};
    min-height: 2.75rem;
    width: 100%;
    max-width: ${tokens.fieldMaxWidth};
    margin: 0;
  }
  .control[aria-invalid='true'],
  ::slotted([slot='input'][aria-invalid='true']) {
    border-color: ${tokens.colorDanger};
    border-width: 3px;
  }
  .control:disabled,
  ::slotted([slot='input']:disabled) {
    opacity: 0.6;
    cursor: not-allowed;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
  }
  .choice {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: ${tokens.colorPrimary};
  }
  @media (forced-colors: active) {
    .control,
    ::slotted([slot='input']) {
      border-color: CanvasText;
    }
    .required,
    .error,
    ::slotted([slot='error']) {
      color: CanvasText;
    }
  }
`;
