/** Valid signups of each account type, for tests to break one field at a time. */
export const TARIFFS = {
  private: '00000000-0000-4000-8000-0000000000a1',
  professional: '00000000-0000-4000-8000-0000000000a2',
  business: '00000000-0000-4000-8000-0000000000a3',
};

const address = { street: 'Musterstraße', houseNumber: '1a', postalCode: '10115', city: 'Berlin', country: 'DE' };
const sepa = { method: 'sepa', accountHolder: 'Anna Muster', iban: 'DE89 3704 0044 0532 0130 00', mandateAccepted: true };
const terms = { accepted: true, version: '2026-01' };

export function privateSignup() {
  return {
    accountType: 'private',
    person: {
      salutation: 'ms',
      firstName: 'Anna',
      lastName: 'Müller',
      birthDate: '1985-03-27',
      email: 'anna.mueller@example.com',
      mobile: '0170 1234567',
      address: { ...address },
    },
    tariffId: TARIFFS.private,
    payment: { ...sepa },
    terms: { ...terms },
  };
}

export function professionalSignup() {
  return {
    ...privateSignup(),
    accountType: 'professional',
    employer: { name: 'Beispiel GmbH', address: { ...address, street: 'Arbeitsweg' }, contactName: 'Peter Chef' },
    invoiceAddress: { name: 'Beispiel GmbH, Buchhaltung', address: { ...address, street: 'Rechnungsweg' } },
    tariffId: TARIFFS.professional,
  };
}

export function businessSignup() {
  return {
    accountType: 'business',
    company: { name: 'Gehörlosen Service AG', legalForm: 'ag', vatId: 'DE123456789', address: { ...address, postalCode: '80331', city: 'München' } },
    contact: { salutation: 'mr', firstName: 'Jürgen', lastName: 'Groß', email: 'j.gross@example.com', mobile: '+49 151 2345678' },
    tariffId: TARIFFS.business,
    payment: { ...sepa, accountHolder: 'Gehörlosen Service AG' },
    terms: { ...terms },
  };
}
