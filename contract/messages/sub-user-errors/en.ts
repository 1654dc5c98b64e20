import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  invoice_note_too_long: 'The invoice note may be at most 40 characters long. Please shorten it.',
  invoice_note_characters: 'The invoice cannot print this character. Please use letters (including ä, ö, ü, ß, é), digits and common punctuation.',
  tariff_not_for_sub_users: 'This tariff is not available for co-users. Please choose a co-user tariff.',
  tariff_unchanged: 'This is the current tariff already. Please choose another one or cancel.',
  end_date_too_early: 'This date is before the earliest possible end of the contract. Please choose that date or a later one.',
  end_date_too_late: 'Please choose an end date within the next 5 years.',
  email_pending_only: 'The e-mail address can only be changed until the co-user has confirmed the registration.',
  nothing_to_change: 'Please change at least one detail.',
} satisfies Translation<typeof de>;
