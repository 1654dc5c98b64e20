import { isLocale, localeTag, type Params } from '../../../contract/i18n.js';
import type { Locale } from '../../../contract/locales.js';
import { fieldErrorMessages } from '../../../contract/messages/field-errors.js';
import { kitMessages, type MessageKey } from './messages.js';

export { isLocaleLoaded, loadLocale, registerLocale } from '../../../contract/i18n.js';
export type { MessageKey } from './messages.js';

/**
 * The locale to use: the `locale` attribute, else the tenant's default, else the browser's first
 * supported language, else German. Limited to the locales the tenant enables, when known.
 */
export function resolveLocale(
  attribute: string | null | undefined,
  tenant?: { locales: readonly string[]; defaultLocale: string },
  browser: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Locale {
  const enabled = (l: string | null | undefined): l is Locale => isLocale(l) && (!tenant || tenant.locales.includes(l));
  const base = (l: string | null | undefined) => l?.toLowerCase().split('-')[0];
  for (const candidate of [base(attribute), base(tenant?.defaultLocale), ...browser.map(base)]) {
    if (enabled(candidate)) return candidate;
  }
  return 'de';
}

/** A text of the kit's shared catalogue (German until `locale` is loaded). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return kitMessages.t(locale, key, params);
}

/** A field error code (shared with the BFF, see `contract/messages/field-errors/`) in the given locale. */
export function errorMessage(locale: Locale, code: string): string {
  const texts: Record<string, string> = fieldErrorMessages.texts(locale);
  return texts[code] ?? texts.invalid!;
}

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(localeTag(locale), { style: 'currency', currency }).format(cents / 100);
}

export function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
}
