import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  title: 'Confirm your signup',
  intro: 'Please confirm your e-mail address. Then we set up your account and send you your details.',
  button: 'Confirm signup',
  confirmed: 'Thank you! Your account is ready. We have sent you your details and a link to set your password by e-mail.',
  already_confirmed: 'This signup is confirmed already. We have sent you your details by e-mail.',
  resend: 'Request a new link',
  sent: 'We have sent you a new link. It is valid for 24 hours.',
  missing: 'The link is incomplete. Please open it again from the e-mail.',
  email_title: 'Confirm your e-mail address',
  email_intro: 'Please confirm that we should write to this address from now on.',
  email_button: 'Confirm e-mail address',
  email_confirmed: 'Thank you! Your new e-mail address holds from now on.',
  email_already_confirmed: 'This e-mail address is confirmed already.',
} satisfies Translation<typeof de>;
