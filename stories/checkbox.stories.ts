import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

type Args = { checked: boolean; error: string; required: boolean; disabled: boolean };

const meta: Meta<Args> = {
  title: 'Primitives/Checkbox',
  component: 'tk-checkbox',
  args: { checked: false, error: '', required: true, disabled: false },
  render: (a) => html`<form>
    <tk-checkbox name="terms" label="AGB" required-code="terms_required" ?checked=${a.checked} error=${a.error} ?required=${a.required} ?disabled=${a.disabled}>
      Ich akzeptiere die <a href="https://demo-reseller.example/agb">AGB (Fassung 2026-01)</a> und die
      <a href="https://demo-reseller.example/datenschutz">Datenschutzhinweise</a>.
    </tk-checkbox>
  </form>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};
export const Filled: Story = { args: { checked: true } };
export const Invalid: Story = { args: { error: 'Bitte bestätigen Sie die AGB und die Datenschutzhinweise.' } };
export const Disabled: Story = { args: { checked: true, disabled: true } };
