// Pure field rules shared by the widgets and the BFF: no I/O, no schema library.

export const countries = ['DE', 'AT', 'CH'] as const;
export type Country = (typeof countries)[number];

const POSTAL_CODE: Record<Country, RegExp> = { DE: /^\d{5}$/, AT: /^\d{4}$/, CH: /^\d{4}$/ };
const CALLING_CODE: Record<Country, string> = { DE: '49', AT: '43', CH: '41' };
/** Mobile ranges: DE 015x/016x/017x, AT 065x–069x, CH 075–079. */
const MOBILE: Record<Country, RegExp> = { DE: /^\+491[567]\d{7,10}$/, AT: /^\+436[5-9]\d{6,11}$/, CH: /^\+417[5-9]\d{7}$/ };

export function isPostalCode(country: Country, code: string): boolean {
  return POSTAL_CODE[country].test(code);
}

/** Whole years between two ISO dates (`YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export const isAdult = (birthDate: string, today: string): boolean => ageOn(birthDate, today) >= 18;

/**
 * A phone number in E.164 (`+4917012345678`), from what people type: spaces, dashes, slashes and
 * brackets are ignored; `00` means international; a leading `0` is the national prefix of `country`.
 * Undefined when it cannot be a phone number.
 */
export function toE164(input: string, country: Country): string | undefined {
  const compact = input.trim().replace(/[\s\-/().]/g, '');
  let e164: string;
  if (/^\+\d+$/.test(compact)) e164 = compact;
  else if (/^00\d+$/.test(compact)) e164 = `+${compact.slice(2)}`;
  else if (/^0\d+$/.test(compact)) e164 = `+${CALLING_CODE[country]}${compact.slice(1)}`;
  else return undefined;
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : undefined;
}

/** A mobile number (for SMS PINs) in one of the supported countries. */
export function isMobile(e164: string): boolean {
  return countries.some((c) => MOBILE[c].test(e164));
}

/** Luhn (mod 10) check digit over the digits of `digits`. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Tenant prefix + 7-digit sequence + check digit, e.g. `DT00000425`. */
export function customerNumber(prefix: string, sequence: number): string {
  const digits = String(sequence).padStart(7, '0');
  return `${prefix}${digits}${luhnDigit(digits)}`;
}

export function isCustomerNumber(value: string): boolean {
  const match = /^[A-Z]{1,4}(\d{7,})(\d)$/.exec(value);
  return Boolean(match) && luhnDigit(match![1]!) === Number(match![2]);
}

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', ø: 'oe', å: 'aa', ł: 'l', đ: 'd' };

/** Lower-case ASCII: ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped (é→e), anything else removed. */
export function asciiFold(value: string): string {
  return value
    .toLowerCase()
    .replace(/[äöüßæøåłđ]/g, (ch) => FOLD[ch]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '');
}

/** The username a person gets before uniqueness: `firstname.lastname`, ASCII-folded. */
export function usernameBase(firstName: string, lastName: string): string {
  return [asciiFold(firstName), asciiFold(lastName)].filter(Boolean).join('.') || 'kunde';
}

/** Passwords: 12 to 128 characters (counted as people see them), no composition rules. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export function passwordLengthProblem(password: string): 'password_too_short' | 'password_too_long' | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password_too_short';
  if (length > PASSWORD_MAX) return 'password_too_long';
  return undefined;
}

/** SMS PINs are six digits; people may type spaces between them. */
export const normalizePin = (input: string): string => input.replace(/\s/g, '');
export const isPin = (input: string): boolean => /^\d{6}$/.test(normalizePin(input));

/** `+4917012345678` → `+49 170 ••••• 78`: enough to recognize one's own number, not to read it. */
export function maskMobile(e164: string): string;
export function maskMobile(e164: string | null): string | null;
export function maskMobile(e164: string | null): string | null {
  if (e164 === null) return null;
  const country = /^\+(41|43|49)/.exec(e164)?.[1] ?? e164.slice(1, 3);
  const rest = e164.slice(country.length + 1);
  return `+${country} ${rest.slice(0, 3)} ${'•'.repeat(Math.max(rest.length - 5, 1))} ${rest.slice(-2)}`;
}

