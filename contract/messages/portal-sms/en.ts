import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'pin.login': '{brand}: your login code is {pin}. It is valid for {minutes} minutes. Never share it with anyone.',
  'pin.password_setup': '{brand}: your code for your new password is {pin}. It is valid for {minutes} minutes. Never share it with anyone.',
  'pin.mobile_change': '{brand}: your code for your new mobile number is {pin}. It is valid for {minutes} minutes. Never share it with anyone.',
  'changed.email': '{brand}: the e-mail address of your account {username} was changed. If this was not you, contact {supportEmail} at once.',
  'changed.mobile': '{brand}: the mobile number of your account {username} was changed. If this was not you, contact {supportEmail} at once.',
} satisfies Translation<typeof de>;
