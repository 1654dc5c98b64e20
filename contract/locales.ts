/**
 * The locale registry: every locale telkit ships, with the BCP 47 tag `Intl` formats its dates and
 * prices with. German is the default and the source of every catalogue's keys.
 *
 * Adding a locale (say French) is one line here, `fr: 'fr-CH'`, plus a `fr.ts` beside each catalogue's
 * `de.ts` (`contract/messages/<feature>/`, `widgets/<feature>/messages/`): the typecheck names every
 * missing key, `test/contract/messages.test.ts` every missing file and `{placeholder}`.
 * A locale that is not built in (a test fixture, an embedder's own translation) is added at run time
 * with `registerLocale` from `contract/i18n.ts`.
 */
export const localeTags = {
  de: 'de-DE',
  en: 'en-GB',
} as const;

export type Locale = keyof typeof localeTags;
export const locales = Object.keys(localeTags) as [Locale, ...Locale[]];
export const defaultLocale = 'de' satisfies Locale;
