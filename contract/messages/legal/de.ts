/**
 * Legal wording, word for word: what the customer sees is what the BFF stores as evidence. Change a
 * text only with the lawyer's blessing, and in every locale at once.
 */
export default {
  'mandate.core':
    'SEPA-Lastschriftmandat: Ich ermächtige {creditor}, Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die von {creditor} auf mein Konto gezogenen Lastschriften einzulösen. Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen. Die Mandatsreferenz wird mir vor der ersten Lastschrift mitgeteilt.',
  'mandate.b2b':
    'SEPA-Firmenlastschrift-Mandat: Wir ermächtigen {creditor}, Zahlungen von unserem Konto mittels Lastschrift einzuziehen. Zugleich weisen wir unser Kreditinstitut an, die von {creditor} auf unser Konto gezogenen Lastschriften einzulösen. Hinweis: Dieses Lastschriftmandat dient nur dem Einzug von Lastschriften, die auf Konten von Unternehmen gezogen sind. Wir sind nicht berechtigt, nach der erfolgten Einlösung eine Erstattung des belasteten Betrages zu verlangen. Wir sind berechtigt, unser Kreditinstitut bis zum Fälligkeitstag anzuweisen, Lastschriften nicht einzulösen. Die Mandatsreferenz wird uns vor der ersten Lastschrift mitgeteilt.',
  'mandate.accept.core': 'Ich erteile das SEPA-Lastschriftmandat (Wortlaut oben).',
  'mandate.accept.b2b': 'Wir erteilen das SEPA-Lastschriftmandat für Firmenlastschriften (Wortlaut oben).',
  /** § 312j (3) BGB: for consumers the button must say that ordering obliges to pay. */
  'order.pay': 'Zahlungspflichtigen Vertrag schließen',
  'order.submit': 'Absenden',
  'terms.consent': 'Ich akzeptiere die {terms} (Fassung {version}) und habe die {privacy} gelesen.',
  'terms.link': 'AGB',
  'privacy.link': 'Datenschutzhinweise',
} as const;
