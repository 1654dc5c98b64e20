import type { Meta, StoryObj } from '@storybook/web-components';
import { html, nothing } from 'lit';

type Args = { variant: 'primary' | 'secondary' | 'link'; busy: boolean; disabled: boolean; text: string; pressed?: boolean; href?: string };

const meta: Meta<Args> = {
  title: 'Primitives/Button',
  component: 'tk-button',
  args: { variant: 'primary', busy: false, disabled: false, text: 'Weiter' },
  argTypes: { variant: { control: 'inline-radio', options: ['primary', 'secondary', 'link'] } },
  render: (a) => html`<tk-button variant=${a.variant} ?busy=${a.busy} ?disabled=${a.disabled} .pressed=${a.pressed} href=${a.href ?? nothing}>${a.text}</tk-button>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Primary: Story = {};
export const Secondary: Story = { args: { variant: 'secondary', text: 'Zurück' } };
export const Link: Story = { args: { variant: 'link', text: 'Ändern' } };
export const Busy: Story = { args: { busy: true, text: 'Zahlungspflichtigen Vertrag schließen' } };
export const Disabled: Story = { args: { disabled: true } };
/** A toggle: `pressed` is said as `aria-pressed` and shown as a box. */
export const Toggle: Story = { args: { variant: 'link', pressed: true, text: 'Passwort anzeigen' } };
/** A link that looks like a button. */
export const AsLink: Story = { args: { href: '#login', text: 'Jetzt anmelden' } };
