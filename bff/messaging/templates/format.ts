import type { Locale } from '../../../contract/enums.js';
import { localeTag } from '../../../contract/i18n.js';

// Dates and times in e-mails, SMS, PDFs and problem details: one place for every template.

/** A contract day (`YYYY-MM-DD`, a calendar day in Germany) as the locale writes it: "31. Dezember 2026". */
export const formatDay = (locale: Locale, day: string) =>
  new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** An instant in Europe/Berlin as the locale writes it, with the time: "22. November 2026 um 14:05". */
export const formatInstant = (locale: Locale, at: Date) =>
  new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(at);

/**
 * An instant in Europe/Berlin with its time zone, for times a user must act on: "22. November 2026,
 * 14:05 Uhr (MEZ)" / "22 November 2026, 14:05 CET".
 */
export function formatInstantZoned(locale: Locale, at: Date): string {
  const tag = localeTag(locale);
  const timeZone = 'Europe/Berlin';
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone }).format(at);
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone }).format(at);
  const zone = new Intl.DateTimeFormat(tag, { timeZoneName: 'short', timeZone }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return locale === 'de' ? `${date}, ${time} Uhr (${zone})` : `${date}, ${time} ${zone}`;
}
