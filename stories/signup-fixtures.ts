import { fakeTenant } from './fake-kit.js';

/** Complete signup values per account type, by field path: for stories and browser tests. */
export type Values = Record<string, string | boolean>;
const tariff = (type: string) => fakeTenant.tariffs.find((t) => t.accountTypes.includes(type as never))!.id;

const person: Values = {
  'person.salutation': 'ms',
  'person.firstName': 'Anna',
  'person.lastName': 'Müller',
  'person.birthDate': '1985-03-27',
  'person.address.street': 'Musterstraße',
  'person.address.houseNumber': '1',
  'person.address.postalCode': '10115',
  'person.address.city': 'Berlin',
  'person.email': 'anna@example.com',
  'person.mobile': '0170 1234567',
};
const sepa: Values = { 'payment.method': 'sepa', 'payment.accountHolder': 'Anna Müller', 'payment.iban': 'DE89 3704 0044 0532 0130 00', 'payment.mandateAccepted': true };
export const complete: Record<'private' | 'professional' | 'business', Values> = {
  private: { accountType: 'private', ...person, tariffId: tariff('private'), ...sepa, 'terms.accepted': true },
  professional: {
    accountType: 'professional',
    ...person,
    'employer.name': 'Beispiel GmbH',
    'employer.address.street': 'Arbeitsweg',
    'employer.address.houseNumber': '5',
    'employer.address.postalCode': '10117',
    'employer.address.city': 'Berlin',
    'employer.contactName': 'Petra Chefin',
    tariffId: tariff('professional'),
    ...sepa,
    separateInvoice: true,
    'invoiceAddress.name': 'Beispiel GmbH, Buchhaltung',
    'invoiceAddress.address.street': 'Rechnungsweg',
    'invoiceAddress.address.houseNumber': '9',
    'invoiceAddress.address.postalCode': '10117',
    'invoiceAddress.address.city': 'Berlin',
    'terms.accepted': true,
  },
  business: {
    accountType: 'business',
    'company.name': 'Gehörlosen Service AG',
    'company.legalForm': 'ag',
    'company.address.street': 'Firmenstraße',
    'company.address.houseNumber': '2',
    'company.address.postalCode': '80331',
    'company.address.city': 'München',
    'contact.salutation': 'mr',
    'contact.firstName': 'Jürgen',
    'contact.lastName': 'Groß',
    'contact.email': 'j.gross@example.com',
    'contact.mobile': '0151 2345678',
    tariffId: tariff('business'),
    ...sepa,
    'payment.accountHolder': 'Gehörlosen Service AG',
    'terms.accepted': true,
  },
};
