import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

const accountTypes = [
  { value: 'private', label: 'Privat', description: 'Für Sie persönlich' },
  { value: 'professional', label: 'Beruflich', description: 'Für die Arbeit, bezahlt von Ihnen oder Ihrem Arbeitgeber' },
  { value: 'business', label: 'Firma', description: 'Für ein Unternehmen mit Mitbenutzern' },
];
type Args = { variant: 'list' | 'cards'; value: string; error: string; required: boolean; disabled: boolean };

const meta: Meta<Args> = {
  title: 'Primitives/Radio group',
  component: 'tk-radio-group',
  args: { variant: 'cards', value: '', error: '', required: true, disabled: false },
  argTypes: { variant: { control: 'inline-radio', options: ['list', 'cards'] } },
  render: (a) => html`<form>
    <tk-radio-group name="accountType" label="Kontotyp" variant=${a.variant} .options=${accountTypes} .value=${a.value} error=${a.error} ?required=${a.required} ?disabled=${a.disabled}></tk-radio-group>
  </form>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};
export const Filled: Story = { args: { value: 'professional' } };
export const Invalid: Story = { args: { error: 'Bitte füllen Sie dieses Feld aus.' } };
export const Disabled: Story = { args: { value: 'private', disabled: true } };
export const List: Story = { args: { variant: 'list', value: 'business' } };
