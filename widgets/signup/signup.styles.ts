import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

/** The signup's own layout, on top of `widgetStyles` (heading, legend, actions). */
export const signupStyles = css`
  :host {
    display: block;
    max-width: 48rem;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 ${tokens.space4};
  }
  .group {
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    margin: 0 0 ${tokens.space4};
  }
  .group legend {
    font-weight: 600;
    padding: 0 ${tokens.space1};
  }
  .mandate {
    background: ${tokens.colorSurface};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
  }
  .facts {
    border: 2px solid ${tokens.colorPrimary};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    margin: ${tokens.space4} 0;
  }
  .facts-heading {
    font-size: 1.125em;
    font-weight: 700;
  }
  .facts dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: ${tokens.space1} ${tokens.space4};
    margin: ${tokens.space2} 0 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    .facts dl {
      grid-template-columns: 1fr;
    }
    .facts dd {
      margin-block-end: ${tokens.space2};
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    gap: ${tokens.space3};
    justify-content: space-between;
    margin-top: ${tokens.space4};
  }
`;
