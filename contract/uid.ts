// The Swiss company identification number (UID, "Unternehmens-Identifikationsnummer"): a module of its own,
// so that the porting wizard's first step checks it without loading the rest of the porting rules.

const UID_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4];

/**
 * Whether `input` is a Swiss UID with a valid check digit (modulus 11 over the first eight digits, weights
 * 5 4 3 2 7 6 5 4; a remainder giving 10 is never issued). Accepts `CHE-123.456.789`, `CHE123456789`, and
 * the suffixes `MWST`/`TVA`/`IVA`/`HR`/`RC`/`RI`.
 */
export function isUid(input: string): boolean {
  const match = /^CHE[-\s]?(\d{3})[.\s]?(\d{3})[.\s]?(\d{3})(?:\s*(?:MWST|TVA|IVA|HR|RC|RI))?$/i.exec(input.trim());
  if (!match) return false;
  const digits = (match[1]! + match[2]! + match[3]!).split('').map(Number);
  const sum = UID_WEIGHTS.reduce((total, weight, i) => total + weight * digits[i]!, 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[8];
}

/** `CHE-123.456.789`, the way the register writes it; undefined when `input` is no UID. */
export function formatUid(input: string): string | undefined {
  if (!isUid(input)) return undefined;
  const d = input.replace(/\D/g, '').slice(0, 9);
  return `CHE-${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}`;
}
