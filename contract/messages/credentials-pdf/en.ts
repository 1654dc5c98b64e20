import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  title: 'New internet access credentials',
  heading: 'New internet access credentials – no. {sequence}',
  replaces: 'These credentials replace all those sent before.',
  fileName: 'Internet-Credentials-{contractNumber}-{sequence}.pdf',
  customerNumber: 'Customer number',
  contract: 'Contract',
  contractNumber: 'Contract number',
  site: 'Site',
  address: 'Address',
  username: 'Username (PPPoE)',
  password: 'Password',
  generatedAt: 'Created on',
  passwordNote: 'Mind upper and lower case when you type it. The password has no characters that are easy to confuse (0, O, 1, l, I).',
  warningTitle: 'Important',
  warning: 'Your previous credentials no longer work. The internet connection, including calls in progress, is down. The internet connection can only be established again after you enter the new credentials in your router. This also applies when Easy Login is switched on.',
  stepsTitle: 'How to enter the credentials in your router',
  step1: "1. Open your router's settings in a browser (the address is on the router or in its manual).",
  step2: '2. Go to the internet settings (access data, PPPoE).',
  step3: '3. Enter the username and the password from this page.',
  step4: '4. Save. The router connects again; this can take a few minutes.',
  keepSafe: 'Keep this document safe and do not pass it on.',
} satisfies Translation<typeof de>;
