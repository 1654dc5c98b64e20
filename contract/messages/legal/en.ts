import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'mandate.core':
    'SEPA Direct Debit Mandate: I authorise {creditor} to send instructions to my bank to debit my account and my bank to debit my account in accordance with the instructions from {creditor}. Note: I am entitled to a refund from my bank under the terms and conditions of my agreement with my bank. A refund must be claimed within eight weeks starting from the date on which my account was debited. I will be told the mandate reference before the first debit.',
  'mandate.b2b':
    'SEPA Business-to-Business Direct Debit Mandate: We authorise {creditor} to send instructions to our bank to debit our account and our bank to debit our account in accordance with the instructions from {creditor}. Note: This mandate is only intended for business-to-business transactions. We are not entitled to a refund from our bank after our account has been debited, but we are entitled to request our bank not to debit our account up until the day on which the payment is due. We will be told the mandate reference before the first debit.',
  'mandate.accept.core': 'I grant the SEPA direct debit mandate (wording above).',
  'mandate.accept.b2b': 'We grant the SEPA direct debit mandate for business-to-business debits (wording above).',
  'order.pay': 'Place order with obligation to pay',
  'order.submit': 'Submit',
  'terms.consent': 'I accept the {terms} (version {version}) and have read the {privacy}.',
  'terms.link': 'terms',
  'privacy.link': 'privacy notice',
} satisfies Translation<typeof de>;
