// The BFF's bank account rules: those the widgets check (`iban.ts`, no dependency), and with ibantools
// each country's BBAN format and national check digits, and the BIC's country.
import { isValidBIC, validateIBAN } from 'ibantools';
import { type IbanProblem, ibanProblem as widgetIbanProblem, isBic as widgetIsBic, normalizeIban } from './iban.js';

export { normalizeIban };

/** Why an IBAN is not valid, as a field error code; undefined when it is. */
export function ibanProblem(input: string): IbanProblem | undefined {
  // Past the widgets' checks, what ibantools still finds (the BBAN's format, national check digits) is a checksum problem.
  return widgetIbanProblem(input) ?? (validateIBAN(normalizeIban(input)).valid ? undefined : 'iban_checksum');
}

export function isBic(input: string): boolean {
  return widgetIsBic(input) && isValidBIC(input.replace(/\s+/g, '').toUpperCase());
}
