import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'passkey_added.subject': 'New passkey for your {brand} account',
  'passkey_added.body': 'a passkey was added to your account {username} on {when}: "{label}". With a passkey you sign in with your fingerprint, face or device PIN.',
  'passkey_removed.subject': 'Passkey removed from your {brand} account',
  'passkey_removed.body': 'a passkey was removed from your account {username} on {when}: "{label}". It can no longer be used to sign in.',
  'totp_added.subject': 'Authenticator app set up for your {brand} account',
  'totp_added.body': 'an authenticator app was set up for your account {username} on {when}. Its codes now work when you sign in.',
  'totp_removed.subject': 'Authenticator app removed from your {brand} account',
  'totp_removed.body': 'the authenticator app was removed from your account {username} on {when}. Its codes no longer work.',
  'recovery_codes_issued.subject': 'New recovery codes for your {brand} account',
  'recovery_codes_issued.body': 'new recovery codes were created for your account {username} on {when}. All earlier codes no longer work.',
  'recovery_code_used.subject': 'Sign-in with a recovery code at {brand}',
  'recovery_code_used.body': 'a recovery code was used for your account {username} on {when}. {remaining} codes are left.',
  'codes_blocked.subject': 'Many wrong codes when signing in at {brand}',
  'codes_blocked.body': 'up to {when}, very many wrong authenticator app or recovery codes were entered for your account {username}. To protect you, we accept no such codes until tomorrow; passkeys and SMS codes keep working. Nothing was changed.',
  notYou: 'Was this not you? Then please change your password at once and contact {supportEmail}.',
  'sms.passkey_added': '{brand}: A passkey was added to your account {username}. Not you? Contact {supportEmail} at once.',
  'sms.passkey_removed': '{brand}: A passkey was removed from your account {username}. Not you? Contact {supportEmail} at once.',
  'sms.totp_added': '{brand}: An authenticator app was set up for your account {username}. Not you? Contact {supportEmail} at once.',
  'sms.totp_removed': '{brand}: The authenticator app was removed from your account {username}. Not you? Contact {supportEmail} at once.',
  'sms.recovery_codes_issued': '{brand}: New recovery codes were created for your account {username}. Not you? Contact {supportEmail} at once.',
  'sms.recovery_code_used': '{brand}: A recovery code was used for your account {username}, {remaining} left. Not you? Contact {supportEmail} at once.',
  'sms.codes_blocked': '{brand}: Very many wrong codes were entered for your account {username}; app and recovery codes are refused until tomorrow. Not you? Change your password.',
} satisfies Translation<typeof de>;
