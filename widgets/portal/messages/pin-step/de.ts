/** The portal's texts for the SMS PIN step (`core/pin.ts`): they come with the step, when the first code is sent. */
export default {
  'pin.title': 'Code aus der SMS eingeben',
  'pin.intro': 'Wir haben einen 6-stelligen Code per SMS an {to} gesendet. Er gilt 10 Minuten.',
  pin: 'SMS-Code',
  'pin.hint': '6 Ziffern, zum Beispiel 123456',
  'pin.submit': 'Bestätigen',
  'pin.resend': 'Neuen Code senden',
  'pin.resent': 'Wir haben einen neuen Code an {to} gesendet. Der vorige Code gilt nicht mehr.',
  'pin.attemptsLeft': 'Noch {n} Versuche mit diesem Code.',
  'pin.attemptLeft': 'Noch ein Versuch mit diesem Code.',
  'pin.resendIn': 'Neuen Code senden (in {time})',
  'pin.locked': 'Der Code wurde zu oft falsch eingegeben und gilt nicht mehr. Fordern Sie mit „Neuen Code senden“ einen neuen Code an.',
  'pin.limited': 'Sie haben viele Codes angefordert. Einen neuen Code können Sie in {time} anfordern.',
  'pin.available': 'Sie können jetzt einen neuen Code anfordern.',
  back: 'Zurück',
} as const;
