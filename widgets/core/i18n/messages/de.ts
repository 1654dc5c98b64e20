/** The kit's shared texts (provider, primitives, controllers) in German, the source of every key. */
export default {
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
  'button.busy': 'Bitte warten, wird gesendet …',
  'alert.error': 'Fehler',
  'alert.warning': 'Warnung',
  'alert.info': 'Hinweis',
  'alert.success': 'Erfolg',
  'error.network': 'Keine Verbindung zum Dienst. Ihre Eingaben bleiben erhalten; bitte versuchen Sie es erneut.',
  'error.rateLimited': 'Zu viele Versuche. Bitte warten Sie {time}', // {time} ends with its unit's dot: „1 Min. 49 Sek.“
  'error.generic': 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
} as const;
