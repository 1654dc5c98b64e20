import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';

type Args = { label: string; hint: string; value: string; error: string; required: boolean; disabled: boolean; type: string; autocomplete: string; credential: boolean };

const meta: Meta<Args> = {
  title: 'Primitives/Text field',
  component: 'tk-text-field',
  args: { label: 'Nachname', hint: '', value: '', error: '', required: true, disabled: false, type: 'text', autocomplete: 'family-name', credential: false },
  render: (a) => html`<form>
    <tk-text-field name="lastName" label=${a.label} hint=${a.hint} .value=${a.value} error=${a.error} ?required=${a.required} ?disabled=${a.disabled} ?credential=${a.credential} type=${a.type} autocomplete=${a.autocomplete}></tk-text-field>
  </form>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Empty: Story = {};
export const WithHint: Story = { args: { label: 'Mobilnummer', hint: 'Für SMS-PINs, zum Beispiel 0170 1234567', type: 'tel', autocomplete: 'tel' } };
export const Filled: Story = { args: { value: 'Müller' } };
export const Invalid: Story = { args: { value: 'anna@', label: 'E-Mail', type: 'email', autocomplete: 'email', error: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' } };
export const Disabled: Story = { args: { value: 'Müller', disabled: true } };
/** Input, label, hint and error in the light DOM (for password managers), looking the same. */
export const Credential: Story = { args: { credential: true, label: 'Passwort', type: 'password', autocomplete: 'current-password', hint: '12 bis 128 Zeichen' } };
export const CredentialInvalid: Story = { args: { ...Credential.args, value: 'kurz', error: 'Das Passwort muss mindestens 12 Zeichen lang sein.' } };
export const OneTimeCode: Story = { args: { credential: true, label: 'SMS-Code', hint: '6 Ziffern', autocomplete: 'one-time-code', value: '123456' } };
