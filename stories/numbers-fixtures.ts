import type { Locale } from '../contract/locales.js';
import { portingErrorMessages } from '../contract/messages/porting-errors.js';
import type { NumberLineReport, NumbersReport } from '../contract/port-orders.js';
import { ddiRange, MAX_SINGLE_NUMBERS, type NumberProblem, parseDdi } from '../contract/porting.js';
import type { Kit } from '../widgets/core/context.js';
import { agentSession } from './port-order-samples.js';
import { fakeKit, routeFakeApi } from './fake-kit.js';

/**
 * A fake `POST /v1/numbers/check` for the stories and widget tests of the numbers step, no phone library:
 * Swiss numbers written `0XX XXX XX XX`, `+41 …` or `0041 …`; `044 …`/`031 …` are fixed lines, `079 …`
 * mobile, `0800 …` toll-free; `+49 …` is not Swiss. A line containing `open` is "in another open order",
 * `bad` (or anything else not understood) invalid. Duplicates, singles inside a block and the 11th single are
 * found as the BFF does. Every request is kept in `checkRequests`; `holdChecks` delays the answers.
 */
export const checkRequests: { country: string; lines: string[]; signal?: boolean }[] = [];
/** Answer the next checks after `delayMs` (stale-answer tests: a slow first answer arrives after a fast second one). */
export const checkDelays: number[] = [];

let installed = false;
export function installNumbersApi(): void {
  if (installed) return;
  installed = true;
  routeFakeApi(
    (path) => path === '/v1/numbers/check',
    async ({ body }) => {
      const { country = 'CH', lines = [] } = body as { country?: string; lines?: string[] };
      checkRequests.push({ country, lines });
      const delay = checkDelays.shift();
      if (delay) await new Promise((r) => setTimeout(r, delay));
      return new Response(JSON.stringify(fakeReport(country, lines, localeOf())), { headers: { 'content-type': 'application/json' } });
    },
  );
}
let currentLocale: Locale = 'de';
const localeOf = () => currentLocale;

/** `044 123 45 67` and friends → `+41441234567`; undefined when not understood. */
function e164(text: string): string | undefined {
  const d = text.replace(/[\s./-]/g, '');
  const m = /^(?:\+41|0041|0)([1-9]\d{8})$/.exec(d);
  if (m) return `+41${m[1]}`;
  return /^\+49\d{6,12}$/.test(d) ? d : undefined;
}
const typeOf = (n: string) => (n.startsWith('+417') ? 'mobile' : n.startsWith('+41800') ? 'toll_free' : 'fixed_line');

export function fakeReport(country: string, lines: string[], locale: Locale): NumbersReport {
  const parsed = lines.map((input, index) => {
    const problems: NumberProblem[] = [];
    const ddi = parseDdi(input);
    const block = ddi && !('invalid' in ddi) ? ddi : undefined;
    const number = input.includes('open') ? e164(input.replace('open', '')) : block ? e164(block.stem + '0'.repeat(block.xs)) : ddi ? undefined : e164(input);
    const range = block && number ? { ...ddiRange(number.slice(0, number.length - block.xs), block.xs), size: block.size } : null;
    if (!number) problems.push('invalid');
    else if (!number.startsWith('+41')) problems.push('not_this_country');
    else if (typeOf(number) === 'mobile') problems.push('mobile_into_fixed');
    if (input.includes('open')) problems.push('in_open_order');
    return { index, input, kind: (block ? 'block' : 'single') as NumberLineReport['kind'], e164: number ?? null, type: number ? typeOf(number) : null, range, problems };
  });
  const span = (l: (typeof parsed)[number]) => l.range ?? (l.e164 ? { first: l.e164, last: l.e164 } : undefined);
  parsed.forEach((l, i) => {
    if (l.problems.length) return;
    const own = span(l)!;
    for (const [j, o] of parsed.entries()) {
      const theirs = span(o);
      if (i === j || !theirs || o.problems.includes('invalid') || theirs.first.length !== own.first.length || own.first > theirs.last || theirs.first > own.last) continue;
      if (l.kind === o.kind && own.first === theirs.first && own.last === theirs.last) {
        if (j < i) l.problems.push('duplicate');
      } else if (l.kind === 'single' && o.kind === 'block') l.problems.push('overlaps_block');
      if (l.problems.length) break;
    }
  });
  let singles = 0;
  for (const l of parsed) if (l.kind === 'single' && !l.problems.length && ++singles > MAX_SINGLE_NUMBERS) l.problems.push('too_many_singles');
  const out = parsed.map((l) => ({ ...l, problems: l.problems.map((code) => ({ code, message: portingErrorMessages.t(locale, `number.${code}` as never) })) }));
  return {
    country: country as 'CH',
    lines: out,
    singles: parsed.filter((l) => l.kind === 'single').length,
    blocks: parsed.filter((l) => l.kind === 'block').length,
    maxSingles: MAX_SINGLE_NUMBERS,
    clean: out.every((l) => !l.problems.length),
  };
}

/** A partner agent's kit with the fake number check. */
export function numbersKit(locale: Locale): Kit {
  installNumbersApi();
  currentLocale = locale;
  return fakeKit(locale, { session: agentSession });
}
