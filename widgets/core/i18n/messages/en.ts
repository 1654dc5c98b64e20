import type { Translation } from '../../../../contract/i18n.js';
import type de from './de.js';

export default {
  'kit.loading': 'Loading …',
  'kit.brand': 'A service of {name}',
  'kit.error.unauthorized': 'This service is set up wrongly: the access key is not valid.',
  'kit.error.origin': 'This service is not enabled for this website.',
  'kit.error.network': 'The service cannot be reached right now. Please check your internet connection and try again.',
  'kit.error.generic': 'The service could not be loaded.',
  'kit.error.contact': 'Please contact the operator of this website.',
  'kit.retry': 'Try again',
  'form.requiredLegend': 'Fields marked with * are required.',
  'form.errorSummary': 'Please correct the following:',
  'form.errorPrefix': 'Error:',
  'form.choose': 'Please choose',
  'button.busy': 'Please wait, sending …',
  'alert.error': 'Error',
  'alert.warning': 'Warning',
  'alert.info': 'Note',
  'alert.success': 'Success',
  'error.network': 'No connection to the service. Your entries are kept; please try again.',
  'error.rateLimited': 'Too many attempts. Please wait {time}.',
  'error.generic': 'That did not work. Please try again.',
} satisfies Translation<typeof de>;
