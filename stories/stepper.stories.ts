import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

const steps = [
  { id: 'type', label: 'Kontotyp' },
  { id: 'person', label: 'Persönliche Daten' },
  { id: 'payment', label: 'Tarif und Zahlung' },
  { id: 'terms', label: 'AGB' },
  { id: 'review', label: 'Prüfen' },
];
type Args = { current: number };

const meta: Meta<Args> = {
  title: 'Primitives/Stepper',
  component: 'tk-stepper',
  args: { current: 0 },
  argTypes: { current: { control: { type: 'range', min: 0, max: 4 } } },
  render: (a) => html`<tk-stepper .steps=${steps} current=${a.current}></tk-stepper>`,
};
export default meta;
type Story = StoryObj<Args>;

export const FirstStep: Story = {};
export const Middle: Story = { args: { current: 2 } };
export const LastStep: Story = { args: { current: 4 } };
