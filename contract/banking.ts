// Bank account rules (IBAN, BIC), apart from the other field rules: only the signup needs ibantools.
import { electronicFormatIBAN, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

export function normalizeIban(input: string): string {
  return electronicFormatIBAN(input) ?? input.replace(/\s+/g, '').toUpperCase();
}

/** Why an IBAN is not valid, as a field error code; undefined when it is. */
export function ibanProblem(input: string): 'iban_format' | 'iban_country' | 'iban_length' | 'iban_checksum' | undefined {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(iban)) return 'iban_format';
  const { valid, errorCodes } = validateIBAN(iban);
  if (valid) return undefined;
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) return 'iban_country';
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) return 'iban_length';
  if (errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum) || errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return 'iban_checksum';
  }
  return 'iban_format';
}

export function isBic(input: string): boolean {
  return isValidBIC(input.replace(/\s+/g, '').toUpperCase());
}
