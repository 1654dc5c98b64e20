import type { Locale } from '../../../contract/enums.js';
import { type Brand, renderEmail } from './layout.js';

type PinPurpose = 'login' | 'password_setup' | 'mobile_change';

/** The SMS with a PIN: what it is for, how long it lasts, and never to pass it on. */
export function pinSms(brand: string, locale: Locale, purpose: PinPurpose, pin: string, minutes: number): string {
  const what =
    locale === 'de'
      ? { login: 'Anmelde-Code', password_setup: 'Code für Ihr neues Passwort', mobile_change: 'Code für Ihre neue Mobilnummer' }[purpose]
      : { login: 'login code', password_setup: 'code for your new password', mobile_change: 'code for your new mobile number' }[purpose];
  return locale === 'de'
    ? `${brand}: Ihr ${what} lautet ${pin}. Er gilt ${minutes} Minuten. Geben Sie ihn niemandem weiter.`
    : `${brand}: your ${what} is ${pin}. It is valid for ${minutes} minutes. Never share it with anyone.`;
}

/** After every password change: so that a change the user did not make does not go unnoticed. */
export function passwordChangedEmail(brand: Brand, locale: Locale, v: { name: string; username: string; at: Date }) {
  const when = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(v.at);
  return locale === 'de'
    ? renderEmail(brand, locale, 'password-changed/de/1', `Ihr Passwort bei ${brand.name} wurde geändert`, [
        { p: `Guten Tag ${v.name},` },
        { p: `das Passwort für den Benutzernamen ${v.username} wurde am ${when} geändert. Alle anderen Anmeldungen wurden beendet.` },
        { p: `Wenn Sie das nicht selbst waren, wenden Sie sich bitte sofort an ${brand.supportEmail}.` },
      ])
    : renderEmail(brand, locale, 'password-changed/en/1', `Your ${brand.name} password was changed`, [
        { p: `Hello ${v.name},` },
        { p: `the password for the username ${v.username} was changed on ${when}. All other logins were ended.` },
        { p: `If this was not you, please contact ${brand.supportEmail} at once.` },
      ]);
}

/** "Forgot password": the link to set a new one. */
export function passwordResetEmail(brand: Brand, locale: Locale, v: { name: string; username: string; link: string; minutes: number }) {
  return locale === 'de'
    ? renderEmail(brand, locale, 'password-reset/de/1', `Neues Passwort für ${brand.name}`, [
        { p: `Guten Tag ${v.name},` },
        { p: `Sie haben ein neues Passwort für den Benutzernamen ${v.username} angefordert. Der Link gilt ${v.minutes} Minuten und nur einmal.` },
        { link: { label: 'Neues Passwort festlegen', href: v.link } },
        { p: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.' },
      ])
    : renderEmail(brand, locale, 'password-reset/en/1', `New password for ${brand.name}`, [
        { p: `Hello ${v.name},` },
        { p: `you asked for a new password for the username ${v.username}. The link is valid for ${v.minutes} minutes and works once.` },
        { link: { label: 'Set a new password', href: v.link } },
        { p: 'If you did not ask for this, ignore this e-mail; your password stays as it is.' },
      ]);
}

/** Profile: confirm a new e-mail address by a link sent to it. */
export function emailChangeEmail(brand: Brand, locale: Locale, v: { name: string; link: string; hours: number }) {
  return locale === 'de'
    ? renderEmail(brand, locale, 'email-change/de/1', `Bitte bestätigen Sie Ihre neue E-Mail-Adresse bei ${brand.name}`, [
        { p: `Guten Tag ${v.name},` },
        { p: `bitte bestätigen Sie, dass wir Ihnen künftig an diese Adresse schreiben sollen. Der Link gilt ${v.hours} Stunden und nur einmal.` },
        { link: { label: 'E-Mail-Adresse bestätigen', href: v.link } },
        { p: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; dann ändert sich nichts.' },
      ])
    : renderEmail(brand, locale, 'email-change/en/1', `Please confirm your new e-mail address with ${brand.name}`, [
        { p: `Hello ${v.name},` },
        { p: `please confirm that we should write to this address from now on. The link is valid for ${v.hours} hours and works once.` },
        { link: { label: 'Confirm e-mail address', href: v.link } },
        { p: 'If you did not ask for this, ignore this e-mail; nothing will change.' },
      ]);
}

/** To the old address, once the new one is confirmed. */
export function emailChangedEmail(brand: Brand, locale: Locale, v: { name: string; newEmail: string }) {
  return locale === 'de'
    ? renderEmail(brand, locale, 'email-changed/de/1', `Ihre E-Mail-Adresse bei ${brand.name} wurde geändert`, [
        { p: `Guten Tag ${v.name},` },
        { p: `wir schreiben Ihnen ab jetzt an ${v.newEmail}. Wenn Sie das nicht selbst waren, wenden Sie sich bitte sofort an ${brand.supportEmail}.` },
      ])
    : renderEmail(brand, locale, 'email-changed/en/1', `Your e-mail address with ${brand.name} was changed`, [
        { p: `Hello ${v.name},` },
        { p: `from now on we write to ${v.newEmail}. If this was not you, please contact ${brand.supportEmail} at once.` },
      ]);
}
