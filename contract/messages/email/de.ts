/** What every e-mail has: the greeting and the footer (`bff/messaging/templates/layout.ts`). */
export default {
  greeting: 'Guten Tag {name},',
  footer: 'Fragen? Schreiben Sie an {supportEmail}.',
} as const;
