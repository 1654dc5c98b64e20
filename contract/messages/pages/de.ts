/** The BFF's own pages (`bff/pages/`), beside the confirmation texts they share with `<tk-confirm>`. */
export default {
  'setPassword.title': 'Passwort festlegen',
} as const;
