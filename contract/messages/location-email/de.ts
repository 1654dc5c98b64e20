/**
 * The locations flow's e-mails and its SMS ("Standortverwaltung"). `{brand}` is the tenant's name,
 * `{admin}` the name of the main account's admin who asks, `{main}` / `{mainNumber}` the main account's
 * name and customer number, `{sub}` / `{subNumber}` the linked account's, `{pin}` the code.
 */
export default {
  'code.sms':
    '{brand}: {admin} ({main}, Kundennummer {mainNumber}) möchte Ihr Konto {subNumber} als Standort verknüpfen und dann dafür handeln können{invoice}. Code: {pin}. Gilt {hours} Stunden.{replaces} Nur weitergeben, wenn Sie zustimmen.',
  /** In the code SMS when the collective invoice is chosen (after "handeln können"). */
  'code.smsInvoice': ', abgerechnet über die Sammelrechnung',
  /** In the code SMS and e-mail when this code replaces one sent before (a resend, or a new request). */
  'code.replaces': ' Ein vorher gesendeter Code gilt nicht mehr.',
  'code.subject': '{main} möchte Ihr Konto als Standort verknüpfen',
  'code.body': '{admin} von {main} (Kundennummer {mainNumber}) möchte Ihr Konto {sub} (Kundennummer {subNumber}) bei {brand} als Standort mit dem Hauptaccount {main} verknüpfen.',
  'code.means': 'Was die Verknüpfung bedeutet:',
  'code.meansActing': 'Die Administratoren von {main} können dann für Ihr Konto handeln: Mitbenutzer verwalten, Verträge einsehen und ändern, Zugangsdaten zurücksetzen.',
  'code.meansOwnLogin': 'Ihr eigener Zugang zum Kundenportal bleibt bestehen; Sie sehen weiterhin nur Ihr Konto.',
  'code.meansInvoiceOn': 'Ihr Konto wird ab dem 1. des nächsten Monats über die Sammelrechnung von {main} abgerechnet.',
  'code.meansInvoiceOff': 'Ihre Rechnung bleibt wie bisher; eine Sammelrechnung ist nicht gewählt.',
  'code.meansUnlink': 'Die Verknüpfung kann der Hauptaccount jederzeit wieder lösen.',
  'code.replacesMail': 'Dieser Code ersetzt den vorher gesendeten; der ältere Code gilt nicht mehr.',
  'code.codeLabel': 'Code',
  'code.validLabel': 'Gültig',
  'code.valid': '{hours} Stunden, nur einmal',
  'code.consent': 'Wenn Sie einverstanden sind, geben Sie den Code an {admin} weiter. Geben Sie ihn nur weiter, wenn Sie zustimmen. Wenn Sie das nicht möchten, tun Sie nichts; dann wird nichts verknüpft.',
  'linked.subject': 'Ihr Konto ist jetzt ein Standort von {main}',
  'linked.body': 'Ihr Konto {sub} (Kundennummer {subNumber}) ist seit {when} als Standort mit dem Hauptaccount {main} (Kundennummer {mainNumber}) verknüpft. Die Administratoren von {main} können jetzt für Ihr Konto handeln; Ihr eigener Zugang bleibt bestehen.',
  'linked.invoiceOn': 'Ab {from} wird Ihr Konto über die Sammelrechnung von {main} abgerechnet.',
  'ordered.subject': 'Neuer Standort {sub} ist verknüpft',
  'ordered.body': 'Der neue Standort {sub} (Kundennummer {subNumber}) ist bestätigt und mit Ihrem Hauptaccount {main} verknüpft. Sie finden ihn in der Standortverwaltung.',
  'ordered.invoiceOn': 'Ab {from} wird er über Ihre Sammelrechnung abgerechnet.',
  'unlinked.subject': 'Ihr Konto ist kein Standort von {main} mehr',
  'unlinked.body': 'Der Hauptaccount {main} (Kundennummer {mainNumber}) hat die Verknüpfung mit Ihrem Konto {sub} (Kundennummer {subNumber}) am {when} gelöst. Seine Administratoren können nicht mehr für Ihr Konto handeln.',
  'unlinked.invoiceUntil': 'Über die Sammelrechnung von {main} wird Ihr Konto noch bis einschließlich {until} abgerechnet, danach wieder einzeln.',
  // The problem `not_linkable` (409, at code entry): which rule the account no longer meets, in words.
  'notLinkable.already_linked': 'Das Konto {sub} ist inzwischen mit einem anderen Hauptaccount verknüpft. Es muss dort zuerst gelöst werden.',
  'notLinkable.already_linked_here': 'Das Konto {sub} ist bereits als Standort mit Ihrem Hauptaccount verknüpft.',
  'notLinkable.has_sub_accounts': 'Das Konto {sub} hat inzwischen eigene Standorte und ist damit selbst ein Hauptaccount; es kann kein Standort werden.',
  'notLinkable.not_business': 'Das Konto {sub} ist kein Geschäftskonto; nur Geschäftskonten lassen sich als Standort verknüpfen.',
  'notLinkable.account_inactive': 'Das Konto {sub} ist inzwischen gekündigt und lässt sich nicht mehr verknüpfen.',
  'notLinkable.own_account': 'Das Konto {sub} ist Ihr eigenes Konto.',
  'notLinkable.customer_number_unknown': 'Das Konto gibt es nicht mehr.',
} as const;
