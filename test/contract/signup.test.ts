import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../contract/errors.js';
import { getCountrySpecifications } from 'ibantools';
import { ibanProblem, isBic } from '../../contract/banking.js';
import * as widgetRules from '../../contract/iban.js';
import { isAdult, isMobile, toE164 } from '../../contract/rules.js';
import { checkSignupContext, signupSchema } from '../../contract/signup.js';
import { businessSignup, privateSignup, professionalSignup, TARIFFS } from './fixtures.js';

const context = {
  today: '2026-11-21',
  termsVersion: '2026-01',
  tariffs: [
    { id: TARIFFS.private, accountTypes: ['private', 'professional'] },
    { id: TARIFFS.professional, accountTypes: ['professional'] },
    { id: TARIFFS.business, accountTypes: ['business'] },
  ],
};

/** Field errors (path and code) of a payload: schema first, then the context checks. */
function errorsOf(input: unknown) {
  const parsed = signupSchema.safeParse(input);
  if (!parsed.success) return toFieldErrors(parsed.error.issues, 'de', input).map(({ path, code }) => ({ path, code }));
  return checkSignupContext(parsed.data, context);
}

function change(base: () => Record<string, any>, edit: (s: Record<string, any>) => void) {
  const s = base();
  edit(s);
  return s;
}

