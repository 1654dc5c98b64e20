/** Escapes text for HTML content and attribute values: the one escaper of the BFF's hand-written HTML. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
