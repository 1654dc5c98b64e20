import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
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
