/** The login's texts for "forgot password": they come with its steps (`forgot.ts`), when chosen. */
export default {
  'forgot.title': 'Passwort vergessen',
  'forgot.intro': 'Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.',
  'forgot.submit': 'Link anfordern',
  'forgot.done': 'Wenn wir ein Konto zu „{login}“ haben, ist eine E-Mail mit einem Link unterwegs. Der Link gilt 60 Minuten. Bitte sehen Sie auch im Spam-Ordner nach.',
} as const;
