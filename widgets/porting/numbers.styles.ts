import { css } from 'lit';

/** The numbers step's own layout, adopted into the wizard's shadow root. */
export const numbersStyles = css`
  .tk-numbers fieldset { border: 0; margin: 0 0 var(--tk-space-4, 1.5rem); padding: 0; min-width: 0; }
  .tk-numbers legend { font-weight: 600; font-size: 1.125rem; margin-bottom: var(--tk-space-2, 0.5rem); padding: 0; }
  .tk-numbers .stack > * + * { margin-top: var(--tk-space-3, 1rem); }
  .tk-numbers .line { display: flex; gap: var(--tk-space-2, 0.5rem); align-items: flex-end; flex-wrap: wrap; }
  .tk-numbers .line tk-text-field { flex: 1 1 12rem; min-width: 0; }
  .tk-numbers .note, .tk-numbers .muted { color: var(--tk-color-text-muted); margin: var(--tk-space-2, 0.5rem) 0; }
  .tk-numbers ul { padding-inline-start: 1.25rem; }
  .tk-numbers .flagged button { background: none; border: 0; padding: 0; color: var(--tk-color-link); text-decoration: underline; cursor: pointer; font: inherit; text-align: start; }
  .tk-numbers textarea { width: 100%; box-sizing: border-box; font: inherit; color: inherit; background: var(--tk-color-background); border: 1px solid var(--tk-color-border); border-radius: var(--tk-radius, 0.25rem); padding: 0.5rem; min-height: 5rem; }
  .tk-numbers textarea:focus-visible, .tk-numbers .flagged button:focus-visible { outline: 3px solid var(--tk-color-primary); outline-offset: 2px; }
  .tk-numbers a { color: var(--tk-color-link); overflow-wrap: anywhere; }
  .tk-numbers .label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
`;
