// The number check of number porting (`POST /v1/numbers/check`, PRODUCT.md §3.5): every line on its own —
// as typed, as understood (E.164, type, the range of a DDI block) and what keeps it from being ported here.
// The `x` notation is read by our own rule (`parseDdi`) before the phone library sees anything; the
// library (full metadata, server only) parses and types the number (a block: its first number).
import { sql } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Locale } from '../../contract/enums.js';
import { fieldErrorMessage } from '../../contract/errors.js';
import type { NumberLineReport, NumbersReport } from '../../contract/port-orders.js';
import { ddiRange, MAX_SINGLE_NUMBERS, type NumberProblem, openPortOrderStatuses, parseDdi, type PortingCountry } from '../../contract/porting.js';
import { type Executor, rowsOf } from '../db/client.js';

/** One line as understood, before the checks against the list and the database. */
export interface ParsedLine {
  index: number;
  input: string;
  kind: 'single' | 'block';
  e164: string | null;
  type: string | null;
  range: { first: string; last: string; size: number } | null;
  problems: NumberProblem[];
}

/** Parses one number (no `x`) with `country` as the default region: its E.164, type and country, or undefined. */
function parseNumber(text: string, country: PortingCountry) {
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isValid()) return undefined;
  const type = parsed.getType();
  return { e164: parsed.number as string, type: type ? type.toLowerCase() : null, country: parsed.country };
}

/** One line on its own: parse (`x` first), type, country, mobile. */
export function parseLine(input: string, index: number, country: PortingCountry): ParsedLine {
  const text = input.trim();
  const ddi = text ? parseDdi(text) : undefined;
  const kind = ddi && !('invalid' in ddi) ? 'block' : 'single';
  const line: ParsedLine = { index, input, kind, e164: null, type: null, range: null, problems: [] };
  if (!text || (ddi && 'invalid' in ddi)) {
    line.problems.push('invalid');
    return line;
  }
  // A block: its first number (the stem and zeros) stands for it.
  const candidate = ddi && !('invalid' in ddi) ? ddi.stem + '0'.repeat(ddi.xs) : text;
  const parsed = parseNumber(candidate, country);
  if (!parsed) {
    line.problems.push('invalid');
    return line;
  }
  line.e164 = parsed.e164;
  line.type = parsed.type;
  if (ddi && !('invalid' in ddi)) {
    const { first, last } = ddiRange(parsed.e164.slice(0, parsed.e164.length - ddi.xs), ddi.xs);
    line.range = { first, last, size: ddi.size };
  }
  if (parsed.country !== country) line.problems.push('not_this_country');
  else if (parsed.type === 'mobile') line.problems.push('mobile_into_fixed');
  return line;
}

const rangeOf = (l: ParsedLine) => (l.range ? { first: l.range.first, last: l.range.last } : l.e164 ? { first: l.e164, last: l.e164 } : undefined);
const overlaps = (a: { first: string; last: string }, b: { first: string; last: string }) =>
  a.first.length === b.first.length && a.first <= b.last && b.first <= a.last;

/** The checks of the list against itself: duplicates, singles inside blocks, overlapping blocks (`countSingles` comes last). */
export function checkList(lines: ParsedLine[]): void {
  const usable = lines.filter((l) => l.e164 && !l.problems.includes('invalid'));
  for (const [i, line] of usable.entries()) {
    const own = rangeOf(line)!;
    for (const [j, other] of usable.entries()) {
      if (i === j) continue;
      const theirs = rangeOf(other)!;
      if (!overlaps(own, theirs)) continue;
      if (line.kind === other.kind && own.first === theirs.first && own.last === theirs.last) {
        if (j < i) line.problems.push('duplicate');
      } else if (line.kind === 'single' && other.kind === 'block') {
        line.problems.push('overlaps_block');
      } else if (line.kind === 'block' && other.kind === 'block' && j < i) {
        line.problems.push('overlaps_block');
      }
      if (line.problems.includes('duplicate') || line.problems.includes('overlaps_block')) break;
    }
  }
}

/**
 * The 11th and later numbers that would be ported as singles. Runs LAST, after `checkList` and
 * `checkOpenOrders`: only singles with no other problem count (not a repeated, covered, foreign, mobile one,
 * nor one in another open order).
 */
export function countSingles(lines: ParsedLine[]): void {
  let singles = 0;
  for (const line of lines) {
    if (line.kind !== 'single' || !line.e164 || line.problems.length > 0) continue;
    if (++singles > MAX_SINGLE_NUMBERS) line.problems.push('too_many_singles');
  }
}

/** Every check of `lines` in order: against the list, against the tenant's other open orders, then the singles' count. */
export async function checkLines(db: Executor, tenantId: string, lines: ParsedLine[], exceptOrderId?: string | null): Promise<void> {
  checkList(lines);
  await checkOpenOrders(db, tenantId, lines, exceptOrderId);
  countSingles(lines);
}

/**
 * Marks the lines that overlap a number or block of another open port order of the tenant (`exceptOrderId`
 * excluded): one statement for all lines. Ranges are E.164 strings of equal length, so they compare as text.
 */
export async function checkOpenOrders(db: Executor, tenantId: string, lines: ParsedLine[], exceptOrderId?: string | null): Promise<void> {
  const wanted = lines.flatMap((l) => {
    const r = l.e164 && !l.problems.includes('invalid') ? rangeOf(l) : undefined;
    return r ? [{ i: l.index, f: r.first, l: r.last }] : [];
  });
  if (wanted.length === 0) return;
  const statuses = `{${openPortOrderStatuses.join(',')}}`;
  const result = await db.execute(sql`
    select w.i as "index"
    from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as w(i int, f text, l text)
    where exists (
      select 1 from port_order_numbers n
      join port_orders o on o.id = n.order_id and o.tenant_id = n.tenant_id
      where n.tenant_id = ${tenantId}::uuid
        and o.status = any(${statuses}::text[])
        and o.id is distinct from ${exceptOrderId ?? null}::uuid
        and length(n.range_first) = length(w.f)
        and n.range_first <= w.l and n.range_last >= w.f
    )`);
  const hit = new Set(rowsOf<{ index: number }>(result).map((r) => Number(r.index)));
  for (const line of lines) if (hit.has(line.index)) line.problems.push('in_open_order');
}

/** The report of `lines`: parsed, checked against the list, and (with a database) against the tenant's open orders. */
export async function checkNumbers(
  db: Executor,
  o: { tenantId: string; country: PortingCountry; lines: readonly string[]; orderId?: string | null; locale: Locale },
): Promise<NumbersReport> {
  const parsed = o.lines.map((input, index) => parseLine(input, index, o.country));
  await checkLines(db, o.tenantId, parsed, o.orderId);
  return reportOf(o.country, parsed, o.locale);
}

export function reportOf(country: PortingCountry, parsed: ParsedLine[], locale: Locale): NumbersReport {
  const lines: NumberLineReport[] = parsed.map((l) => ({
    index: l.index,
    input: l.input,
    kind: l.kind,
    e164: l.e164,
    type: l.type,
    range: l.range,
    problems: l.problems.map((code) => ({ code, message: fieldErrorMessage(`number.${code}`, locale) })),
  }));
  return {
    country,
    lines,
    singles: parsed.filter((l) => l.kind === 'single' && l.e164).length,
    blocks: parsed.filter((l) => l.kind === 'block' && l.e164).length,
    maxSingles: MAX_SINGLE_NUMBERS,
    clean: lines.every((l) => l.problems.length === 0),
  };
}
