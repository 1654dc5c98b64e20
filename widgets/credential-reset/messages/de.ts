// German texts of `<tk-credential-reset>` (seed 003). The builder replaces these.
export default {
  heading: 'Neue Internet-Zugangsdaten',
};
