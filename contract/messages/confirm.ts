import type { Locale } from '../enums.js';

/** The confirmation page's texts, for `<tk-confirm>` and the BFF's fallback page alike. */
export const confirmTexts = {
  de: {
    title: 'Anmeldung bestätigen',
    intro: 'Bitte bestätigen Sie Ihre E-Mail-Adresse. Danach richten wir Ihr Konto ein und senden Ihnen Ihre Zugangsdaten.',
    button: 'Anmeldung bestätigen',
    confirmed: 'Vielen Dank! Ihr Konto ist eingerichtet. Ihre Zugangsdaten und einen Link zum Festlegen Ihres Passworts haben wir Ihnen per E-Mail geschickt.',
    already_confirmed: 'Diese Anmeldung ist bereits bestätigt. Ihre Zugangsdaten haben wir Ihnen per E-Mail geschickt.',
    resend: 'Neuen Link anfordern',
    sent: 'Wir haben Ihnen einen neuen Link geschickt. Er gilt 24 Stunden.',
    missing: 'Der Link ist unvollständig. Bitte öffnen Sie ihn noch einmal aus der E-Mail.',
    email_title: 'E-Mail-Adresse bestätigen',
    email_intro: 'Bitte bestätigen Sie, dass wir Ihnen künftig an diese Adresse schreiben sollen.',
    email_button: 'E-Mail-Adresse bestätigen',
    email_confirmed: 'Vielen Dank! Ihre neue E-Mail-Adresse gilt ab sofort.',
    email_already_confirmed: 'Diese E-Mail-Adresse ist bereits bestätigt.',
  },
  en: {
    title: 'Confirm your signup',
    intro: 'Please confirm your e-mail address. Then we set up your account and send you your details.',
    button: 'Confirm signup',
    confirmed: 'Thank you! Your account is ready. We have sent you your details and a link to set your password by e-mail.',
    already_confirmed: 'This signup is confirmed already. We have sent you your details by e-mail.',
    resend: 'Request a new link',
    sent: 'We have sent you a new link. It is valid for 24 hours.',
    missing: 'The link is incomplete. Please open it again from the e-mail.',
    email_title: 'Confirm your e-mail address',
    email_intro: 'Please confirm that we should write to this address from now on.',
    email_button: 'Confirm e-mail address',
    email_confirmed: 'Thank you! Your new e-mail address holds from now on.',
    email_already_confirmed: 'This e-mail address is confirmed already.',
  },
} satisfies Record<Locale, Record<string, string>>;
