import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { type Step, walk } from './portal-steps.js';

/** The portal login's states. The fake BFF: password `richtig` is right; PIN `000000` wrong, `999999` locked, `111111` expired. */
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
export const PinStep: Story = { args: { steps: credentials() } };
export const WrongPin: Story = { args: { steps: pin('000000') } };
export const PinLocked: Story = { args: { steps: pin('999999') } };
export const PinExpired: Story = { args: { steps: pin('111111') } };
export const PinResent: Story = { args: { steps: [...credentials(), { press: /Neuen Code|new code/ }] } };
export const LoggedIn: Story = { args: { steps: pin('123456') } };
export const ForgotPassword: Story = { args: { steps: [{ press: /vergessen|Forgot/ }] } };
export const ForgotPasswordSent: Story = { args: { steps: [{ press: /vergessen|Forgot/ }, { type: ['username', 'max.muster'] }, { submit: true }] } };
