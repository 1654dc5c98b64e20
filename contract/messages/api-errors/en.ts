import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  invalid_type: 'This value has the wrong type.',
  too_small: 'This value is too small.',
  too_big: 'This value is too large.',
  invalid_url: 'Please enter a valid URL.',
  invalid_origin: 'Please give an origin such as https://shop.example.com (no path, no trailing slash).',
  url_not_https: 'Please give an https:// address.',
  url_not_public: 'This address points into an internal network (private, local or reserved). Please give a publicly reachable address.',
  url_unresolvable: 'The host name of this address cannot be resolved. Please check the address.',
  one_change: 'Please change either the e-mail address or the mobile number.',
  one_subject: 'Please give either the username or the customer number.',
  duplicate: 'Each entry may appear only once.',
  unknown_field: 'This field is not expected here.',
  consent_required: 'Please tick the box to confirm that we may use your e-mail address and mobile number for the new credentials.',
} satisfies Translation<typeof de>;
