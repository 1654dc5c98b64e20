import { defaultLocale, type Locale, localeTags } from './locales.js';

/**
 * The one message mechanism of widgets and BFF: a catalogue per feature, German as its source of keys,
 * every other locale a file beside it (`<feature>/<locale>.ts`) loaded on first use. Texts are plain
 * strings with `{name}` placeholders.
 */

export type Params = Readonly<Record<string, string | number>>;
type Texts = Readonly<Record<string, string>>;

/** A translation of a catalogue's German source: every key, nothing else (the typecheck says which). */
export type Translation<Source extends Texts> = { readonly [K in keyof Source]: string };

/** What a locale file's module looks like: its texts as the default export. */
export interface CatalogueModule {
  default: Texts;
}

/** Loads one feature's texts of a registered locale, by the feature's name (`signup`, `field-errors` …). */
export type FeatureLoader = (feature: string) => Promise<CatalogueModule>;

const registered = new Map<string, { tag: string; load: FeatureLoader }>();

/**
 * Adds a locale that is not built in: its `Intl` tag and where its catalogue files are, by feature.
 * A test registers a fixture locale this way; an embedding site could register its own translation.
 *
 * ```ts
 * registerLocale('fr', { tag: 'fr-CH', load: (feature) => import(`./locale-fr/${feature}.ts`) });
 * ```
 */
export function registerLocale(locale: string, entry: { tag: string; load: FeatureLoader }): void {
  registered.set(locale, entry);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (Object.hasOwn(localeTags, value) || registered.has(value));
}

/** The built-in locales and those registered at run time. */
export function availableLocales(): Locale[] {
  return [...(Object.keys(localeTags) as Locale[]), ...([...registered.keys()] as Locale[])];
}

/** The BCP 47 tag for `Intl` (dates, prices). */
export function localeTag(locale: Locale): string {
  return (localeTags as Record<string, string>)[locale] ?? registered.get(locale)?.tag ?? locale;
}

/** Replaces `{name}` by `params.name`; a placeholder without a value stays visible. */
export function format(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The distinct `{placeholders}` of a text, sorted. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

export interface Catalogue<Key extends string = string> {
  /** The feature's name: the file name a registered locale's loader is asked for. */
  readonly feature: string;
  /** The text in `locale` (German while that locale is not loaded), with its placeholders filled. */
  t(locale: Locale, key: Key, params?: Params): string;
  /** Every text of a loaded locale, else the German source. */
  texts(locale: Locale): Readonly<Record<Key, string>>;
  has(locale: Locale): boolean;
  /** Loads `locale` once; rejects if its file is missing (a later call tries again). */
  load(locale: Locale): Promise<void>;
}

const defined: Catalogue[] = [];

/**
 * Declares a feature's catalogue. `loadFile` imports the feature's own locale file, written with a
 * variable path so that bundlers split each locale into its own chunk:
 *
 * ```ts
 * export const signupMessages = defineCatalogue('signup', de, (locale) => import(`./messages/${locale}.ts`));
 * ```
 */
export function defineCatalogue<Source extends Texts>(
  feature: string,
  source: Source,
  loadFile: (locale: string) => Promise<CatalogueModule>,
): Catalogue<keyof Source & string> {
  const loaded = new Map<string, Texts>([[defaultLocale, source]]);
  const pending = new Map<string, Promise<void>>();
  const catalogue: Catalogue<keyof Source & string> = {
    feature,
    t: (locale, key, params) => format(loaded.get(locale)?.[key] ?? source[key]!, params),
    texts: (locale) => (loaded.get(locale) ?? source) as Record<keyof Source & string, string>,
    has: (locale) => loaded.has(locale),
    load(locale) {
      if (loaded.has(locale)) return Promise.resolve();
      let loading = pending.get(locale);
      if (!loading) {
        const entry = registered.get(locale);
        const file = entry
          ? entry.load(feature)
          : Object.hasOwn(localeTags, locale)
            ? loadFile(locale)
            : Promise.reject(new Error(`telkit: unknown locale "${locale}"`));
        loading = file
          .then((module) => {
            loaded.set(locale, module.default);
          })
          .finally(() => pending.delete(locale));
        pending.set(locale, loading);
      }
      return loading;
    },
  };
  defined.push(catalogue);
  return catalogue;
}

/** Every catalogue declared so far (in the browser: those of the widgets on the page). */
export function catalogues(): readonly Catalogue[] {
  return defined;
}

/** Loads `locale` for every catalogue declared so far; a catalogue that fails keeps German. */
export async function loadLocale(locale: Locale): Promise<void> {
  await Promise.allSettled(defined.map((c) => c.load(locale)));
}

export function isLocaleLoaded(locale: Locale): boolean {
  return defined.every((c) => c.has(locale));
}

/** Keys whose `{placeholders}` in `locale` differ from the German source (the catalogue must have it loaded). */
export function placeholderMismatches(catalogue: Catalogue, locale: Locale): { key: string; source: string[]; found: string[] }[] {
  const source = catalogue.texts(defaultLocale);
  const texts = catalogue.texts(locale);
  return Object.keys(source).flatMap((key) => {
    const want = placeholders(source[key]!);
    const found = placeholders(texts[key] ?? '');
    return want.join() === found.join() ? [] : [{ key, source: want, found }];
  });
}
