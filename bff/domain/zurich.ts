// Time in Europe/Zurich, the one place that computes it for number porting: today's date (the calendar
// rules), a wall-clock date and time as an instant (the operator's schedule), and an instant in words.
import type { Locale } from '../../contract/enums.js';
import { localeTag } from '../../contract/i18n.js';

const zurichParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Zurich',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock time in Zurich at `at`, as if it were UTC (for the offset). */
function zurichWall(at: Date): number {
  const p = Object.fromEntries(zurichParts.formatToParts(at).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The calendar day in Europe/Zurich at `at` (`YYYY-MM-DD`). */
export const zurichDate = (at: Date): string => new Date(zurichWall(at)).toISOString().slice(0, 10);

/**
 * The instant of a wall-clock `day` `time` in Europe/Zurich (CET +01:00, CEST +02:00 from the last Sunday
 * of March to the last Sunday of October): the offset is read from the time zone database at the instant
 * itself, twice, so the day of a change is right too. Office hours never fall into the night's gap.
 */
export function zurichToUtc(day: string, time: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  let at = wall - (zurichWall(new Date(wall)) - wall);
  at = wall - (zurichWall(new Date(at)) - at);
  return new Date(at);
}

/** An instant in Europe/Zurich as the locale writes it: "Montag, 14. Dezember 2026 um 09:30". */
export const formatZurich = (locale: Locale, at: Date) =>
  new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(at);
