import type { Locale } from '../../contract/enums.js';

/** Texts of the portal widgets (login, password setup, profile); they travel with them, not in the shared chunk. German here, English in `messages.en.ts`. */
const de = {
  'login.title': 'Anmelden',
  'login.intro': 'Melden Sie sich mit Ihrem Benutzernamen und Passwort an. Danach senden wir Ihnen einen Code per SMS.',
  username: 'Benutzername',
  password: 'Passwort',
  'password.show': 'Passwort anzeigen',
  'login.submit': 'Anmelden',
  'login.forgot': 'Passwort vergessen?',
  'login.done': 'Sie sind angemeldet als {name}.',
  logout: 'Abmelden',
  'logout.done': 'Sie sind abgemeldet.',
  'session.expired': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
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
  'forgot.title': 'Passwort vergessen',
  'forgot.intro': 'Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.',
  'forgot.login': 'Benutzername oder E-Mail-Adresse',
  'forgot.submit': 'Link anfordern',
  'forgot.done': 'Wenn wir ein Konto zu „{login}“ haben, ist eine E-Mail mit einem Link unterwegs. Der Link gilt 60 Minuten. Bitte sehen Sie auch im Spam-Ordner nach.',
  'setup.title': 'Passwort festlegen',
  'setup.intro': 'Wählen Sie ein Passwort mit mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist sicher und leicht zu merken. Zur Bestätigung senden wir Ihnen einen Code per SMS.',
  'setup.password': 'Neues Passwort',
  'setup.passwordHint': '12 bis 128 Zeichen, keine weiteren Regeln',
  'setup.repeat': 'Neues Passwort wiederholen',
  'setup.submit': 'Weiter',
  'setup.done': 'Ihr Passwort ist gespeichert. Alle anderen Anmeldungen wurden beendet; wir haben Ihnen eine Bestätigung per E-Mail geschickt.',
  'setup.loginNow': 'Jetzt anmelden',
  'setup.loginHint': 'Melden Sie sich jetzt mit Ihrem Benutzernamen {username} und dem neuen Passwort an.',
  'setup.noToken': 'Der Link ist unvollständig. Bitte öffnen Sie ihn noch einmal aus der E-Mail.',
  'setup.newLink': 'Über „Passwort vergessen?“ bei der Anmeldung erhalten Sie einen neuen Link.',
  'profile.title': 'Benutzerverwaltung',
  'profile.name': 'Name',
  'profile.email': 'E-Mail-Adresse',
  'profile.mobile': 'Mobilnummer',
  'profile.customerNumber': 'Kundennummer',
  'profile.role': 'Rolle',
  'role.account_admin': 'Administrator Kundenportal',
  'role.partner_agent': 'Partner-Mitarbeiter',
  'profile.changeEmail': 'E-Mail-Adresse ändern',
  'profile.changeMobile': 'Mobilnummer ändern',
  'profile.newEmail': 'Neue E-Mail-Adresse',
  'profile.newMobile': 'Neue Mobilnummer',
  'profile.newMobileHint': 'Zum Beispiel 0170 1234567. An diese Nummer senden wir einen Code.',
  'profile.save': 'Bestätigung senden',
  cancel: 'Abbrechen',
  'profile.emailSent': 'Wir haben einen Link an {email} geschickt. Die neue Adresse gilt, sobald Sie ihn öffnen (innerhalb von 24 Stunden).',
  'profile.mobileChanged': 'Ihre neue Mobilnummer ist gespeichert.',
  'profile.loginFirst': 'Bitte melden Sie sich an, um Ihre Daten zu sehen.',
};
export type PortalKey = keyof typeof de;

/** English comes with its first use (`messages.en.ts`); every other locale reads German meanwhile. */
let en: Record<PortalKey, string> | undefined;

/** Makes the portal texts of `locale` available; resolves at once when they are. */
export function loadPortalMessages(locale: Locale): Promise<void> {
  if (locale !== 'en' || en) return Promise.resolve();
  return import('./messages.en.js').then((m) => {
    en = m.en;
  });
}

export const portalMessagesLoaded = (locale: Locale): boolean => locale !== 'en' || Boolean(en);


export function pt(locale: Locale, key: PortalKey, params: Record<string, string | number> = {}): string {
  return ((locale === 'en' && en) || de)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
