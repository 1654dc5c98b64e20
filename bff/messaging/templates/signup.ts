import type { Locale } from '../../../contract/enums.js';
import { type Brand, renderEmail } from './layout.js';

/** Double opt-in: the link that confirms the e-mail address and the order. */
export function confirmationEmail(brand: Brand, locale: Locale, v: { name: string; link: string; hours: number }) {
  return locale === 'de'
    ? renderEmail(brand, locale, 'signup-confirmation/de/1', `Bitte bestätigen Sie Ihre Anmeldung bei ${brand.name}`, [
        { p: `Guten Tag ${v.name},` },
        { p: `vielen Dank für Ihre Anmeldung. Bitte bestätigen Sie Ihre E-Mail-Adresse, damit wir Ihr Konto einrichten können. Der Link gilt ${v.hours} Stunden und nur einmal.` },
        { link: { label: 'Anmeldung bestätigen', href: v.link } },
        { p: 'Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail; dann geschieht nichts.' },
      ])
    : renderEmail(brand, locale, 'signup-confirmation/en/1', `Please confirm your signup with ${brand.name}`, [
        { p: `Hello ${v.name},` },
        { p: `thank you for signing up. Please confirm your e-mail address so that we can set up your account. The link is valid for ${v.hours} hours and works once.` },
        { link: { label: 'Confirm signup', href: v.link } },
        { p: 'If you did not sign up, ignore this e-mail; nothing will happen.' },
      ]);
}

/** After confirmation: who the customer is and where to set a password. Never a password. */
export function credentialsEmail(
  brand: Brand,
  locale: Locale,
  v: { name: string; username: string; sipAddress: string | null; customerNumber: string; link: string; hours: number },
) {
  const de = locale === 'de';
  const facts: [string, string][] = [
    [de ? 'Kundennummer' : 'Customer number', v.customerNumber],
    [de ? 'Benutzername' : 'Username', v.username],
    ...(v.sipAddress ? [[de ? 'SIP-Adresse' : 'SIP address', v.sipAddress] as [string, string]] : []),
  ];
  return de
    ? renderEmail(brand, locale, 'signup-credentials/de/1', `Ihr Konto bei ${brand.name} ist eingerichtet`, [
        { p: `Guten Tag ${v.name},` },
        { p: 'Ihr Konto ist eingerichtet. Das sind Ihre Zugangsdaten:' },
        { facts },
        { p: `Legen Sie jetzt Ihr Passwort fest. Der Link gilt ${v.hours} Stunden und nur einmal.` },
        { link: { label: 'Passwort festlegen', href: v.link } },
      ])
    : renderEmail(brand, locale, 'signup-credentials/en/1', `Your ${brand.name} account is ready`, [
        { p: `Hello ${v.name},` },
        { p: 'Your account is ready. These are your details:' },
        { facts },
        { p: `Now set your password. The link is valid for ${v.hours} hours and works once.` },
        { link: { label: 'Set password', href: v.link } },
      ]);
}
