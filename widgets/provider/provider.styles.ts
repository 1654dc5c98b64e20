import { css } from 'lit';

export const providerStyles = css`
  :host {
    display: block;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: var(--tk-space-2, 0.5rem);
    margin-block-end: var(--tk-space-3, 0.75rem);
    color: var(--tk-color-text-muted, #4a4a55);
    font-size: 0.875em;
  }
  .brand img {
    max-height: 2rem;
    width: auto;
  }
  .loading {
    color: var(--tk-color-text-muted, #4a4a55);
  }
`;
