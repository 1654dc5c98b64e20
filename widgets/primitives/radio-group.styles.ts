import { css } from 'lit';
import * as tokens from '../core/tokens.styles.js';

export const radioGroupStyles = css`
  .options {
    display: grid;
    gap: ${tokens.space2};
  }
  .option {
    display: flex;
    gap: ${tokens.space2};
    align-items: flex-start;
  }
  .cards .options {
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .cards .option {
    border: ${tokens.borderWidth} solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    padding: ${tokens.space3};
    background: ${tokens.colorSurface};
    cursor: pointer;
  }
  .cards .option:has(input:checked) {
    border-color: ${tokens.colorPrimary};
    border-width: 3px;
  }
  .title {
    display: block;
    font-weight: 600;
  }
  .description {
    display: block;
    color: ${tokens.colorTextMuted};
  }
  @media (forced-colors: active) {
    .cards .option:has(input:checked) {
      border-color: Highlight;
    }
  }
`;
