import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  'setPassword.title': 'Set your password',
} satisfies Translation<typeof de>;
