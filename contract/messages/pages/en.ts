import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'setPassword.title': 'Set your password',
  'confirm.username': 'Your username:',
  'confirm.usernameHint': 'You can log in with the username or your e-mail address.',
  'confirm.next': 'Set password',
} satisfies Translation<typeof de>;
