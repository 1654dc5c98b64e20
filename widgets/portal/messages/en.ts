import type { Translation } from '../../../contract/i18n.js';
import type de from './de.js';

export default {
  'login.title': 'Log in',
  'login.intro': 'Log in with your username or e-mail address and password. Then you confirm the login.',
  username: 'Username',
  password: 'Password',
  'password.show': 'Show password',
  'login.submit': 'Log in',
  'login.forgot': 'Forgot your password?',
  'login.done': 'You are logged in as {name}.',
  logout: 'Log out',
  'logout.done': 'You are logged out.',
  back: 'Back',
  'login.name': 'Username or e-mail address',
} satisfies Translation<typeof de>;
