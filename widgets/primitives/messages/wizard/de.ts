/** The wizards' shared texts (date field, stepper, summary, back and next): only the wizards' pages download them. */
export default {
  'date.day': 'Tag',
  'date.month': 'Monat',
  'date.year': 'Jahr',
  'date.example': 'Zum Beispiel 27 3 1985',
  'stepper.label': 'Fortschritt',
  'stepper.position': 'Schritt {index} von {count}',
  'stepper.done': 'erledigt',
  'summary.edit': 'Ändern',
  'wizard.back': 'Zurück',
  'wizard.next': 'Weiter',
} as const;
