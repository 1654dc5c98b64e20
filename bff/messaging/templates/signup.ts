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
