import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

const countries = [
  { value: 'DE', label: 'Deutschland' },
  { value: 'AT', label: 'Österreich' },
  { value: 'CH', label: 'Schweiz' },
];
type Args = { label: string; value: string; error: string; required: boolean; disabled: boolean };

const meta: Meta<Args> = {
  title: 'Primitives/Select',
  component: 'tk-select',
  args: { label: 'Land', value: '', error: '', required: true, disabled: false },
  render: (a) => html`<form>
    <tk-select name="country" label=${a.label} .options=${countries} .value=${a.value} error=${a.error} ?required=${a.required} ?disabled=${a.disabled}></tk-select>
  </form>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};
export const Filled: Story = { args: { value: 'AT' } };
export const Invalid: Story = { args: { error: 'Bitte füllen Sie dieses Feld aus.' } };
export const Disabled: Story = { args: { value: 'DE', disabled: true } };
