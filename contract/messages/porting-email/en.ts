import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  subject: 'Porting order {reference} ({company}): {status}',
  'subject.submitted': 'Porting order {reference} ({company}) is submitted',
  'subject.cancelled': 'Porting order {reference} ({company}) is cancelled',
  body: 'Your porting order {reference} for {company} has a new status: {status}.',
  'body.submitted': 'Your porting order {reference} for {company} is submitted. We are checking it now.',
  'body.resubmitted': 'Your porting order {reference} for {company} is submitted again after the question. We are checking it now.',
  'body.cancelled': 'You have cancelled the porting order {reference} for {company}.',
  'label.reference': 'Order',
  'label.company': 'Customer',
  'label.status': 'Status',
  'label.reason': 'Reason',
  'label.scheduled': 'Porting date',
  'label.numbers': 'Numbers',
  'label.comment': "The provider's comment:",
  'scheduled.at': '{when} (Swiss time)',
  'next.heading': 'What happens next:',
  'next.submitted': 'There is nothing for you to do. Once the order is checked you get an e-mail: with the approval or with a question.',
  'next.clarification_needed': 'Open the order {reference} in your order overview, add or correct what the comment asks for, and submit it again.',
  'next.approved': 'There is nothing for you to do. Once the porting date is fixed you get an e-mail with the date and time.',
  'next.rejected': 'Check the reason and the comment. This order is not processed further; create a new order with the right details if needed.',
  'next.scheduled': 'Tell your customer {company} about the date: telephony may be interrupted briefly during the port. You can cancel the order until {cutoff}.',
  'next.ported': 'The numbers are now active on the phone system. The temporary numbers are released and will soon stop working.',
  'next.failed': 'The provider will contact you about what happens next. Until then the numbers stay with the current provider.',
  'next.cancelled': 'Nothing is ported; the temporary numbers are released. Create a new order if needed.',
} as const satisfies Translation<typeof de>;
