import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * On top of the list widgets' cards (`core/cards.styles.ts`): the status badges' border colours (the word
 * carries the status; the colour only repeats it), the contract facts and the receipt, which alone is printed.
 */
export const subUsersStyles = css`
  .badge.active {
    border-color: ${tokens.colorSuccess};
  }
  .badge.pending_confirmation,
  .badge.cancellation_scheduled {
    border-color: ${tokens.colorWarning};
  }
  .badge.expired {
    border-color: ${tokens.colorDanger};
  }
  .badge.cancelled {
    border-style: dashed;
  }
  .wait,
  .count,
  .hint {
    color: ${tokens.colorTextMuted};
  }
  .search {
    margin-block-end: ${tokens.space3};
  }
  .facts,
  .receipt {
    border: 2px solid ${tokens.colorPrimary};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    margin: ${tokens.space4} 0;
  }
  .facts-heading {
    font-size: 1.125em;
    font-weight: 700;
  }
  .preview {
    background: ${tokens.colorSurface};
    border-radius: ${tokens.radius};
    padding: ${tokens.space2} ${tokens.space3};
    overflow-wrap: anywhere;
  }
  .preview code {
    font-family: ui-monospace, monospace;
    white-space: pre-wrap;
  }
  .earliest {
    font-weight: 700;
  }
  @media print {
    [role='status'],
    .actions,
    tk-alert {
      display: none !important;
    }
    .receipt {
      border: 0;
      padding: 0;
    }
  }
`;
