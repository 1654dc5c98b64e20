import type { Locale } from '../../../contract/enums.js';
import type { Params } from '../../../contract/i18n.js';
import { locationEmailMessages } from '../../lib/i18n.js';
import { type Brand, greeting, renderEmail } from './layout.js';
import { formatDay, formatInstant } from './format.js';

// The locations flow's messages (PRODUCT.md §3.4), one catalogue for their texts (`contract/messages/location-email`).

type Key = Parameters<typeof locationEmailMessages.t>[1];
const texts = (brand: string, locale: Locale) => (key: Key, params?: Params) => locationEmailMessages.t(locale, key, { brand, ...params });

/** Who asks to link an account, and which. */
export interface LinkAsk {
  admin: string;
  main: string;
  mainNumber: string;
  sub: string;
  subNumber: string;
  collectiveInvoice: boolean;
}

/** Whether this code replaces one sent before for the same account (a resend, or a new request). */
export interface CodeSend {
  pin: string;
  hours: number;
  replaces: boolean;
}

/**
 * The code SMS to the other account's admin: who asks, what for (with the collective invoice when chosen),
 * the code, how long, that an earlier code no longer works, only with consent.
 */
export function linkCodeSms(brand: string, locale: Locale, v: LinkAsk & CodeSend): string {
  const t = texts(brand, locale);
  return t('code.sms', {
    admin: v.admin,
    main: v.main,
    mainNumber: v.mainNumber,
    subNumber: v.subNumber,
    pin: v.pin,
    hours: v.hours,
    invoice: v.collectiveInvoice ? t('code.smsInvoice') : '',
    replaces: v.replaces ? t('code.replaces') : '',
  });
}

/** The same by e-mail, with what linking means. */
export function linkCodeEmail(brand: Brand, locale: Locale, v: LinkAsk & CodeSend & { name: string }) {
  const t = texts(brand.name, locale);
  const p = { admin: v.admin, main: v.main, mainNumber: v.mainNumber, sub: v.sub, subNumber: v.subNumber, hours: v.hours };
  return renderEmail(brand, locale, `location-link-code/${locale}/1`, t('code.subject', p), [
    greeting(locale, v.name),
    { p: t('code.body', p) },
    {
      facts: [
        [t('code.codeLabel'), v.pin],
        [t('code.validLabel'), t('code.valid', p)],
      ],
    },
    ...(v.replaces ? [{ p: t('code.replacesMail') }] : []),
    { p: t('code.means') },
    { p: t('code.meansActing', p) },
    { p: t('code.meansOwnLogin', p) },
    { p: t(v.collectiveInvoice ? 'code.meansInvoiceOn' : 'code.meansInvoiceOff', p) },
    { p: t('code.meansUnlink', p) },
    { p: t('code.consent', p) },
  ]);
}

/** To the linked account's admin: it is a location now. */
export function linkedEmail(brand: Brand, locale: Locale, v: Omit<LinkAsk, 'admin'> & { name: string; at: Date; invoiceFrom: string | null }) {
  const t = texts(brand.name, locale);
  const p = { main: v.main, mainNumber: v.mainNumber, sub: v.sub, subNumber: v.subNumber, when: formatInstant(locale, v.at) };
  return renderEmail(brand, locale, `location-linked/${locale}/1`, t('linked.subject', p), [
    greeting(locale, v.name),
    { p: t('linked.body', p) },
    ...(v.invoiceFrom ? [{ p: t('linked.invoiceOn', { ...p, from: formatDay(locale, v.invoiceFrom) }) }] : []),
  ]);
}

/** To the main account's admin: the location it ordered is confirmed and linked. */
export function orderedLinkedEmail(brand: Brand, locale: Locale, v: { name: string; main: string; sub: string; subNumber: string; invoiceFrom: string | null }) {
  const t = texts(brand.name, locale);
  const p = { main: v.main, sub: v.sub, subNumber: v.subNumber };
  return renderEmail(brand, locale, `location-ordered/${locale}/1`, t('ordered.subject', p), [
    greeting(locale, v.name),
    { p: t('ordered.body', p) },
    ...(v.invoiceFrom ? [{ p: t('ordered.invoiceOn', { from: formatDay(locale, v.invoiceFrom) }) }] : []),
  ]);
}

/** To the unlinked account's admin: no longer a location; until when it stays on the collective invoice. */
export function unlinkedEmail(brand: Brand, locale: Locale, v: Omit<LinkAsk, 'admin' | 'collectiveInvoice'> & { name: string; at: Date; until: string | null }) {
  const t = texts(brand.name, locale);
  const p = { main: v.main, mainNumber: v.mainNumber, sub: v.sub, subNumber: v.subNumber, when: formatInstant(locale, v.at) };
  return renderEmail(brand, locale, `location-unlinked/${locale}/1`, t('unlinked.subject', p), [
    greeting(locale, v.name),
    { p: t('unlinked.body', p) },
    ...(v.until ? [{ p: t('unlinked.invoiceUntil', { ...p, until: formatDay(locale, v.until) }) }] : []),
  ]);
}
