import { type Locale, locales } from '../../../contract/enums.js';
import * as german from './locales/de.js';
import type { MessageKey, Messages } from './locales/de.js';

export type { MessageKey } from './locales/de.js';

/** German is built in; every other locale is `locales/<locale>.ts`, fetched the first time it is used. */
const lazy: Record<Exclude<Locale, 'de'>, () => Promise<{ fieldErrors: Record<string, string> } & Record<string, unknown>>> = {
  en: () => import('./locales/en.js'),
};
type Catalog = { messages: Messages; fieldErrors: Record<string, string> };
const catalogs: Partial<Record<Locale, Catalog>> = { de: { messages: german.de, fieldErrors: german.fieldErrors } };
const loading = new Map<Locale, Promise<void>>();

/** Makes `locale` available to `translate`; resolves once it is (at once for German). */
export function loadLocale(locale: Locale): Promise<void> {
  if (catalogs[locale]) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = lazy[locale as Exclude<Locale, 'de'>]().then(
      (module) => {
        catalogs[locale] = { messages: module[locale] as Messages, fieldErrors: module.fieldErrors };
      },
      () => {
        loading.delete(locale); // German meanwhile; a later call tries again
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

export function isLocaleLoaded(locale: Locale): boolean {
  return Boolean(catalogs[locale]);
}

/**
 * The locale to use: the `locale` attribute, else the tenant's default, else the browser's first
 * supported language, else German. Limited to the locales the tenant enables, when known.
 */
export function resolveLocale(
  attribute: string | null | undefined,
  tenant?: { locales: readonly string[]; defaultLocale: string },
  browser: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Locale {
  const enabled = (l: string | null | undefined): l is Locale =>
    !!l && (locales as readonly string[]).includes(l) && (!tenant || tenant.locales.includes(l));
  const base = (l: string | null | undefined) => l?.toLowerCase().split('-')[0];
  for (const candidate of [base(attribute), base(tenant?.defaultLocale), ...browser.map(base)]) {
    if (enabled(candidate)) return candidate;
  }
  return 'de';
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs[locale]?.messages[key] ?? german.de[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A field error code (shared with the BFF, see `contract/messages/`) in the given locale. */
export function errorMessage(locale: Locale, code: string): string {
  const fieldErrors: Record<string, string> = catalogs[locale]?.fieldErrors ?? german.fieldErrors;
  return fieldErrors[code] ?? german.fieldErrors[code as keyof typeof german.fieldErrors] ?? fieldErrors.invalid!;
}

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency }).format(cents / 100);
}

export function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
}
