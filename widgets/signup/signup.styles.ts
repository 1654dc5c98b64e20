import { css } from 'lit';

export const signupStyles = css`
  :host {
    display: block;
    max-width: 48rem;
  }
  .heading {
    font-size: 1.375em;
    font-weight: 700;
    margin: 0 0 var(--tk-space-3, 0.75rem);
  }
  .legend {
    color: var(--tk-color-text-muted, #4a4a55);
    margin: 0 0 var(--tk-space-3, 0.75rem);
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 var(--tk-space-4, 1.25rem);
  }
  .group {
    border: 1px solid var(--tk-color-border, #6b6b76);
    border-radius: var(--tk-radius, 0.375rem);
    padding: var(--tk-space-3, 0.75rem);
    margin: 0 0 var(--tk-space-4, 1.25rem);
  }
  .group legend {
    font-weight: 600;
    padding: 0 var(--tk-space-1, 0.25rem);
  }
  .mandate {
    background: var(--tk-color-surface, #f5f6f8);
    border-radius: var(--tk-radius, 0.375rem);
    padding: var(--tk-space-3, 0.75rem);
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--tk-space-1, 0.25rem) var(--tk-space-4, 1.25rem);
    border: 2px solid var(--tk-color-primary, #0b57d0);
    border-radius: var(--tk-radius, 0.375rem);
    padding: var(--tk-space-3, 0.75rem);
    margin: var(--tk-space-4, 1.25rem) 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
  }
  .facts h3 {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 1.125em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    gap: var(--tk-space-3, 0.75rem);
    justify-content: space-between;
    margin-top: var(--tk-space-4, 1.25rem);
  }
  [data-step-heading]:focus {
    outline: none;
  }
  [data-step-heading]:focus-visible {
    outline: var(--tk-focus-ring-width, 3px) solid var(--tk-focus-ring-color, var(--tk-color-primary, #0b57d0));
  }
`;
