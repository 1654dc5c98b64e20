import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'code.sms':
    '{brand}: {admin} ({main}, customer number {mainNumber}) wants to link your account {subNumber} as a location and then act for it. Code: {pin}. Valid {hours} hours. Only pass it on if you agree.',
  'code.subject': '{main} wants to link your account as a location',
  'code.body': '{admin} of {main} (customer number {mainNumber}) wants to link your account {sub} (customer number {subNumber}) at {brand} as a location of the main account {main}.',
  'code.means': 'What linking means:',
  'code.meansActing': 'The admins of {main} can then act for your account: manage co-users, see and change contracts, reset credentials.',
  'code.meansOwnLogin': 'Your own customer portal login stays; you still see only your account.',
  'code.meansInvoiceOn': 'From the 1st of next month your account is billed on the collective invoice of {main}.',
  'code.meansInvoiceOff': 'Your invoice stays as it is; no collective invoice was chosen.',
  'code.meansUnlink': 'The main account can unlink it again at any time.',
  'code.codeLabel': 'Code',
  'code.validLabel': 'Valid',
  'code.valid': '{hours} hours, once',
  'code.consent': 'If you agree, pass the code on to {admin}. Only pass it on if you agree. If you do not want this, do nothing; then nothing is linked.',
  'linked.subject': 'Your account is now a location of {main}',
  'linked.body': 'Since {when}, your account {sub} (customer number {subNumber}) is linked as a location of the main account {main} (customer number {mainNumber}). The admins of {main} can now act for your account; your own login stays.',
  'linked.invoiceOn': 'From {from} your account is billed on the collective invoice of {main}.',
  'ordered.subject': 'New location {sub} is linked',
  'ordered.body': 'The new location {sub} (customer number {subNumber}) is confirmed and linked to your main account {main}. You will find it in the location management.',
  'ordered.invoiceOn': 'From {from} it is billed on your collective invoice.',
  'unlinked.subject': 'Your account is no longer a location of {main}',
  'unlinked.body': 'On {when}, the main account {main} (customer number {mainNumber}) unlinked your account {sub} (customer number {subNumber}). Its admins can no longer act for your account.',
  'unlinked.invoiceUntil': 'Your account stays on the collective invoice of {main} up to and including {until}, and is billed on its own after that.',
} satisfies Translation<typeof de>;