describe('signup contract', () => {
  it('accepts a valid signup of each account type and normalizes phone numbers and the IBAN', () => {
    for (const make of [privateSignup, professionalSignup, businessSignup]) expect(errorsOf(make())).toEqual([]);
    const p = signupSchema.parse(privateSignup());
    expect(p.accountType === 'private' && p.person.mobile).toBe('+491701234567');
    expect(p.payment.method === 'sepa' && p.payment.iban).toBe('DE89370400440532013000');
    const b = signupSchema.parse(businessSignup());
    expect(b.accountType === 'business' && b.contact.mobile).toBe('+491512345678');
    expect(errorsOf(change(privateSignup, (s) => (s.payment = { method: 'invoice' })))).toEqual([]);
  });

  it.each([
    ['bad IBAN checksum', 'payment.iban', 'iban_checksum', change(privateSignup, (s) => (s.payment.iban = 'DE88 3704 0044 0532 0130 00'))],
    ['IBAN length wrong for its country', 'payment.iban', 'iban_length', change(privateSignup, (s) => (s.payment.iban = 'AT61 1904 3002 3457 3201 1'))],
    ['postal code wrong for the country', 'person.address.postalCode', 'postal_code', change(privateSignup, (s) => (s.person.address = { ...s.person.address, country: 'AT' }))],
    ['under 18', 'person.birthDate', 'underage', change(privateSignup, (s) => (s.person.birthDate = '2008-11-22'))],
    ['terms not accepted', 'terms.accepted', 'terms_required', change(privateSignup, (s) => (s.terms.accepted = false))],
    ['outdated terms version', 'terms.version', 'terms_outdated', change(privateSignup, (s) => (s.terms.version = '2025-06'))],
    ['tariff not offered for the account type', 'tariffId', 'tariff_not_offered', change(privateSignup, (s) => (s.tariffId = TARIFFS.business))],
    ['unknown tariff', 'tariffId', 'tariff_unknown', change(privateSignup, (s) => (s.tariffId = '00000000-0000-4000-8000-0000000000ff'))],
    ['malformed e-mail', 'person.email', 'invalid_email', change(privateSignup, (s) => (s.person.email = 'anna@'))],
    ['mobile that cannot be normalized', 'person.mobile', 'mobile_invalid', change(privateSignup, (s) => (s.person.mobile = '12345'))],
    ['a landline as mobile', 'person.mobile', 'mobile_invalid', change(privateSignup, (s) => (s.person.mobile = '030 1234567'))],
    ['missing employer data for professional', 'employer', 'required', change(professionalSignup, (s) => delete s.employer)],
    ['missing contact person for business', 'contact', 'required', change(businessSignup, (s) => delete s.contact)],
    ['SEPA mandate not granted', 'payment.mandateAccepted', 'mandate_required', change(privateSignup, (s) => (s.payment.mandateAccepted = false))],
    ['invalid BIC', 'payment.bic', 'bic_invalid', change(privateSignup, (s) => (s.payment.bic = 'NOTABIC'))],
    ['unknown account type', 'accountType', 'invalid_choice', change(privateSignup, (s) => (s.accountType = 'vip'))],
    ['an unexpected field', 'admin', 'unknown_field', change(privateSignup, (s) => (s.admin = true))],
  ])('%s → %s %s', (_name, path, code, input) => {
    expect(errorsOf(input)).toContainEqual({ path, code });
  });

  it('turns age on the birthday, not a day earlier', () => {
    expect(isAdult('2008-11-21', '2026-11-21')).toBe(true);
    expect(isAdult('2008-11-22', '2026-11-21')).toBe(false);
    expect(isAdult('2008-02-29', '2026-02-28')).toBe(false);
  });

  it('normalizes phone numbers as people type them', () => {
    expect(toE164('0170 / 123 45-67', 'DE')).toBe('+491701234567');
    expect(toE164('0049 170 1234567', 'AT')).toBe('+491701234567');
    expect(toE164('(0664) 1234567', 'AT')).toBe('+436641234567');
    expect(toE164('079 123 45 67', 'CH')).toBe('+41791234567');
    expect(toE164('hello', 'DE')).toBeUndefined();
    expect(isMobile('+41791234567')).toBe(true);
    expect(isMobile('+41441234567')).toBe(false);
  });

  it('tells IBAN problems apart', () => {
    expect(ibanProblem('DE89370400440532013000')).toBeUndefined();
    expect(ibanProblem('CH93 0076 2011 6238 5295 7')).toBeUndefined();
    expect(ibanProblem('AT61 1904 3002 3457 3201')).toBeUndefined();
    expect(ibanProblem('XX89370400440532013000')).toBe('iban_country');
    expect(ibanProblem('DE8937040044053201300')).toBe('iban_length');
    expect(ibanProblem('kein iban')).toBe('iban_format');
  });

  it('the widgets check a part of what the BFF checks, without ibantools: what the BFF accepts, they accept', () => {
    const specs = Object.entries(getCountrySpecifications()).filter(([, spec]) => spec.chars);
    expect(widgetRules.ibanLengths).toEqual(Object.fromEntries(specs.map(([country, spec]) => [country, spec.chars])));
    // An IBAN for each country: a BBAN of its format, then the check digits (ISO 7064 MOD 97-10).
    const checkDigits = (country: string, bban: string) => {
      const digits = [...`${bban}${country}00`].map((c) => parseInt(c, 36)).join('');
      return String(98 - Number(BigInt(digits) % 97n)).padStart(2, '0');
    };
    let nationalChecks = 0;
    for (const [country, spec] of specs) {
      const bban = [...spec.bban_regexp!.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)].map(([, set, n]) => (set!.startsWith('0') ? '1' : 'B').repeat(Number(n))).join('');
      const iban = `${country}${checkDigits(country, bban)}${bban}`;
      expect(widgetRules.ibanProblem(iban), iban).toBeUndefined();
      if (ibanProblem(iban)) nationalChecks++; // only the BFF knows the national check digits
      for (const wrong of [iban.slice(0, -1), `${iban.slice(0, 4)}${bban.slice(0, -1)}${bban.endsWith('1') ? '2' : 'C'}`, `XQ${iban.slice(2)}`]) {
        expect(widgetRules.ibanProblem(wrong), wrong).toBe(ibanProblem(wrong)); // the widgets' findings are the BFF's
      }
    }
    expect(nationalChecks).toBeGreaterThan(0);
    for (const iban of ['DE89370400440532013000', 'CH93 0076 2011 6238 5295 7', 'AT61 1904 3002 3457 3201', 'DE88 3704 0044 0532 0130 00', 'kein iban']) {
      expect(widgetRules.ibanProblem(iban), iban).toBe(ibanProblem(iban));
    }
    for (const bic of ['COBADEFFXXX', 'cobadeff', 'COBA DE FF', 'COBADEF', 'COBAXXFF']) {
      expect(widgetRules.isBic(bic) || !isBic(bic), bic).toBe(true);
    }
    expect(widgetRules.isBic('COBADEFFXXX') && isBic('COBADEFFXXX')).toBe(true);
    expect(isBic('COBAXXFF')).toBe(false); // no country XX: only the BFF knows
  });
});

describe('customer numbers and usernames', () => {
  it('customer numbers carry a check digit that catches a changed digit', async () => {
    const { customerNumber, isCustomerNumber } = await import('../../contract/rules.js');
    const n = customerNumber('DT', 425);
    expect(n).toMatch(/^DT0000425\d$/);
    expect(isCustomerNumber(n)).toBe(true);
    for (let i = 2; i < n.length; i++) {
      const digit = Number(n[i]);
      const changed = n.slice(0, i) + String((digit + 1) % 10) + n.slice(i + 1);
      expect(isCustomerNumber(changed), changed).toBe(false);
    }
  });

  it('usernames are ASCII-folded', async () => {
    const { usernameBase } = await import('../../contract/rules.js');
    expect(usernameBase('Jürgen', 'Groß')).toBe('juergen.gross');
    expect(usernameBase('Zoë-Anne', 'Bâtiment')).toBe('zoeanne.batiment');
    expect(usernameBase('Łukasz', 'Ørsted')).toBe('lukasz.oersted');
  });
});
