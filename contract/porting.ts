// Number porting (`tk-porting`, PRODUCT.md §3.5, seed 002): the pure rules the widget and the BFF share —
// the DDI `x` notation, the single-number limit, the Swiss working-day calendar with office hours, pro-rata
// prices by day and the UID check digit. No phone library here: the `x` notation is read by our own rule
// before any library sees a number (libraries silently misread `…6x`).
import { defineLifecycle } from './lifecycle.js';

/** At most this many single numbers per order; more go into another order or the note. */
export const MAX_SINGLE_NUMBERS = 10;
/** The earliest porting date is this many Swiss working days after today. */
export const PORTING_LEAD_WORKING_DAYS = 7;
/** Office hours for a porting time, Europe/Zurich, both ends included. */
export const OFFICE_HOURS = { from: '08:00', to: '17:00' } as const;

/**
 * A DDI block written shortened with trailing `x` (each standing for 0–9): `+41441234500x` → 10 numbers,
 * `…50xx` → 100, `…5xxx` → 1000. Spaces, dots, slashes and hyphens are ignored. `stem` is the number
 * without the `x`s, as typed (national or international); `size` how many numbers the block holds.
 * Undefined when the input has no trailing `x`; `invalid` when `x` appears elsewhere or more than three times.
 */
export function parseDdi(input: string): { stem: string; xs: 1 | 2 | 3; size: 10 | 100 | 1000 } | { invalid: true } | undefined {
  const compact = input.replace(/[\s./-]/g, '').toLowerCase();
  const match = /^(\+?\d+)(x+)$/.exec(compact);
  if (!match) return compact.includes('x') ? { invalid: true } : undefined;
  const xs = match[2]!.length;
  if (xs > 3) return { invalid: true };
  return { stem: match[1]!, xs: xs as 1 | 2 | 3, size: (10 ** xs) as 10 | 100 | 1000 };
}

/** The first and last number of a block whose E.164 stem (without the `x`s) is `stem`: `+4144123450`, 1 → `…500`–`…509`. */
export function ddiRange(stem: string, xs: 1 | 2 | 3): { first: string; last: string } {
  return { first: stem + '0'.repeat(xs), last: stem + '9'.repeat(xs) };
}

// The Swiss UID ("Unternehmens-Identifikationsnummer", CHE-123.456.789)

// The Swiss working-day calendar

/**
 * The days no number is ported in Switzerland besides weekends, per year: the holidays observed throughout
 * the country — New Year's Day, Berchtoldstag (2 January), Good Friday, Easter Monday, Ascension Day, Whit
 * Monday, the national day (1 August), Christmas Day and St Stephen's Day. Written out per year (from
 * Easter: 5 April 2026, 28 March 2027, 16 April 2028) so that anyone can check them; a year not listed is
 * not guessed — its days are refused as `calendar_unknown` until the list is extended.
 */
export const SWISS_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2026: ['2026-01-01', '2026-01-02', '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25', '2026-08-01', '2026-12-25', '2026-12-26'],
  2027: ['2027-01-01', '2027-01-02', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17', '2027-08-01', '2027-12-25', '2027-12-26'],
  2028: ['2028-01-01', '2028-01-02', '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-05', '2028-08-01', '2028-12-25', '2028-12-26'],
};

/** Why a day cannot be a porting date; the widget says it in words. */
export type PortingDayProblem = 'weekend' | 'holiday' | 'too_early' | 'calendar_unknown' | 'invalid_date';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const nextDay = (day: string) => iso(new Date(utc(day).getTime() + 86_400_000));
const isIso = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && iso(utc(day)) === day;

/** Whether a calendar day (`YYYY-MM-DD`) is a Swiss working day; `undefined` for a year the list does not cover. */
export function isSwissWorkingDay(day: string): boolean | undefined {
  const holidays = SWISS_HOLIDAYS[Number(day.slice(0, 4))];
  if (!holidays) return undefined;
  const weekday = utc(day).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(day);
}

/** The earliest porting date: the 7th Swiss working day after `today` (today itself not counted). Undefined past the list. */
export function earliestPortingDate(today: string, lead = PORTING_LEAD_WORKING_DAYS): string | undefined {
  let day = today;
  for (let counted = 0; counted < lead; ) {
    day = nextDay(day);
    const working = isSwissWorkingDay(day);
    if (working === undefined) return undefined;
    if (working) counted++;
  }
  return day;
}

/** Whether `day` may be chosen as the porting date when today is `today`; if not, why. */
export function portingDayProblem(day: string, today: string): PortingDayProblem | undefined {
  if (!isIso(day)) return 'invalid_date';
  const working = isSwissWorkingDay(day);
  if (working === undefined) return 'calendar_unknown';
  if (!working) return [0, 6].includes(utc(day).getUTCDay()) ? 'weekend' : 'holiday';
  const earliest = earliestPortingDate(today);
  if (!earliest) return 'calendar_unknown';
  if (day < earliest) return 'too_early';
  return undefined;
}

/** Whether `time` (`HH:MM`) is within office hours, 08:00–17:00 Europe/Zurich, both included. */
export function isOfficeTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time) && time >= OFFICE_HOURS.from && time <= OFFICE_HOURS.to;
}

// Prices

/**
 * The first month's price by day: the monthly price × the days from `start` to the month's end (both
 * included) ÷ the days of that month, in cents, rounded half up. A start on the 1st is the whole month.
 */
