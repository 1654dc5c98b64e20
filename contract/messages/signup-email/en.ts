import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'confirmation.subject': 'Please confirm your signup with {brand}',
  'confirmation.body': 'thank you for signing up. Please confirm your e-mail address so that we can set up your account. The link is valid for {hours} hours and works once.',
  'confirmation.button': 'Confirm signup',
  'confirmation.ignore': 'If you did not sign up, ignore this e-mail; nothing will happen.',
  'locationConfirmation.orderedBy':
    '{admin} ({main}, customer number {mainNumber}) has ordered a new location for your company. Once you confirm, it is linked to the main account {main}, whose admins can act for this location.',
  'locationConfirmation.ignore': 'If you do not want this location, do not confirm and contact {admin} ({main}); without a confirmation nothing happens.',
  'credentials.subject': 'Your {brand} account is ready',
  'credentials.body': 'Your account is ready. These are your details:',
  'credentials.customerNumber': 'Customer number',
  'credentials.username': 'Username',
  'credentials.sipAddress': 'SIP address',
  'credentials.setPassword': 'Now set your password. The link is valid for {hours} hours and works once.',
  'credentials.button': 'Set password',
} satisfies Translation<typeof de>;
