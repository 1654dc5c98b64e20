import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { fakePasskeyKit, installSecondFactorFakes, stubPasskeys } from './fake-kit.js';
import { type Step, walk } from './portal-steps.js';

/**
 * The portal login's states. The fake BFF: password `richtig` is right; PIN `000000` wrong, `999999` locked,
 * `111111` expired; a second new code is refused for 90 s. A new code may be asked for 30 s after one was sent
 * (`skip` lets that time pass). The username `limited` is refused with `Retry-After: 109`.
 */
const meta: Meta<{ steps: Step[] }> = {
  title: 'Widgets/Login',
  component: 'tk-login',
  args: { steps: [] },
  render: () => html`<tk-login></tk-login>`,
  play: async ({ canvasElement, args }) => walk(canvasElement, 'tk-login', args.steps),
};
export default meta;
type Story = StoryObj<{ steps: Step[] }>;

const credentials = (password = 'richtig', username = 'max.muster'): Step[] => [{ type: ['username', username] }, { type: ['current-password', password] }, { submit: true }];
const pin = (value: string): Step[] => [...credentials(), { type: ['one-time-code', value] }, { submit: true }];

export const Empty: Story = {};
export const MissingFields: Story = { args: { steps: [{ submit: true }] } };
export const WrongPassword: Story = { args: { steps: credentials('falsch') } };
export const AccountLocked: Story = { args: { steps: credentials('richtig', 'locked') } };
/** A rate limit says the server's Retry-After: "Bitte warten Sie 1 Min. 49 Sek." */
export const RateLimited: Story = { args: { steps: credentials('richtig', 'limited') } };
const resend: Step[] = [{ skip: 31 }, { press: /Neuen Code|new code/ }];

/** The code was sent; the button counts down to when a new one may be asked for. */
export const PinStep: Story = { args: { steps: credentials() } };
export const PinFormat: Story = { args: { steps: pin('12') } };
/** A wrong code: the field says so, the live region how many tries are left. */
export const WrongPin: Story = { args: { steps: pin('000000') } };
/** Too many wrong tries: the code is dead, a new one is the way on. */
export const PinLocked: Story = { args: { steps: [...pin('999999'), { skip: 31 }] } };
export const PinExpired: Story = { args: { steps: pin('111111') } };
export const PinResendAvailable: Story = { args: { steps: [...credentials(), { skip: 31 }] } };
export const PinResent: Story = { args: { steps: [...credentials(), ...resend] } };
/** The server refused another code: the countdown on the button follows its Retry-After (1 Min. 30 Sek.). */
export const PinResendLimited: Story = { args: { steps: [...credentials(), ...resend, ...resend] } };
export const LoggedIn: Story = { args: { steps: pin('123456') } };
/** "Logged out": a success banner, announced once; focus on the login's heading. */
export const LoggedOut: Story = { args: { steps: [...pin('123456'), { press: /Abmelden|Log out/ }] } };
export const ForgotPassword: Story = { args: { steps: [{ press: /vergessen|Forgot/ }] } };
/** "Link sent": a success banner, announced once. */
export const ForgotPasswordSent: Story = { args: { steps: [{ press: /vergessen|Forgot/ }, { type: ['username', 'max.muster'] }, { submit: true }] } };

// Second factors (issue 18). The fake BFF: username `app` has an authenticator app (code `000000` wrong),
// `passkey` a passkey; both have SMS and recovery codes (`AAAA-AAAA-AAAA` wrong). The browser's passkeys
// are stubbed: a chosen passkey signs in, unless its id is `refused`.
installSecondFactorFakes();
const withPasskeys = (id: string | null = 'passkey-1') => ({
  render: (_: unknown, { globals }: { globals: Record<string, unknown> }) => {
    stubPasskeys(id);
    return html`<tk-login .kit=${fakePasskeyKit(globals.locale === 'en' ? 'en' : 'de')}></tk-login>`;
  },
});
const other = (name: RegExp): Step[] => [{ press: name }];

/** Where the tenant's passkeys work: autofill in the username field and "Mit Passkey anmelden". */
export const PasskeyButton: Story = { ...withPasskeys() };
/** A passkey the BFF does not know: the error summary says so. */
export const PasskeyRefused: Story = { ...withPasskeys('refused'), args: { steps: [{ press: /Mit Passkey|with a passkey/ }] } };
/** An account with an authenticator app: its code, no SMS sent, "use another method" below. */
export const AppStep: Story = { args: { steps: credentials('richtig', 'app') } };
export const AppWrongCode: Story = { args: { steps: [...credentials('richtig', 'app'), { type: ['one-time-code', '000000'] }, { submit: true }] } };
/** The account's other factors, in order, with one line each. */
export const RecoveryStep: Story = { args: { steps: [...credentials('richtig', 'app'), ...other(/^(Wiederherstellungscode|Recovery code)$/)] } };
export const RecoveryWrong: Story = { args: { steps: [...credentials('richtig', 'app'), ...other(/^(Wiederherstellungscode|Recovery code)$/), { type: ['off', 'AAAA-AAAA-AAAA'] }, { submit: true }] } };
/** Switched from the app to SMS: the PIN is sent now. */
export const SwitchedToSms: Story = { args: { steps: [...credentials('richtig', 'app'), ...other(/^(SMS-Code|Text message code)$/)] } };
/** An account with a passkey: after the password, a button runs it (never by itself). */
export const PasskeyStep: Story = { ...withPasskeys(), args: { steps: credentials('richtig', 'passkey') } };
/** Too many wrong app codes: the step is locked (as for PINs), the other methods stay. */
export const AppLocked: Story = { args: { steps: [...credentials('richtig', 'app'), { type: ['one-time-code', '999999'] }, { submit: true }] } };
