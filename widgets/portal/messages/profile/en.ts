import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'session.expired': 'Your session has expired. Please log in again.',
  'profile.title': 'User management',
  'profile.name': 'Name',
  'profile.email': 'E-mail address',
  'profile.mobile': 'Mobile number',
  'profile.customerNumber': 'Customer number',
  'profile.role': 'Role',
  'role.account_admin': 'Customer portal administrator',
  'role.partner_agent': 'Partner agent',
  'profile.changeEmail': 'Change e-mail address',
  'profile.changeMobile': 'Change mobile number',
  'profile.newEmail': 'New e-mail address',
  'profile.newMobile': 'New mobile number',
  'profile.newMobileHint': 'For example 0170 1234567. We send a code to this number.',
  'profile.save': 'Send confirmation',
  cancel: 'Cancel',
  'profile.emailSent': 'We have sent a link to {email}. The new address holds once you open it (within 24 hours).',
  'profile.mobileChanged': 'Your new mobile number is saved.',
  'profile.loginFirst': 'Please log in to see your details.',
} satisfies Translation<typeof de>;
