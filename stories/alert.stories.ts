import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

type Args = { variant: 'info' | 'success' | 'warning' | 'error'; heading: string; text: string };

const meta: Meta<Args> = {
  title: 'Primitives/Alert',
  component: 'tk-alert',
  args: { variant: 'info', heading: '', text: 'Wir haben Ihnen eine E-Mail geschickt.' },
  argTypes: { variant: { control: 'inline-radio', options: ['info', 'success', 'warning', 'error'] } },
  render: (a) => html`<tk-alert variant=${a.variant} heading=${a.heading}><p>${a.text}</p></tk-alert>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Info: Story = {};
export const Success: Story = { args: { variant: 'success', heading: 'Geschafft', text: 'Bitte bestätigen Sie Ihre E-Mail-Adresse.' } };
export const Warning: Story = {
  args: { variant: 'warning', heading: 'Achtung', text: 'Die aktuellen Zugangsdaten werden sofort ungültig; laufende Gespräche brechen ab.' },
};
export const Error: Story = { args: { variant: 'error', heading: 'Bitte prüfen Sie Ihre Eingaben.', text: 'Die IBAN ist ungültig.' } };
