import type { Translation } from '../../../contract/i18n.js';
import type de from './de.js';

export default {
  heading: 'New internet access credentials',
} satisfies Translation<typeof de>;
