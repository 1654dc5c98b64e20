import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'passwordChanged.subject': 'Your {brand} password was changed',
  'passwordChanged.body': 'the password for the username {username} was changed on {when}. All other logins were ended.',
  'passwordChanged.notYou': 'If this was not you, please contact {supportEmail} at once.',
  'passwordReset.subject': 'New password for {brand}',
  'passwordReset.body': 'you asked for a new password for the username {username}. The link is valid for {minutes} minutes and works once.',
  'passwordReset.button': 'Set a new password',
  'passwordReset.ignore': 'If you did not ask for this, ignore this e-mail; your password stays as it is.',
  'emailChange.subject': 'Please confirm your new e-mail address with {brand}',
  'emailChange.body': 'please confirm that we should write to this address from now on. The link is valid for {hours} hours and works once.',
  'emailChange.button': 'Confirm e-mail address',
  'emailChange.ignore': 'If you did not ask for this, ignore this e-mail; nothing will change.',
  'emailChanged.subject': 'Your e-mail address with {brand} was changed',
  'emailChanged.body': 'from now on we write to {newEmail}. If this was not you, please contact {supportEmail} at once.',
  'loginThrottled.subject': 'Many failed logins at {brand}',
  'loginThrottled.body': 'in the last hour there were very many login attempts with a wrong password for the username {username}. To protect you, we accept no logins for a while; nothing has been changed.',
  'loginThrottled.notYou': 'If this was not you, someone may be trying to guess your password. Choose a long password you use only here, and contact {supportEmail} with any questions.',
  'mobileChanged.subject': 'Your mobile number with {brand} was changed',
  'mobileChanged.body': 'the mobile number for the username {username} was changed on {when}. Text message codes now go to {mobile}.',
  'resetAfterEmailChange.subject': 'A new password was requested for your {brand} account',
  'resetAfterEmailChange.body': 'a new password was requested for the username {username} on {when}. The e-mail address of this account was recently changed from this address to another one; the link went to the new address.',
  notYou: 'If this was not you, please contact {supportEmail} at once.',
} satisfies Translation<typeof de>;
