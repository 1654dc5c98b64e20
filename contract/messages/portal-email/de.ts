/** The portal's e-mails: password changed or reset, e-mail address change, login throttled. `{brand}` is the tenant's name. */
export default {
  'passwordChanged.subject': 'Ihr Passwort bei {brand} wurde geändert',
  'passwordChanged.body': 'das Passwort für den Benutzernamen {username} wurde am {when} geändert. Alle anderen Anmeldungen wurden beendet.',
  'passwordChanged.notYou': 'Wenn Sie das nicht selbst waren, wenden Sie sich bitte sofort an {supportEmail}.',
  'passwordReset.subject': 'Neues Passwort für {brand}',
  'passwordReset.body': 'Sie haben ein neues Passwort für den Benutzernamen {username} angefordert. Der Link gilt {minutes} Minuten und nur einmal.',
  'passwordReset.button': 'Neues Passwort festlegen',
  'passwordReset.ignore': 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  'emailChange.subject': 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse bei {brand}',
  'emailChange.body': 'bitte bestätigen Sie, dass wir Ihnen künftig an diese Adresse schreiben sollen. Der Link gilt {hours} Stunden und nur einmal.',
  'emailChange.button': 'E-Mail-Adresse bestätigen',
  'emailChange.ignore': 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; dann ändert sich nichts.',
  'emailChanged.subject': 'Ihre E-Mail-Adresse bei {brand} wurde geändert',
  'emailChanged.body': 'wir schreiben Ihnen ab jetzt an {newEmail}. Wenn Sie das nicht selbst waren, wenden Sie sich bitte sofort an {supportEmail}.',
  'loginThrottled.subject': 'Viele fehlgeschlagene Anmeldeversuche bei {brand}',
  'loginThrottled.body': 'für den Benutzernamen {username} gab es in der letzten Stunde sehr viele Anmeldeversuche mit falschem Passwort. Zu Ihrem Schutz nehmen wir vorübergehend keine Anmeldungen an; es ist nichts geändert worden.',
  'loginThrottled.notYou': 'Wenn Sie das nicht selbst waren, versucht vielleicht jemand, Ihr Passwort zu erraten. Wählen Sie ein langes, nur hier verwendetes Passwort und wenden Sie sich bei Fragen an {supportEmail}.',
} as const;
