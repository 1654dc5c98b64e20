import type { Locale } from '../../../contract/enums.js';
import { localeTag, type Params } from '../../../contract/i18n.js';
import { portalEmailMessages, portalSmsMessages } from '../../lib/i18n.js';
import { type Brand, greeting, renderEmail } from './layout.js';

type PinPurpose = 'login' | 'password_setup' | 'mobile_change';
type Key = Parameters<typeof portalEmailMessages.t>[1];
const texts = (brand: Brand, locale: Locale) => (key: Key, params?: Params) =>
  portalEmailMessages.t(locale, key, { brand: brand.name, supportEmail: brand.supportEmail, ...params });

/**
 * The SMS with a PIN: what it is for, how long it lasts, and never to pass it on; then, with `host`, the
 * origin-bound last line of WebOTP (`@host #123456`) so that the browser on that site offers the code.
 */
export function pinSms(brand: string, locale: Locale, purpose: PinPurpose, pin: string, minutes: number, host?: string): string {
  const text = portalSmsMessages.t(locale, `pin.${purpose}`, { brand, pin, minutes });
  return host ? `${text}\n\n@${host} #${pin}` : text;
}

/** After every password change: so that a change the user did not make does not go unnoticed. */
export function passwordChangedEmail(brand: Brand, locale: Locale, v: { name: string; username: string; at: Date }) {
  const t = texts(brand, locale);
  const when = new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(v.at);
  return renderEmail(brand, locale, `password-changed/${locale}/1`, t('passwordChanged.subject'), [
    greeting(locale, v.name),
    { p: t('passwordChanged.body', { username: v.username, when }) },
    { p: t('passwordChanged.notYou') },
  ]);
}

/** "Forgot password": the link to set a new one. */
export function passwordResetEmail(brand: Brand, locale: Locale, v: { name: string; username: string; link: string; minutes: number }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `password-reset/${locale}/1`, t('passwordReset.subject'), [
    greeting(locale, v.name),
    { p: t('passwordReset.body', { username: v.username, minutes: v.minutes }) },
    { link: { label: t('passwordReset.button'), href: v.link } },
    { p: t('passwordReset.ignore') },
  ]);
}

/** Profile: confirm a new e-mail address by a link sent to it. */
export function emailChangeEmail(brand: Brand, locale: Locale, v: { name: string; link: string; hours: number }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `email-change/${locale}/1`, t('emailChange.subject'), [
    greeting(locale, v.name),
    { p: t('emailChange.body', { hours: v.hours }) },
    { link: { label: t('emailChange.button'), href: v.link } },
    { p: t('emailChange.ignore') },
  ]);
}

/** To the account's owner, once per hour while logins are throttled (too many wrong passwords). */
export function loginThrottledEmail(brand: Brand, locale: Locale, v: { name: string; username: string }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `login-throttled/${locale}/1`, t('loginThrottled.subject'), [
    greeting(locale, v.name),
    { p: t('loginThrottled.body', { username: v.username }) },
    { p: t('loginThrottled.notYou') },
  ]);
}

/** To the old address, once the new one is confirmed. */
export function emailChangedEmail(brand: Brand, locale: Locale, v: { name: string; newEmail: string }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `email-changed/${locale}/1`, t('emailChanged.subject'), [
    greeting(locale, v.name),
    { p: t('emailChanged.body', { newEmail: v.newEmail }) },
  ]);
}
