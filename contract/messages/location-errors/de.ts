/**
 * Field error messages of the locations flow (`tk-locations`, "Standortverwaltung"), by code: in the BFF's
 * problem+json `errors[].message` and at the widget's fields. Each says how to go on.
 */
export default {
  customer_number_unknown: 'Zu dieser Kundennummer finden wir kein Konto. Prüfen Sie die Kundennummer auf der Rechnung oder im Kundenportal des anderen Kontos.',
  own_account: 'Das ist die Kundennummer Ihres eigenen Kontos. Bitte geben Sie die Kundennummer des Kontos ein, das Sie als Standort verknüpfen möchten.',
  not_business: 'Als Standort lassen sich nur Geschäftskonten verknüpfen. Dieses Konto ist ein Privat- oder Berufskonto.',
  account_inactive: 'Dieses Konto ist gekündigt und lässt sich nicht mehr verknüpfen. Prüfen Sie die Kundennummer.',
  no_portal_admin: 'Dieses Konto hat noch keinen Zugang zum Kundenportal, an den wir den Code senden könnten. Bitten Sie die Verantwortlichen des Kontos, zuerst den Zugang einzurichten.',
  already_linked_here: 'Dieses Konto ist bereits als Standort mit Ihrem Hauptaccount verknüpft. Sie finden es in der Liste.',
  already_linked: 'Dieses Konto ist bereits mit einem anderen Hauptaccount verknüpft. Es muss dort zuerst gelöst werden.',
  has_sub_accounts: 'Dieses Konto hat eigene Standorte und ist damit selbst ein Hauptaccount. Ein Hauptaccount kann kein Standort eines anderen werden.',
  location_intent_invalid: 'Die Bestellung eines neuen Standorts ist ungültig, abgelaufen oder wurde schon verwendet. Bitte starten Sie sie noch einmal unter „Neuen Standort bestellen“.',
} as const;
