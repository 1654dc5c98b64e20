import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'date.day': 'Day',
  'date.month': 'Month',
  'date.year': 'Year',
  'date.example': 'For example 27 3 1985',
  'stepper.label': 'Progress',
  'stepper.position': 'Step {index} of {count}',
  'stepper.done': 'done',
  'summary.edit': 'Change',
  'wizard.back': 'Back',
  'wizard.next': 'Continue',
} satisfies Translation<typeof de>;
