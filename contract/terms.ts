// Contract dates, pure: calendar days as `YYYY-MM-DD` strings (no time zone inside), so the widget, the
// BFF, the e-mail and the tests compute the same day. Periods follow §§ 187–188 BGB: a term that starts
// at the beginning of a day counts that day; a period of months ends on the day with the same number in
// the later month, or on that month's last day when it has no such day (31 Jan + 1 month = 28/29 Feb).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Days in month `m` (1–12) of year `y`. */
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** `date` plus `months` calendar months; a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return iso(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** `date` plus `days` days (negative: earlier). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The 1st of the month after `date`'s. */
export function firstOfNextMonth(date: string): string {
  const [y, m] = parts(date);
  return addMonths(iso(y, m, 1), 1);
}

/**
 * The last day of a term of `months` months that starts at the beginning of `start` (§ 187 Abs. 2, § 188
 * Abs. 2 and 3 BGB): the day before the day with `start`'s number in the later month — or, when that month
 * has no such day, its last day. 15 Jan + 24 months → 14 Jan; 31 Jan + 1 month → 28 (29) Feb; 29 Feb 2028
 * + 12 months → 28 Feb 2029.
 */
export function termEnd(start: string, months: number): string {
  const [y, m, d] = parts(start);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = daysInMonth(ty, tm);
  return d > last ? iso(ty, tm, last) : addDays(iso(ty, tm, d), -1);
}

/** The later of two dates. */
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

const berlin = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Germany (and Austria and Switzerland: the same zone) at `now`. */
export const berlinDate = (now: Date): string => berlin.format(now);

/** How long a notice period may be once the minimum term is over (§ 56 Abs. 3 TKG, § 309 Nr. 9 BGB). */
export const NOTICE_AFTER_TERM_MONTHS = 1;

export interface TermInput {
  /** The contract's first day. */
  start: string;
  /** Minimum term in months (0: none). */
  minimumTermMonths: number;
  /**
   * A term already agreed that runs longer, e.g. the minimum term of the tariff before a change: a tariff
   * change never shortens it.
   */
  committedUntil?: string | null;
  /** The tariff's notice period in months. */
  noticePeriodMonths: number;
  /** The day the cancellation is received. */
  received: string;
}

/**
 * The earliest day a contract can end (its last day of service) when a cancellation is received on
 * `received`:
 *
 * - the minimum term runs until {@link termEnd} (a term starting 15 Jan 2026 for 24 months ends on 14 Jan
 *   2028), or until `committedUntil` when that is later;
 * - received in time for that (`received` + notice period ≤ the term's last day), the contract ends with
 *   the minimum term;
 * - otherwise — late for the term, or the term is over — it ends one notice period after receipt, but a
 *   notice period never runs longer than one month after the minimum term (§ 56 Abs. 3 TKG), and never
 *   before the term's last day.
 */
export function earliestEndDate(input: TermInput): string {
  const { start, minimumTermMonths, noticePeriodMonths, received, committedUntil } = input;
  const own = minimumTermMonths > 0 ? termEnd(start, minimumTermMonths) : undefined;
  const last = own && committedUntil ? maxDate(own, committedUntil) : (own ?? committedUntil ?? undefined);
  if (last && addMonths(received, noticePeriodMonths) <= last) return last;
  const notice = Math.min(noticePeriodMonths, NOTICE_AFTER_TERM_MONTHS);
  const byNotice = maxDate(addMonths(received, notice), received);
  return last ? maxDate(last, byNotice) : byNotice;
}
