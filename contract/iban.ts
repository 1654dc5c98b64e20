/**
 * The IBAN and BIC checks the widgets make while the customer types, with no dependency (about 0.7 KB
 * gzip; ibantools is 3.6 KB): the shape, the country, its IBAN length and the ISO 7064 check digits —
 * which catch every single wrong character and nearly every swap. The BFF checks the same and, with
 * ibantools, each country's BBAN format and national check digits (`banking.ts`): what it accepts, this
 * accepts (test/contract/signup.test.ts).
 */

export type IbanProblem = 'iban_format' | 'iban_country' | 'iban_length' | 'iban_checksum';

/** The IBAN length of each country that has IBANs, as ibantools 4.5 knows them: `AD24` is Andorra's 24. */
const LENGTHS =
  'AD24AE23AL28AO25AT20AX18AZ28BA20BE16BF28BG22BH22BI27BJ28BL27BR29BY28CF27CG27CH21CI28CM27CR22CV25CY28CZ24' +
  'DE22DJ27DK18DO28DZ26EE20EG29ES24FI18FK18FO18FR27GA27GB22GE22GF27GI23GL18GP27GQ27GR27GT28GW25HN28HR21HU28' +
  'IE22IL23IQ23IR26IS26IT27JO30KM27KW30KZ20LB28LC32LI21LT20LU20LV21LY25MA28MC27MD24ME22MF27MG27MK19ML28MN20' +
  'MQ27MR27MT31MU30MZ25NC27NE28NI28NL18NO15OM23PF27PK24PL28PM27PS29PT25QA29RE27RO24RS22RU33SA24SC31SD18SE24' +
  'SI19SK24SM27SN28SO23ST25SV28TD27TF27TG28TL23TN24TR26UA29VA22VG24WF27XK20YE30YT27';

export const ibanLengths: Readonly<Record<string, number>> = Object.fromEntries(
  LENGTHS.match(/[A-Z]{2}\d\d/g)!.map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** Without spaces and hyphens, in capitals. */
export function normalizeIban(input: string): string {
  return input.replace(/[- ]/g, '').toUpperCase();
}

/** Why an IBAN is not valid, as a field error code; undefined when it passes these checks. */
export function ibanProblem(input: string): IbanProblem | undefined {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(iban)) return 'iban_format';
  const length = ibanLengths[iban.slice(0, 2)];
  if (!length) return 'iban_country';
  if (iban.length !== length) return 'iban_length';
  // ISO 7064 MOD 97-10: the country and check digits moved to the end, letters as 10 to 35.
  let rest = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = parseInt(char, 36);
    rest = (rest * (value > 9 ? 100 : 10) + value) % 97;
  }
  return rest === 1 ? undefined : 'iban_checksum';
}

/** A BIC's shape: bank, country, location, optional branch (8 or 11 characters). */
export function isBic(input: string): boolean {
  return /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(input.replace(/\s+/g, '').toUpperCase());
}
