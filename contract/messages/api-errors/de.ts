/**
 * Field error messages that only the API gives (schema shapes, keys, webhook URLs, origins, embed
 * sessions), by code, for problem+json `errors[].message`. No widget checks these itself, so they are not
 * in the widgets' shared catalogue (`field-errors`): a widget shows the message the BFF sends.
 */
export default {
  invalid_type: 'Dieser Wert hat das falsche Format.',
  too_small: 'Der Wert ist zu klein.',
  too_big: 'Der Wert ist zu groß.',
  invalid_url: 'Bitte geben Sie eine gültige Adresse (URL) ein.',
  invalid_origin: 'Bitte geben Sie einen Ursprung wie https://shop.example.com an (ohne Pfad und ohne Schrägstrich am Ende).',
  url_not_https: 'Bitte geben Sie eine Adresse mit https:// an.',
  url_not_public: 'Diese Adresse zeigt auf ein internes Netz (privat, lokal oder reserviert). Bitte geben Sie eine öffentlich erreichbare Adresse an.',
  url_unresolvable: 'Der Servername dieser Adresse lässt sich nicht auflösen. Bitte prüfen Sie die Adresse.',
  one_change: 'Bitte ändern Sie entweder die E-Mail-Adresse oder die Mobilnummer.',
  one_subject: 'Bitte geben Sie entweder den Benutzernamen oder die Kundennummer an.',
  duplicate: 'Jeder Eintrag darf nur einmal vorkommen.',
  unknown_field: 'Dieses Feld ist hier nicht vorgesehen.',
  consent_required: 'Bitte bestätigen Sie mit dem Kontrollkästchen, dass wir Ihre E-Mail-Adresse und Mobilfunk-Rufnummer für die neuen Zugangsdaten verwenden dürfen.',
} as const;
