import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/** `tk-porting`'s own layout, on top of `widgetStyles` (heading, legend, actions). */
export const portingStyles = css`
  :host {
    display: block;
    max-width: 48rem;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 ${tokens.space4};
  }
  .search {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 ${tokens.space3};
  }
  .group {
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    margin: 0 0 ${tokens.space4};
    min-width: 0;
  }
  .group legend,
  .section-title {
    font-weight: 600;
    padding: 0 ${tokens.space1};
  }
  .note,
  .price {
    background: ${tokens.colorSurface};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
  }
  .price table {
    width: 100%;
    border-collapse: collapse;
  }
  .price td,
  .price th {
    text-align: start;
    padding: ${tokens.space1} 0;
    vertical-align: top;
  }
  .price .amount {
    text-align: end;
    white-space: nowrap;
  }
  .price tfoot {
    font-weight: 700;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: ${tokens.space1} ${tokens.space3};
    margin: 0 0 ${tokens.space3};
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .section {
    border-block-end: 1px solid ${tokens.colorBorder};
    padding-block: ${tokens.space3};
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: ${tokens.space2};
  }
  .password {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 ${tokens.space3};
  }
  .saved {
    color: ${tokens.colorTextMuted};
  }
  ul.plain {
    padding-inline-start: 1.25em;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
  }
  .problem {
    border: 2px solid ${tokens.colorDanger};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    margin: 0 0 ${tokens.space4};
  }
`;
