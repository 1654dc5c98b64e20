/** Texts of the acting banner of `<tk-provider>` in German, the source of every key. */
export default {
  label: 'Standort',
  text: 'Sie handeln für Standort {name} ({customerNumber}).',
  by: 'Angemeldet als {actor} im Hauptaccount {main} ({mainNumber}). Alles, was Sie jetzt tun, gilt für diesen Standort.',
  back: 'Zurück zum Hauptaccount',
} as const;
