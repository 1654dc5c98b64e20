import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'passkey.login': 'Log in with a passkey',
  'passkey.or': 'Or without a password: with a passkey, that is with your fingerprint, face or device PIN.',
  'passkey.unsupported': 'Passkeys do not work in this browser or on this page. Please log in with your password.',
  'passkey.failed': 'Logging in with the passkey did not work. Please try again or log in with your password.',
} satisfies Translation<typeof de>;
