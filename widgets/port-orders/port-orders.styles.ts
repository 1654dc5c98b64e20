import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/**
 * On top of the list widgets' cards (`core/cards.styles.ts`): the filter (status and search side by side where
 * there is room, stacked at 320 px), the count line, an order's status meaning, and the detail's sections and
 * timeline.
 */
export const portOrdersStyles = css`
  .filter {
    display: flex;
    flex-wrap: wrap;
    gap: 0 ${tokens.space3};
    align-items: end;
    margin-block-end: ${tokens.space3};
  }
  .filter .field {
    flex: 1 1 14rem;
    min-width: 0;
    margin-block-end: ${tokens.space3};
  }
  .filter tk-button {
    margin-block-end: ${tokens.space3};
  }
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: ${tokens.space1};
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
  .control:focus-visible,
  summary:focus-visible,
  a:focus-visible {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
  }
  /* The detail's sections (Kunde, Rufnummern, Preise, Verlauf, Dokumente): headings that look like headings. */
  .section-title {
    font-size: 1.125rem;
    font-weight: 700;
    margin-block: ${tokens.space4} ${tokens.space2};
  }
  .count:empty {
    display: none;
  }
  .name:focus,
  [data-heading]:focus,
  .comment:focus {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
  }
  dl {
    margin-block-end: ${tokens.space3};
  }
  /* A long term (the pro-rata first month with its dates) takes at most half the width: the amount keeps its own. */
  @media (min-width: 30rem) {
    dl {
      grid-template-columns: fit-content(50%) minmax(0, 1fr);
    }
  }
  .meaning {
    margin-block: ${tokens.space2};
  }
  summary {
    cursor: pointer;
    color: ${tokens.colorLink};
    text-decoration: underline;
  }
  .empty,
  .more {
    margin-block: ${tokens.space3};
  }
  section {
    margin-block-end: ${tokens.space4};
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .comment {
    border-inline-start: 4px solid ${tokens.colorWarning};
    padding: ${tokens.space2} ${tokens.space3};
    background: ${tokens.colorSurface};
    margin-block-end: ${tokens.space4};
  }
  .timeline {
    list-style: none;
    margin: 0;
    padding: 0 0 0 ${tokens.space3};
    border-inline-start: 2px solid ${tokens.colorBorder};
  }
  .timeline li {
    margin-block-end: ${tokens.space3};
  }
  .plain {
    margin: 0 0 ${tokens.space3};
    padding-inline-start: 1.25rem;
  }
  .muted {
    color: ${tokens.colorTextMuted};
  }
  input[type='file'] {
    font: inherit;
    max-width: 100%;
  }
  input[type='file']:focus-visible {
    outline: ${tokens.focusRingWidth} solid ${tokens.focusRingColor};
    outline-offset: 2px;
  }
  .field-error {
    color: ${tokens.colorDanger};
    font-weight: 600;
  }
`;
