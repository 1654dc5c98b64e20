/**
 * Phone numbers in words with spaces, as people write them: for the numbers step, the review and the
 * order detail. Tiny and without dependencies, so that any chunk can import it without pulling in the
 * numbers step.
 */

/** Swiss service numbers (0800, 0840, 0842, 0844, 0848, 090x) are grouped 3-3-3 after the country code. */
const SERVICE = /^\+41([89]\d{2})(\d{3})(\d{3})$/;
const GEOGRAPHIC = /^\+41(\d{2})(\d{3})(\d{2})(\d{2})$/;

/** `+41441234567` → `+41 44 123 45 67`, `+41800123456` → `+41 800 123 456`; other countries' numbers as they are. */
export function spaced(e164: string): string {
  const service = SERVICE.exec(e164);
  if (service) return `+41 ${service.slice(1).join(' ')}`;
  const m = GEOGRAPHIC.exec(e164);
  return m ? `+41 ${m.slice(1).join(' ')}` : e164;
}

/** A DDI block's first number spaced and, of its last, only the groups that differ: `+41 44 123 45 00` and `09`. */
export function spacedRange(range: { first: string; last: string }): { first: string; last: string } {
  const a = spaced(range.first).split(' ');
  const b = spaced(range.last).split(' ');
  const from = a.findIndex((group, i) => group !== b[i]);
  return { first: a.join(' '), last: from < 0 ? b.join(' ') : b.slice(from).join(' ') };
}
