import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'done.text': 'We have sent an e-mail to {email}. Open the link in it within 24 hours. Then we set up your account and send you your details.',
  'done.spam': 'No e-mail? Please look in your spam folder too.',
  'done.resend': 'Send the e-mail again',
  'done.resendIn': 'Send the e-mail again ({time})',
  'done.wait': 'You can send it again in {time} minutes.',
  'done.sent': 'E-mail sent to {email} again. The previous link no longer works.',
  'done.change': 'Wrong address? Change it',
  'done.email': 'E-mail address',
  'done.save': 'Save and send',
  'done.changed': 'Address changed: link sent to {email}. The previous one no longer works.',
} satisfies Translation<typeof de>;
