/**
 * New internet access credentials ("Neue Internet-Zugangsdaten"). `{brand}` is the tenant's name,
 * `{contract}` the contract's name, `{contractNumber}` its number, `{site}` the site, `{mobile}` the masked
 * mobile, `{file}` the PDF's file name. Never the password or the code in an e-mail.
 */
export default {
  'email.subject': 'Neue Internet-Zugangsdaten für Vertrag {contractNumber} – Nr. {sequence}',
  'email.body': 'für Ihren Vertrag {contract} (Vertragsnummer {contractNumber}, Standort {site}) wurden am {when} neue Internet-Zugangsdaten erstellt.',
  'email.attached': 'Die neuen Zugangsdaten stehen in der angehängten PDF-Datei {file}. Die Datei ist verschlüsselt.',
  'email.code': 'Den Code zum Öffnen der Datei senden wir Ihnen per SMS an Ihre Mobilfunk-Rufnummer {mobile}. Geben Sie den Code ein, wenn Ihr PDF-Programm nach einem Passwort fragt.',
  'email.replaces': 'Diese Zugangsdaten ersetzen alle früher gesendeten.',
  'email.revoked': 'Ihre bisherigen Zugangsdaten gelten nicht mehr. Die Internetverbindung an diesem Standort, auch laufende Telefongespräche, ist unterbrochen, bis Sie die neuen Zugangsdaten im Router eingeben. Das gilt auch, wenn Easy Login aktiviert ist.',
  'email.router': 'So geht es weiter: Öffnen Sie die Oberfläche Ihres Routers, gehen Sie zu den Internet- oder Zugangsdaten, tragen Sie den Benutzernamen und das Passwort aus der PDF-Datei ein und speichern Sie. Danach baut der Router die Verbindung wieder auf.',
  'email.notYou': 'Wenn Sie keine neuen Zugangsdaten angefordert haben, melden Sie sich bitte sofort bei {supportEmail}.',
  'email.contractLabel': 'Vertrag',
  'email.siteLabel': 'Standort',
  'email.usernameLabel': 'Benutzername',
  'sms': '{brand}: Code für die PDF-Datei {file} mit Ihren neuen Internet-Zugangsdaten (Vertrag {contractNumber}, {site}): {code}',
  // The problems' `detail`: why a contract cannot get new credentials, in words, and what to do.
  'ineligible.no_access_line': 'Der Vertrag {contract} ({contractNumber}) hat keinen Anschluss und damit keine Internet-Zugangsdaten. Neue Zugangsdaten gibt es nur für Verträge mit Anschluss.',
  'ineligible.contract_type': 'Für den Vertrag {contract} ({contractNumber}) lassen sich hier keine neuen Internet-Zugangsdaten erstellen. Das geht für CompanyFlex Complete, CompanyFlex MSN Complete, CompanyFlex Access Plus, Cloud PBX Hauptstandortvertrag und Cloud PBX Filialvertrag. Bitte wenden Sie sich an den Kundenservice.',
  'ineligible.contract_ended': 'Der Vertrag {contract} ({contractNumber}) ist beendet. Für beendete Verträge gibt es keine neuen Internet-Zugangsdaten.',
  'ineligible.no_credentials': 'Für den Vertrag {contract} ({contractNumber}) sind noch keine Internet-Zugangsdaten eingerichtet, die sich ersetzen ließen. Der Anschluss wird gerade eingerichtet. Bitte versuchen Sie es später erneut oder wenden Sie sich an den Kundenservice.',
  'unavailable.detail': 'Neue Internet-Zugangsdaten lassen sich gerade nicht einrichten. Es wurde nichts geändert: Ihre bisherigen Zugangsdaten gelten weiter. Bitte versuchen Sie es später erneut oder wenden Sie sich an den Kundenservice.',
  'budget.detail': 'An diese E-Mail-Adresse oder Mobilfunk-Rufnummer wurden in der letzten Stunde schon viele Nachrichten mit Zugangsdaten gesendet. Neue Zugangsdaten können Sie wieder ab {when} erstellen. Es wurde nichts geändert: Ihre bisherigen Zugangsdaten gelten weiter.',
  'limit.detail': 'Für diesen Vertrag wurden in den letzten 24 Stunden schon {max}-mal neue Internet-Zugangsdaten erstellt. Neue Zugangsdaten können Sie wieder ab {when} erstellen. Bis dahin gelten die zuletzt gesendeten.',
} as const;
