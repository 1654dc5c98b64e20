import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  customer_number_unknown: 'We cannot find an account with this customer number. Please check the customer number on the invoice or in the other account\'s customer portal.',
  own_account: 'This is your own account\'s customer number. Please enter the customer number of the account you want to link as a location.',
  not_business: 'Only business accounts can be linked as locations. This account is a private or professional account.',
  account_inactive: 'This account is cancelled and can no longer be linked. Please check the customer number.',
  no_portal_admin: 'This account has no customer portal login yet that we could send the code to. Please ask the account\'s team to set up the login first.',
  already_linked_here: 'This account is already linked to your main account as a location. You will find it in the list.',
  already_linked: 'This account is already linked to another main account. It has to be unlinked there first.',
  has_sub_accounts: 'This account has locations of its own and so is a main account itself. A main account cannot become another account\'s location.',
  location_intent_invalid: 'This order of a new location is invalid, expired or was used already. Please start it again with "Order a new location".',
} satisfies Translation<typeof de>;
