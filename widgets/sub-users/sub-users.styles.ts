import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * The co-users' list as cards (no table: it reflows down to 320 px), their text badges (the word carries
 * the status; the border colour only repeats it), the contract facts and the receipt, which alone is printed.
 */
export const subUsersStyles = css`
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: ${tokens.space3};
  }
  .card {
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    min-width: 0;
  }
  .card-head {
    display: flex;
    flex-wrap: wrap;
    gap: ${tokens.space2};
    align-items: center;
    justify-content: space-between;
  }
  .name {
    font-size: 1.125em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    border: 2px solid ${tokens.colorBorder};
    border-radius: 1rem;
    padding: 0 ${tokens.space2};
    background: ${tokens.colorSurface};
    font-size: 0.875em;
    font-weight: 600;
  }
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
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
    gap: ${tokens.space1} ${tokens.space4};
    margin: ${tokens.space3} 0 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    dd {
      margin-block-end: ${tokens.space2};
    }
  }
  .wait,
  .count,
  .hint {
    color: ${tokens.colorTextMuted};
  }
  .search {
    margin-block-end: ${tokens.space3};
  }
  .empty {
    border: 1px dashed ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space4};
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
