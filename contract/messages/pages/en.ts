import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'setPassword.title': 'Set your password',
  'confirm.username': 'Your username:',
  'confirm.usernameHint': 'You can log in with the username or your e-mail address.',
  'confirm.next': 'Set password',
  'subUser.title': 'Confirm your registration as a co-user',
  'subUser.intro': 'Please confirm that you want to be registered as a co-user. We will then set up your access and send you your credentials.',
  'subUser.button': 'Confirm registration',
  'subUser.confirmed': 'Thank you! Your access is set up. We have sent you your credentials and a link to set your password by e-mail.',
  'subUser.alreadyConfirmed': 'This registration is confirmed already. We have sent you your credentials by e-mail.',
  'subUser.expired': 'This link has expired: it was valid for 7 days. Please ask the person who registered you to send you a new link from the customer portal.',
  'subUser.superseded': 'This link is no longer valid: there is a newer one, or the registration was withdrawn. Please use the link in the newest e-mail or ask the person who registered you.',
} satisfies Translation<typeof de>;