/** `anna.muster@example.com` → `a••••••••••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}${'•'.repeat(Math.max(at - 1, 2))}${email.slice(at)}`;
}

// Free text. Whatever people type may end up in an e-mail, a text message or a PDF in the tenant's name,
// so each field accepts what its kind needs and nothing that could be read as a link or hide text:
//   name     letters, marks, spaces, - ' ’ .                              first and last names, titles, contact names
//   address  letters, marks, digits, spaces, - ' ’ . , / & + ( )          the lines of a postal address: company,
//                                                                        employer and invoice names, account
//                                                                        holder, street, house number, city, VAT
//                                                                        id, register number
//   text     anything visible on one line                                 labels and descriptions that stay in the API
// No kind takes line breaks, control or format characters (bidi overrides and isolates, zero-width
// characters, the BOM), anything else that renders as nothing (every default-ignorable code point: the
// combining grapheme joiner, Hangul fillers, variation selectors, tags…) or lone surrogates; no kind but
// `text` takes something like a web address (`www.`, `name.tld`; `:` and `@` are no kind's character
// anyway), in any case and in look-alike letters (compared after NFKC: `𝐄𝐯𝐢𝐥.𝐂𝐨𝐦` is `Evil.Com`). An
// ending in one case (`evil.example`, `EVIL.COM`) is always a domain; a mixed-case one only when it is a
// common top-level domain (`paypal.Com`, `Evil-Bank.Net`), so `St.Gallen` stays a place.

export type TextKind = 'name' | 'address' | 'text';
export type TextProblem = 'text_invisible' | 'text_url' | 'name_characters' | 'address_characters';

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
// Not one `i` flag: with it, `\p{Ll}` would match capitals too.
const URL_LIKE = /[wW][wW][wW]\.|[\p{L}\p{N}]\.(?:\p{Ll}{2,}|\p{Lu}{2,})(?![\p{L}\p{N}])/u;
// After two letters: `J.Li`, `J.De Vries` and `Meier u.Co.` are names.
const TLD_LIKE =
  /[\p{L}\p{N}]{2}\.(?:com|net|org|info|biz|app|dev|xyz|top|online|site|shop|store|club|live|link|click|icu|vip|email|page|cloud|tech|website|io|co|me|tv|cc|ly|eu|de|at|ch|li|swiss|uk|fr|it|es|nl|be|lu|pl|cz|ru|cn|us)(?![\p{L}\p{N}])/iu;
const NAME = /^[\p{L}\p{M} '’.-]*$/u;
const ADDRESS = /^[\p{L}\p{M}\p{N} '’.,/&+()-]*$/u;

/** The field error code for free text of this kind, or undefined when it is fine. */
export function textProblem(kind: TextKind, value: string): TextProblem | undefined {
  if (INVISIBLE.test(value)) return 'text_invisible';
  if (kind === 'text') return undefined;
  const folded = value.normalize('NFKC');
  if (URL_LIKE.test(folded) || TLD_LIKE.test(folded)) return 'text_url';
  if (!(kind === 'name' ? NAME : ADDRESS).test(value)) return `${kind}_characters`;
  return undefined;
}

/** The kind of a signup field by its path's last key (`person.address.city` → address); undefined if not free text. */
export function signupTextKind(path: string): TextKind | undefined {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (/Name$|^title$/.test(key)) return 'name'; // firstName, lastName, contactName
  if (/^(name|accountHolder|street|houseNumber|city|vatId|registerNumber)$/.test(key)) return 'address';
  return undefined;
}

/** NUL and lone surrogates, which no database column (text or jsonb) stores. */
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * The paths (`a.b.0`) of every string or key in `value` that no database could store, for all input
 * before any schema; values nested deeper than 32 levels are reported at the 32nd.
 */
export function unstorablePaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) found.push(path.join('.'));
  } else if (value !== null && typeof value === 'object') {
    if (path.length >= 32) found.push(path.join('.'));
    else for (const [key, v] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) found.push([...path, key].join('.'));
      else unstorablePaths(v, [...path, key], found);
    }
  }
  return found;
}

/** "Rechnungszusatz": printed on the monthly invoice, whose print system takes Latin-1 only. */
export const INVOICE_NOTE_MAX = 40;
/** Printable Latin-1: ASCII without controls, and U+00A1–U+00FF without the soft hyphen (U+00AD). */
const LATIN1_PRINTABLE = /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u00FF]*$/;

/** The first character of `value` that an invoice cannot print, or undefined. */
export function unprintableOnInvoice(value: string): string | undefined {
  for (const ch of value) if (!LATIN1_PRINTABLE.test(ch)) return ch;
  return undefined;
}

/** The field error code for an invoice note (after trimming), or undefined when it prints as it is. */
export function invoiceNoteProblem(value: string): 'invoice_note_too_long' | 'invoice_note_characters' | undefined {
  if (unprintableOnInvoice(value) !== undefined) return 'invoice_note_characters';
  if (value.length > INVOICE_NOTE_MAX) return 'invoice_note_too_long';
  return undefined;
}
