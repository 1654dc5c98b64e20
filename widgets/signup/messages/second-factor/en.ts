import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  title: 'How you confirm your sign-ins',
  review: 'Confirm sign-ins with',
  sms: 'SMS code to this mobile number',
  'sms.hint': 'After your password, we send you a code by SMS.',
  passkey: 'Passkey',
  'passkey.hint': 'Sign in with your fingerprint, face or device PIN. You set it up when you choose your password.',
  totp: 'Authenticator app',
  'totp.hint': 'An app on your phone shows the code. You set it up when you choose your password.',
  mobileRequired: 'Please enter a mobile number — or choose a passkey or an authenticator app as the second step when you sign in.',
} satisfies Translation<typeof de>;
