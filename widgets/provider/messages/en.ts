import type { Translation } from '../../../contract/i18n.js';
import type de from './de.js';

/** Texts of the acting banner of `<tk-provider>` in English. */
export default {
  label: 'Location',
  text: 'You are acting for the location {name} ({customerNumber}).',
  by: 'Logged in as {actor} in the main account {main} ({mainNumber}). Everything you do now applies to this location.',
  back: 'Back to the main account',
} satisfies Translation<typeof de>;
