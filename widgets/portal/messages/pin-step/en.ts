import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'pin.title': 'Enter the code from the text message',
  'pin.intro': 'We have sent a 6-digit code by text message to {to}. It is valid for 10 minutes.',
  pin: 'Text message code',
  'pin.hint': '6 digits, for example 123456',
  'pin.submit': 'Confirm',
  'pin.resend': 'Send a new code',
  'pin.resent': 'We have sent a new code to {to}. The previous code no longer works.',
  'pin.attemptsLeft': '{n} more tries with this code.',
  'pin.attemptLeft': 'One more try with this code.',
  'pin.resendIn': 'Send a new code (in {time})',
  'pin.locked': 'The code was entered wrongly too often and no longer works. Use “Send a new code” to get a new one.',
  'pin.limited': 'You have asked for many codes. You can ask for a new one in {time}.',
  'pin.available': 'You can ask for a new code now.',
  back: 'Back',
} satisfies Translation<typeof de>;
