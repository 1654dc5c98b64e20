import type { Translation } from '../../../contract/i18n.js';
import type de from './de.js';

export default {
  'login.title': 'Log in',
  'login.intro': 'Log in with your username or e-mail address and password. Then we send you a code by text message.',
  username: 'Username',
  password: 'Password',
  'password.show': 'Show password',
  'login.submit': 'Log in',
  'login.forgot': 'Forgot your password?',
  'login.done': 'You are logged in as {name}.',
  logout: 'Log out',
  'logout.done': 'You are logged out.',
  back: 'Back',
  'forgot.title': 'Forgot your password',
  'forgot.intro': 'Enter your username or your e-mail address. We send you a link to set a new password.',
  'login.name': 'Username or e-mail address',
  'forgot.submit': 'Send link',
  'forgot.done': 'If we have an account for “{login}”, an e-mail with a link is on its way. The link is valid for 60 minutes. Please look in your spam folder too.',
} satisfies Translation<typeof de>;
