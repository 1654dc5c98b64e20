import type { Locale } from '../../../contract/enums.js';
import type { Params } from '../../../contract/i18n.js';
import { credentialsEmailMessages } from '../../lib/i18n.js';
import { type Brand, greeting, renderEmail } from './layout.js';
import { formatInstantZoned } from './format.js';

// New internet access credentials (PRODUCT.md §3.6): the e-mail that carries the encrypted PDF and the SMS
// with the code that opens it. The e-mail never holds the code or the password; the SMS only the code and
// which contract it is for.

type Key = Parameters<typeof credentialsEmailMessages.t>[1];
const texts = (brand: string, locale: Locale) => (key: Key, params?: Params) => credentialsEmailMessages.t(locale, key, { brand, ...params });

export interface CredentialsMail {
  name: string;
  contract: string;
  contractNumber: string;
  site: string;
  username: string;
  /** The masked mobile the code goes to. */
  mobile: string;
  file: string;
  at: Date;
  /** The how-manieth set of this contract's credentials: in the subject. */
  sequence: number;
}

export function credentialsEmail(brand: Brand, locale: Locale, v: CredentialsMail) {
  const t = texts(brand.name, locale);
  const p = { contract: v.contract, contractNumber: v.contractNumber, site: v.site, mobile: v.mobile, file: v.file, supportEmail: brand.supportEmail, when: formatInstantZoned(locale, v.at), sequence: v.sequence };
  return renderEmail(brand, locale, `credentials-rotated/${locale}/1`, t('email.subject', p), [
    greeting(locale, v.name),
    { p: t('email.body', p) },
    {
      facts: [
        [t('email.contractLabel'), `${v.contract} (${v.contractNumber})`],
        [t('email.siteLabel'), v.site],
        [t('email.usernameLabel'), v.username],
      ],
    },
    { p: t('email.replaces', p) },
    { p: t('email.attached', p) },
    { p: t('email.code', p) },
    { p: t('email.revoked', p) },
    { p: t('email.router', p) },
    { p: t('email.notYou', p) },
  ]);
}

export const credentialsSms = (brand: string, locale: Locale, v: { contractNumber: string; site: string; file: string; code: string }) => texts(brand, locale)('sms', v);

/** The problems' `detail` of this flow. */
export const credentialsDetail = (locale: Locale, key: Key, params: Params) => credentialsEmailMessages.t(locale, key, params);
