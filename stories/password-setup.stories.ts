import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { installSecondFactorFakes, stubPasskeys } from './fake-kit.js';
import { type Step, walk } from './portal-steps.js';

/** Setting a password from the e-mail link. The fake BFF: token `expired…` has expired; `passwortpasswort` is a common password. */
const meta: Meta<{ token: string; steps: Step[] }> = {
  title: 'Widgets/Password setup',
  component: 'tk-password-setup',
  args: { token: 'good-token-0123456789', steps: [] },
  render: (a) => html`<tk-password-setup token=${a.token} login-url="#login"></tk-password-setup>`,
  play: async ({ canvasElement, args }) => walk(canvasElement, 'tk-password-setup', args.steps),
};
export default meta;
type Story = StoryObj<{ token: string; steps: Step[] }>;

const passwords = (first: string, second = first): Step[] => [{ type: ['new-password', first, 0] }, { type: ['new-password', second, 1] }, { submit: true }];
const good = passwords('ein langes gutes Passwort');

export const Empty: Story = {};
export const TooShortAndMismatch: Story = { args: { steps: passwords('zu kurz', 'anders') } };
export const CommonPassword: Story = { args: { steps: passwords('passwortpasswort') } };
export const ExpiredLink: Story = { args: { token: 'expired-token-0123456789', steps: good } };
export const MissingToken: Story = { args: { token: '' }, render: () => html`<tk-password-setup token=""></tk-password-setup>` };
export const PinStep: Story = { args: { steps: good } };
export const WrongPin: Story = { args: { steps: [...good, { type: ['one-time-code', '000000'] }, { submit: true }] } };
export const PinLocked: Story = { args: { steps: [...good, { type: ['one-time-code', '999999'] }, { submit: true }] } };
export const PinResent: Story = { args: { steps: [...good, { skip: 31 }, { press: /Neuen Code|new code/ }] } };
export const Success: Story = { args: { steps: [...good, { type: ['one-time-code', '123456'] }, { submit: true }] } };

// Second factors (issue 18): an account without a mobile number (token `nomobile…`) adds a passkey or an
// authenticator app (first code `000000` wrong), then keeps its recovery codes. The browser's passkeys are stubbed.
installSecondFactorFakes();
const noMobile = { token: 'nomobile-token-0123456789' };
const choose = (value: 'passkey' | 'totp'): Step[] => [{ check: value }, { press: /^(Weiter|Continue)$/ }];

/** The choice: passkey or app, explained in plain words. */
export const EnrolChoice: Story = { args: { ...noMobile, steps: good } };
export const EnrolNothingChosen: Story = { args: { ...noMobile, steps: [...good, { press: /^(Weiter|Continue)$/ }] } };
/** While the browser asks to save the passkey. */
export const EnrolPasskeyBusy: Story = {
  args: { ...noMobile, steps: [...good, ...choose('passkey')] },
  render: (a) => {
    stubPasskeys('passkey-1', { wait: true });
    return html`<tk-password-setup token=${a.token} login-url="#login"></tk-password-setup>`;
  },
};
/** The app: QR code and the key in groups of 4, then its first code. */
export const EnrolApp: Story = { args: { ...noMobile, steps: [...good, ...choose('totp')] } };
export const EnrolAppWrongCode: Story = { args: { ...noMobile, steps: [...good, ...choose('totp'), { type: ['one-time-code', '000000'] }, { submit: true }] } };
/** The 10 recovery codes, visible only now: copy, download, and "kept safe" before going on. */
export const RecoveryCodes: Story = { args: { ...noMobile, steps: [...good, ...choose('totp'), { type: ['one-time-code', '123456'] }, { submit: true }] } };
export const RecoveryCodesNotConfirmed: Story = {
  args: { ...noMobile, steps: [...good, ...choose('totp'), { type: ['one-time-code', '123456'] }, { submit: true }, { press: /^(Weiter|Continue)$/ }] },
};
