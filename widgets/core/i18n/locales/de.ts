export { fieldErrors } from '../../../../contract/messages/de.js';

/** German, the default locale, always loaded. Every other locale is a file beside this one with every key (checked by the typecheck), loaded when first used. */
export const de = {
  'kit.loading': 'Wird geladen …',
  'kit.brand': 'Ein Service von {name}',
  'kit.error.unauthorized': 'Dieser Dienst ist falsch eingerichtet: Der Zugangsschlüssel ist ungültig.',
  'kit.error.origin': 'Dieser Dienst ist auf dieser Website nicht freigegeben.',
  'kit.error.network': 'Der Dienst ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'kit.error.generic': 'Der Dienst konnte nicht geladen werden.',
  'kit.error.contact': 'Bitte wenden Sie sich an den Betreiber dieser Website.',
  'kit.retry': 'Erneut versuchen',
  'form.requiredLegend': 'Mit * markierte Felder müssen ausgefüllt werden.',
  'form.errorSummary': 'Bitte korrigieren Sie folgende Angaben:',
  'form.errorPrefix': 'Fehler:',
  'form.choose': 'Bitte wählen',
  'date.day': 'Tag',
  'date.month': 'Monat',
  'date.year': 'Jahr',
  'date.example': 'Zum Beispiel 27 3 1985',
  'button.busy': 'Bitte warten, wird gesendet …',
  'stepper.label': 'Fortschritt',
  'stepper.position': 'Schritt {index} von {count}',
  'stepper.done': 'erledigt',
  'summary.edit': 'Ändern',
  'wizard.back': 'Zurück',
  'wizard.next': 'Weiter',
  'alert.error': 'Fehler',
  'alert.warning': 'Warnung',
  'alert.info': 'Hinweis',
  'alert.success': 'Erfolg',
  'error.network': 'Keine Verbindung zum Dienst. Ihre Eingaben bleiben erhalten; bitte versuchen Sie es erneut.',
  'error.rateLimited': 'Zu viele Versuche. Bitte warten Sie {seconds} Sekunden.',
  'error.generic': 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
} as const;

export type MessageKey = keyof typeof de;
export type Messages = Record<MessageKey, string>;
