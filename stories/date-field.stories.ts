import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

type Args = { value: string; error: string; required: boolean; disabled: boolean };

const meta: Meta<Args> = {
  title: 'Primitives/Date field',
  component: 'tk-date-field',
  args: { value: '', error: '', required: true, disabled: false },
  render: (a) => html`<form>
    <tk-date-field name="birthDate" label="Geburtsdatum" autocomplete-section="bday" .value=${a.value} error=${a.error} ?required=${a.required} ?disabled=${a.disabled}></tk-date-field>
  </form>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};
export const Filled: Story = { args: { value: '1985-03-27' } };
export const Invalid: Story = { args: { value: '2012-05-01', error: 'Sie müssen mindestens 18 Jahre alt sein.' } };
export const Disabled: Story = { args: { value: '1985-03-27', disabled: true } };
