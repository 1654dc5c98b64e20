import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'forgot.title': 'Forgot your password',
  'forgot.intro': 'Enter your username or your e-mail address. We send you a link to set a new password.',
  'forgot.submit': 'Send link',
  'forgot.done': 'If we have an account for “{login}”, an e-mail with a link is on its way. The link is valid for 60 minutes. Please look in your spam folder too.',
} satisfies Translation<typeof de>;