export function proRataCents(monthlyCents: number, start: string): number {
  const [year, month, day] = start.split('-').map(Number) as [number, number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const charged = days - day + 1;
  // Integers only: half up without floating-point drift.
  return Math.floor((2 * monthlyCents * charged + days) / (2 * days));
}

// The port order's lifecycle

/**
 * A port order: the agent's `draft` (saved at every step) is `submitted`; the operator asks for
 * clarification (the agent edits and submits again), approves or rejects; an approved order is scheduled
 * (a date and time inside the calendar) and then ported or failed. The agent may cancel any order not yet
 * ported — the BFF also refuses it within 48 hours of the scheduled date (`CANCEL_CUTOFF_HOURS`).
 */
export const portOrderLifecycle = defineLifecycle({
  name: 'port_order',
  states: ['draft', 'submitted', 'clarification_needed', 'approved', 'rejected', 'scheduled', 'ported', 'failed', 'cancelled'],
  transitions: [
    { from: ['draft', 'clarification_needed'], to: 'submitted', by: ['agent'] },
    { from: ['submitted'], to: 'clarification_needed', by: ['operator'] },
    { from: ['submitted'], to: 'approved', by: ['operator'] },
    { from: ['submitted', 'clarification_needed'], to: 'rejected', by: ['operator'] },
    { from: ['approved'], to: 'scheduled', by: ['operator'] },
    { from: ['scheduled'], to: 'ported', by: ['operator'] },
    { from: ['scheduled'], to: 'failed', by: ['operator'] },
    { from: ['draft', 'submitted', 'clarification_needed', 'approved', 'scheduled'], to: 'cancelled', by: ['agent'] },
  ],
});
export type PortOrderStatus = (typeof portOrderLifecycle.states)[number];

/** No cancellation by the agent within this many hours before the scheduled porting date. */
export const CANCEL_CUTOFF_HOURS = 48;

/** Login names of workplaces: ASCII letters and digits, dots between them, 3–32 characters. */
export function isLoginName(name: string): boolean {
  return name.length >= 3 && name.length <= 32 && /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/.test(name);
}

// What an order holds beyond the rules above

/** Workplace licences: "Telefongeräte + Apps" (recommended), "Nur Gerät" (fax, workshop or lift phones). */
export const licences = ['apps', 'device'] as const;
export type Licence = (typeof licences)[number];

/** Whoever signs the power of attorney: one person (single signature) or two (collective signature). */
export interface Signer {
  name: string;
  /** Their function in the company, as the commercial register says ("Geschäftsführer", "Prokurist"). */
  role: string;
}

/** Countries whose numbers can be ported here, with their current providers ("Unbekannt" is `unknown`). */
export const portingCountries = ['CH', 'DE', 'AT'] as const;
export type PortingCountry = (typeof portingCountries)[number];

/**
 * The providers a number may be ported away from, per country (codes are stable, names as the providers
 * write them); `unknown` is always allowed ("Ist der aktuelle Provider nicht bekannt, einfach Unbekannt
 * eintragen").
 */
export const PROVIDERS: Readonly<Record<PortingCountry, readonly { code: string; name: string }[]>> = {
  CH: [
    { code: 'swisscom', name: 'Swisscom' },
    { code: 'sunrise', name: 'Sunrise' },
    { code: 'salt', name: 'Salt' },
    { code: 'quickline', name: 'Quickline' },
    { code: 'iway', name: 'iWay' },
    { code: 'init7', name: 'Init7' },
    { code: 'green', name: 'green.ch' },
    { code: 'netplus', name: 'net+' },
    { code: 'peoplefone', name: 'Peoplefone' },
    { code: 'other', name: 'Anderer' },
  ],
  DE: [
    { code: 'telekom', name: 'Telekom' },
    { code: 'vodafone', name: 'Vodafone' },
    { code: 'o2', name: 'O2 Telefónica' },
    { code: '1und1', name: '1&1' },
    { code: 'other', name: 'Anderer' },
  ],
  AT: [
    { code: 'a1', name: 'A1' },
    { code: 'magenta', name: 'Magenta' },
    { code: 'drei', name: 'Drei' },
    { code: 'other', name: 'Anderer' },
  ],
};
export const UNKNOWN_PROVIDER = 'unknown';

/** What can be wrong with one number line (`POST /v1/numbers/check`), each with its own message. */
export const numberProblems = [
  'invalid',
  'not_this_country',
  'mobile_into_fixed',
  'duplicate',
  'overlaps_block',
  'in_open_order',
  'too_many_singles',
] as const;
export type NumberProblem = (typeof numberProblems)[number];

/**
 * Why an operator rejects a port order; documented in `/openapi.json` and explained to the agent in words.
 */
export const rejectReasons = [
  'holder_mismatch',
  'signature_missing',
  'signature_unauthorised',
  'numbers_not_with_provider',
  'contract_terms',
  'duplicate_order',
  'other',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** Why a scheduled port failed. */
export const failReasons = ['provider_refused', 'technical', 'customer_request', 'other'] as const;
export type FailReason = (typeof failReasons)[number];

/** Open orders: a number in one of these may not go into another order. */
export const openPortOrderStatuses = ['submitted', 'clarification_needed', 'approved', 'scheduled'] as const satisfies readonly PortOrderStatus[];
/** Orders that are over: their temporary numbers are released. */
export const closedPortOrderStatuses = ['rejected', 'ported', 'failed', 'cancelled'] as const satisfies readonly PortOrderStatus[];
