import type { Locale } from '../../../contract/enums.js';
import { localeTag, type Params } from '../../../contract/i18n.js';
import { formatDay, formatInstant } from './format.js';
import { subUserEmailMessages } from '../../lib/i18n.js';
import { type Brand, greeting, renderEmail } from './layout.js';

// The co-users' e-mails (PRODUCT.md §3.3), one catalogue for their texts (`contract/messages/sub-user-email`).

type Key = Parameters<typeof subUserEmailMessages.t>[1];
const texts = (brand: Brand, locale: Locale) => (key: Key, params?: Params) => subUserEmailMessages.t(locale, key, { brand: brand.name, ...params });

/** Double opt-in: who added the co-user, what confirming means, the link (valid `days` days). */
export function invitationEmail(brand: Brand, locale: Locale, v: { name: string; company: string; admin: string; link: string; days: number }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `sub-user-invitation/${locale}/1`, t('invitation.subject', { company: v.company }), [
    greeting(locale, v.name),
    { p: t('invitation.body', { company: v.company, admin: v.admin }) },
    { p: t('invitation.confirm', { days: v.days }) },
    { link: { label: t('invitation.button'), href: v.link } },
    { p: t('invitation.ignore') },
  ]);
}

/** After the co-user confirmed: their login details and where to set a password. Never a password. */
export function subUserCredentialsEmail(
  brand: Brand,
  locale: Locale,
  v: { name: string; company: string; username: string; sipAddress: string; customerNumber: string; link: string; hours: number; emailShared?: boolean },
) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `sub-user-credentials/${locale}/1`, t('credentials.subject'), [
    greeting(locale, v.name),
    { p: t('credentials.body', { company: v.company }) },
    {
      facts: [
        [t('credentials.name'), v.name],
        [t('credentials.customerNumber'), v.customerNumber],
        [t('credentials.username'), v.username],
        [t('credentials.sipAddress'), v.sipAddress],
      ],
    },
    // An address another login of the tenant uses too names nobody at the login: then only the username.
    { p: t(v.emailShared ? 'credentials.setPasswordUsername' : 'credentials.setPassword', { hours: v.hours }) },
    { link: { label: t('credentials.button'), href: v.link } },
  ]);
}

/** To the admin: the co-user confirmed ("X hat die Anmeldung bestätigt"). */
export function confirmedNoticeEmail(brand: Brand, locale: Locale, v: { admin: string; name: string; username: string; customerNumber: string; startsOn: string }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `sub-user-confirmed/${locale}/1`, t('confirmed.subject', { name: v.name }), [
    greeting(locale, v.admin),
    { p: t('confirmed.body', { name: v.name, startsOn: formatDay(locale, v.startsOn) }) },
    {
      facts: [
        [t('credentials.customerNumber'), v.customerNumber],
        [t('credentials.username'), v.username],
      ],
    },
  ]);
}

/**
 * To the admin: the cancellation receipt, with the date and time of receipt (Europe/Berlin), the end date
 * (none for a co-user who never confirmed), who, which tariff, and a reference.
 */
export function cancellationEmail(
  brand: Brand,
  locale: Locale,
  v: { admin: string; name: string; customerNumber: string | null; tariff: string; receivedAt: Date; endsOn: string | null; reference: string },
) {
  const t = texts(brand, locale);
  const facts: [string, string][] = [
    [t('cancellation.receivedAt'), formatInstant(locale, v.receivedAt)],
    [t('cancellation.endsOn'), v.endsOn ? formatDay(locale, v.endsOn) : t('cancellation.endsNow')],
    [t('cancellation.name'), v.name],
    ...(v.customerNumber ? [[t('cancellation.customerNumber'), v.customerNumber] as [string, string]] : []),
    [t('cancellation.tariff'), v.tariff],
    [t('cancellation.reference'), v.reference],
  ];
  return renderEmail(brand, locale, `sub-user-cancellation/${locale}/1`, t(v.endsOn ? 'cancellation.subject' : 'cancellation.pendingSubject'), [
    greeting(locale, v.admin),
    { p: t(v.endsOn ? 'cancellation.body' : 'cancellation.pendingBody') },
    { facts },
    ...(v.endsOn ? [{ p: t('cancellation.withdraw') }] : []),
  ]);
}

/** To the co-user: the access ends on its last day. */
export function accessEndsEmail(brand: Brand, locale: Locale, v: { name: string; company: string; endsOn: string }) {
  const t = texts(brand, locale);
  const endsOn = formatDay(locale, v.endsOn);
  return renderEmail(brand, locale, `sub-user-access-ends/${locale}/1`, t('accessEnds.subject', { endsOn }), [
    greeting(locale, v.name),
    { p: t('accessEnds.body', { company: v.company, endsOn }) },
    { p: t('accessEnds.questions', { company: v.company }) },
  ]);
}

/** To the co-user: the cancellation of its access was withdrawn, the access continues. */
export function accessContinuesEmail(brand: Brand, locale: Locale, v: { name: string; company: string }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `sub-user-access-continues/${locale}/1`, t('accessContinues.subject'), [
    greeting(locale, v.name),
    { p: t('accessContinues.body', { company: v.company }) },
  ]);
}

/** To the admin: a scheduled cancellation was withdrawn. */
export function withdrawnEmail(brand: Brand, locale: Locale, v: { admin: string; name: string; customerNumber: string }) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `sub-user-withdrawn/${locale}/1`, t('withdrawn.subject', { name: v.name }), [
    greeting(locale, v.admin),
    { p: t('withdrawn.body', { name: v.name, customerNumber: v.customerNumber }) },
  ]);
}

/** The 429's detail of a refused resend: from when the next one may go out, in the caller's language. */
export const resendRefusal = (locale: Locale, why: 'limited' | 'cooldown', at: Date) =>
  subUserEmailMessages.t(locale, `resend.${why}`, { when: new Intl.DateTimeFormat(localeTag(locale), { timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(at) });
