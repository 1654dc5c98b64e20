/** The SMS with a PIN, by what it is for: how long it lasts, and never to pass it on. `{brand}` is the tenant's name. */
export default {
  'pin.login': '{brand}: Ihr Anmelde-Code lautet {pin}. Er gilt {minutes} Minuten. Geben Sie ihn niemandem weiter.',
  'pin.password_setup': '{brand}: Ihr Code für Ihr neues Passwort lautet {pin}. Er gilt {minutes} Minuten. Geben Sie ihn niemandem weiter.',
  'pin.mobile_change': '{brand}: Ihr Code für Ihre neue Mobilnummer lautet {pin}. Er gilt {minutes} Minuten. Geben Sie ihn niemandem weiter.',
  'changed.email': '{brand}: Die E-Mail-Adresse Ihres Kontos {username} wurde geändert. Falls Sie das nicht waren, wenden Sie sich sofort an {supportEmail}.',
  'changed.mobile': '{brand}: Die Mobilnummer Ihres Kontos {username} wurde geändert. Falls Sie das nicht waren, wenden Sie sich sofort an {supportEmail}.',
} as const;
