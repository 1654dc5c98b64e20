import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { type FakeFactors, useFakeFactors } from './fake-kit.js';
import { type Step, walk } from './portal-steps.js';

/**
 * "Mein Profil" with a logged-in session, and without one (it shows the login). The fake BFF: the password
 * `richtig` is right (step-up, change password); the new password `passwortpasswort` is a common one; the
 * address `abgelaufen@firma.example` finds the step-up run out.
 */
const meta: Meta<{ steps: Step[] }> = {
  title: 'Widgets/Profile',
  component: 'tk-profile',
  args: { steps: [] },
  parameters: { session: true },
  render: () => (useFakeFactors('sms'), html`<tk-profile></tk-profile>`),
  play: async ({ canvasElement, args }) => {
    await import('../widgets/portal/factors.js'); // the factors' section, there before the first step
    await walk(canvasElement, 'tk-profile', args.steps);
  },
};
export default meta;
type Story = StoryObj<{ steps: Step[] }>;

const email: Step[] = [{ press: /E-Mail-Adresse ändern|Change e-mail/ }];
const confirmed: Step[] = [{ type: ['current-password', 'richtig'] }];
const mobile: Step[] = [{ press: /Mobilnummer ändern|Change mobile/ }, ...confirmed, { type: ['tel', '0171 9876543'] }, { submit: true }];
const password: Step[] = [{ press: /Passwort ändern|Change password/ }];
const newPassword = (current: string, next: string, repeat = next): Step[] => [
  ...password,
  { type: ['current-password', current] },
  { type: ['new-password', next] },
  { type: ['new-password', repeat, 1] },
  { submit: true },
];

export const Profile: Story = {};
export const LoggedOut: Story = { parameters: { session: false } };
export const SessionExpired: Story = { parameters: { session: 'expired' } };
/** The change form asks for the current password first: one short prompt, in the same form (the step-up). */
export const ChangeEmail: Story = { args: { steps: email } };
export const ChangeEmailInvalid: Story = { args: { steps: [...email, ...confirmed, { type: ['email', 'kein-at'] }, { submit: true }] } };
export const StepUpWrongPassword: Story = { args: { steps: [...email, { type: ['current-password', 'falsch'] }, { type: ['email', 'neu@firma.example'] }, { submit: true }] } };
/** The server found the step-up run out (5 minutes): the password prompt is back. */
export const StepUpExpired: Story = { args: { steps: [...email, ...confirmed, { type: ['email', 'abgelaufen@firma.example'] }, { submit: true }] } };
/** "Link sent": a success banner, announced once. */
export const EmailLinkSent: Story = { args: { steps: [...email, ...confirmed, { type: ['email', 'neu@firma.example'] }, { submit: true }] } };
/** Within 5 minutes of a step-up, no second password prompt. */
export const SecondChangeWithoutPrompt: Story = { args: { steps: [...email, ...confirmed, { type: ['email', 'neu@firma.example'] }, { submit: true }, { press: /Mobilnummer ändern|Change mobile/ }] } };
export const ChangePassword: Story = { args: { steps: password } };
export const ChangePasswordRules: Story = { args: { steps: newPassword('richtig', 'zu kurz', 'anders') } };
export const ChangePasswordWrongCurrent: Story = { args: { steps: newPassword('falsch', 'blaue Berge im Abendlicht') } };
export const ChangePasswordCommon: Story = { args: { steps: newPassword('richtig', 'passwortpasswort') } };
export const PasswordChanged: Story = { args: { steps: newPassword('richtig', 'blaue Berge im Abendlicht') } };
/** "Logged out": the profile's success banner above the login. */
export const LoggedOutBanner: Story = { args: { steps: [{ press: /Abmelden|Log out/ }] } };
export const MobilePin: Story = { args: { steps: mobile } };
export const MobileWrongPin: Story = { args: { steps: [...mobile, { type: ['one-time-code', '000000'] }, { submit: true }] } };
export const MobileResendLimited: Story = {
  args: { steps: [...mobile, { skip: 31 }, { press: /Neuen Code|new code/ }, { skip: 31 }, { press: /Neuen Code|new code/ }] },
};
/** "Mobile saved": a success banner, announced once. */
export const MobileChanged: Story = { args: { steps: [...mobile, { type: ['one-time-code', '123456'] }, { submit: true }] } };

// Second factors: the section "Anmeldung und Sicherheit". The fake BFF's starting points are in `fake-kit.ts`
// (`useFakeFactors`); the app's code `000000` is wrong.
/** The browser's own passkey creation, back after the story that stubs it. */
const create = navigator.credentials?.create;
const factors = (preset: FakeFactors, steps: Step[] = []): Story => ({
  args: { steps },
  render: () => {
    useFakeFactors(preset);
    if (create) navigator.credentials.create = create;
    return html`<tk-profile></tk-profile>`;
  },
});
const addApp: Step[] = [{ press: /Authenticator-App einrichten|Set up an authenticator/ }, ...confirmed, { submit: true }];

/** Two passkeys (one synced), the app, SMS and 7 recovery codes left. */
export const FactorsAll = factors('all');
/** Only a passkey: no mobile number, so no SMS. */
export const FactorsPasskeyOnly = factors('passkeyOnly');
/** No mobile number: "add" instead of "change", and the authenticator app as the second step. */
export const NoMobile = factors('noMobile');
/** Every change asks the password first (the step-up, 5 minutes). */
export const AddPasskeyStepUp = factors('sms', [{ press: /Passkey hinzufügen|Add a passkey/ }]);
/** Waiting for the device (fingerprint, face, PIN): the button is busy (here the device never answers). */
export const AddPasskeyBusy: Story = {
  args: { steps: [{ press: /Passkey hinzufügen|Add a passkey/ }, ...confirmed, { submit: true }] },
  render: () => {
    useFakeFactors('sms');
    navigator.credentials.create = () => new Promise(() => {});
    return html`<tk-profile></tk-profile>`;
  },
};
/** The app: QR code, the key in groups of 4 for typing, the first code. */
export const AuthenticatorAppQr = factors('sms', addApp);
export const AuthenticatorAppWrongCode = factors('sms', [...addApp, { type: ['one-time-code', '000000'] }, { submit: true }]);
/** The first factor besides SMS: the recovery codes, shown this once. */
export const RecoveryCodesShown = factors('sms', [...addApp, { type: ['one-time-code', '123456'] }, { submit: true }]);
export const NewRecoveryCodes = factors('all', [{ press: /Neue Codes erstellen|Create new codes/ }, ...confirmed, { submit: true }]);
/** The last way to confirm a login is not removed: the refusal says what to do first. */
export const LastFactorRefused = factors('passkeyOnly', [{ press: /Entfernen|Remove/ }, ...confirmed, { submit: true }]);
export const RemoveApp = factors('all', [{ press: /Entfernen Authenticator|Remove Authenticator/ }]);
/** SMS sign-in turned off: the number stays for notices, "einschalten" brings it back. */
export const SmsSignInOff: Story = { ...factors('smsOff'), name: 'SMS sign-in off' };
/** Turning SMS sign-in off says what follows, and asks the password first. */
export const TurnOffSms: Story = { ...factors('all', [{ press: /SMS-Anmeldung ausschalten|Turn off SMS/ }]), name: 'Turn off SMS sign-in' };
