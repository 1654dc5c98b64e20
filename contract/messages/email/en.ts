import type { Translation } from '../../i18n.js';
import type de from './de.js';

export default {
  greeting: 'Hello {name},',
  footer: 'Questions? Write to {supportEmail}.',
} satisfies Translation<typeof de>;
