import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'done.resend': 'Send the e-mail again',
  'done.resendIn': 'Send the e-mail again ({time})',
  'done.wait': 'You can send it again in {time} minutes.',
  'done.sent': 'E-mail sent to {email} again. The previous link no longer works.',
  'done.change': 'Wrong address? Change it',
  'done.email': 'E-mail address',
  'done.save': 'Save and send',
  'done.changed': 'Address changed: link sent to {email}. The previous one no longer works.',
} satisfies Translation<typeof de>;
