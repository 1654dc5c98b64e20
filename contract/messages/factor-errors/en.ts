import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  totp_format: 'The code from the authenticator app has 6 digits. Please enter it without other characters.',
  totp_wrong: 'This code is wrong or was used already. Enter the code the app shows right now.',
  recovery_format: 'A recovery code has 12 characters, for example ABCD-EFGH-JKLM. Please check what you entered.',
  recovery_wrong: 'This recovery code is wrong or was used already. Each code works only once.',
  mobile_required_without_factor: 'Please enter a mobile number — or choose a passkey or an authenticator app as the second step when you sign in.',
  passkey_label_invalid: 'The passkey\'s name may be 1 to 60 characters long.',
  // Builder A: passkeys
  passkey_invalid: 'The passkey could not be saved. Please try again or use another device.',
} satisfies Translation<typeof de>;
