import { html } from 'lit';

// What the two places that show a secret to keep share (the password setup without SMS, `enrol.ts`, and the
// profile's second factors, `factors.ts`): both are lazy chunks, and neither should carry the other.

/**
 * A key or code to copy: shown in groups, read out character by character (a screen reader would read
 * "JBSW" as a word), group by group.
 */
export const readable = (text: string, cls = '') =>
  html`<code class=${cls} aria-hidden="true">${text}</code><span class="visually-hidden">${text
    .split(/[\s-]+/)
    .map((group) => [...group].join(' '))
    .join(', ')}</span>`;

/** Saves `text` as a text file named `name`. */
export function download(text: string, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  link.download = name;
  link.click();
  // Not at once: revoked right after `click()`, Firefox and Safari can cancel the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
