import type { Locale } from '../../../contract/enums.js';
import type { Params } from '../../../contract/i18n.js';
import type { FactorChange } from '../../domain/factors.js';
import { factorEmailMessages } from '../../lib/i18n.js';
import { formatInstant } from './format.js';
import { type Brand, greeting, renderEmail } from './layout.js';

// The notices of a change to a user's sign-in methods: what changed and when, and whom to tell when it was
// not them. Never a code, a secret or a key: someone who reads the mail or SMS learns nothing to sign in with.

type Key = Parameters<typeof factorEmailMessages.t>[1];
const texts = (brand: Brand, locale: Locale) => (key: Key, params?: Params) =>
  factorEmailMessages.t(locale, key, { brand: brand.name, supportEmail: brand.supportEmail, ...params });

export interface FactorNotice {
  name: string;
  username: string;
  at: Date;
  /** The passkey's name (added or removed). */
  label?: string;
  /** Recovery codes left (one was used). */
  remaining?: number;
}

const paramsOf = (locale: Locale, v: FactorNotice): Params => ({ username: v.username, when: formatInstant(locale, v.at), label: v.label ?? '', remaining: v.remaining ?? 0 });

export function factorChangedEmail(brand: Brand, locale: Locale, change: FactorChange, v: FactorNotice) {
  const t = texts(brand, locale);
  return renderEmail(brand, locale, `factor-${change.replaceAll('_', '-')}/${locale}/1`, t(`${change}.subject`), [
    greeting(locale, v.name),
    { p: t(`${change}.body`, paramsOf(locale, v)) },
    { p: t('notYou') },
  ]);
}

export const factorChangedSms = (brand: Brand, locale: Locale, change: FactorChange, v: FactorNotice) => texts(brand, locale)(`sms.${change}`, paramsOf(locale, v));
