import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'setup.title': 'Set your password',
  'setup.intro': 'Choose a password of at least 12 characters. A sentence of several words is safe and easy to remember. Then you confirm it with a code by text message or, if your account has no mobile number, with a passkey or an authenticator app.',
  'setup.password': 'New password',
  'password.hint': '12 to 128 characters, no other rules',
  'setup.repeat': 'Repeat the new password',
  'setup.submit': 'Continue',
  'setup.done': 'Your password is saved. All other logins were ended; we have sent you a confirmation by e-mail.',
  'setup.loginNow': 'Log in now',
  'setup.loginHint': 'Now log in with your username {username} and the new password.',
  'setup.username': 'Your username: {username}',
  'setup.noToken': 'The link is incomplete. Please open it again from the e-mail.',
  'setup.newLink': 'Use “Forgot your password?” on the login to get a new link.',
} satisfies Translation<typeof de>;
