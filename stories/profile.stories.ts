import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { type Step, walk } from './portal-steps.js';

/** "Benutzerverwaltung" with a logged-in session, and without one (it shows the login). */
const meta: Meta<{ steps: Step[] }> = {
  title: 'Widgets/Profile',
  component: 'tk-profile',
  args: { steps: [] },
  parameters: { session: true },
  render: () => html`<tk-profile></tk-profile>`,
  play: async ({ canvasElement, args }) => walk(canvasElement, 'tk-profile', args.steps),
};
export default meta;
type Story = StoryObj<{ steps: Step[] }>;

const email: Step[] = [{ press: /E-Mail-Adresse ändern|Change e-mail/ }];
const mobile: Step[] = [{ press: /Mobilnummer ändern|Change mobile/ }, { type: ['tel', '0171 9876543'] }, { submit: true }];

export const Profile: Story = {};
export const LoggedOut: Story = { parameters: { session: false } };
export const SessionExpired: Story = { parameters: { session: 'expired' } };
export const ChangeEmail: Story = { args: { steps: email } };
export const ChangeEmailInvalid: Story = { args: { steps: [...email, { type: ['email', 'kein-at'] }, { submit: true }] } };
export const EmailLinkSent: Story = { args: { steps: [...email, { type: ['email', 'neu@firma.example'] }, { submit: true }] } };
export const MobilePin: Story = { args: { steps: mobile } };
export const MobileWrongPin: Story = { args: { steps: [...mobile, { type: ['one-time-code', '000000'] }, { submit: true }] } };
export const MobileResendLimited: Story = {
  args: { steps: [...mobile, { skip: 31 }, { press: /Neuen Code|new code/ }, { skip: 31 }, { press: /Neuen Code|new code/ }] },
};
export const MobileChanged: Story = { args: { steps: [...mobile, { type: ['one-time-code', '123456'] }, { submit: true }] } };
