import type { Locale } from '../../../contract/enums.js';
import type { Params } from '../../../contract/i18n.js';
import { signupEmailMessages } from '../../lib/i18n.js';
import { type Brand, greeting, renderEmail } from './layout.js';

type Key = Parameters<typeof signupEmailMessages.t>[1];
const texts = (brand: Brand, locale: Locale) => (key: Key, params?: Params) => signupEmailMessages.t(locale, key, { brand: brand.name, ...params });

/** Double opt-in: the link that confirms the e-mail address and the order. */
export function confirmationEmail(brand: Brand, locale: Locale, v: { name: string; link: string; hours: number }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `signup-confirmation/${locale}/1`, t('confirmation.subject'), [
    greeting(locale, v.name),
    { p: t('confirmation.body', { hours: v.hours }) },
    { link: { label: t('confirmation.button'), href: v.link } },
    { p: t('confirmation.ignore') },
  ]);
}

/** Who ordered a new location for the signup's company: the main account's admin and the main account. */
export interface OrderedBy {
  admin: string;
  main: string;
  mainNumber: string;
}

/**
 * The confirmation link of a signup that a main account's admin started for a new location: who ordered
 * it and what confirming means (linked, acted for); not wanted, contact that admin.
 */
export function locationConfirmationEmail(brand: Brand, locale: Locale, v: { name: string; link: string; hours: number; orderedBy: OrderedBy }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `signup-confirmation-location/${locale}/1`, t('confirmation.subject'), [
    greeting(locale, v.name),
    { p: t('locationConfirmation.orderedBy', { ...v.orderedBy }) },
    { p: t('confirmation.body', { hours: v.hours }) },
    { link: { label: t('confirmation.button'), href: v.link } },
    { p: t('locationConfirmation.ignore', { ...v.orderedBy }) },
  ]);
}

/** After confirmation: who the customer is and where to set a password. Never a password. */
export function credentialsEmail(
  brand: Brand,
  locale: Locale,
  v: { name: string; username: string; sipAddress: string | null; customerNumber: string; link: string; hours: number },
) {
  const t = texts(brand, locale);
  const facts: [string, string][] = [
    [t('credentials.customerNumber'), v.customerNumber],
    [t('credentials.username'), v.username],
    ...(v.sipAddress ? [[t('credentials.sipAddress'), v.sipAddress] as [string, string]] : []),
  ];
  return renderEmail(brand, locale, `signup-credentials/${locale}/1`, t('credentials.subject'), [
    greeting(locale, v.name),
    { p: t('credentials.body') },
    { facts },
    { p: t('credentials.setPassword', { hours: v.hours }) },
    { link: { label: t('credentials.button'), href: v.link } },
  ]);
}
