import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { FAKE_API, FAKE_KEYS } from './fake-kit.js';

type Args = { publishableKey: string; locale: string };

/** The provider against the fake BFF: loaded, loading, a wrong key, offline. */
const meta: Meta<Args> = {
  title: 'Kit/Provider',
  component: 'tk-provider',
  parameters: { noKit: true },
  args: { publishableKey: FAKE_KEYS.good, locale: 'de' },
  render: (a) => html`<tk-provider api=${FAKE_API} publishable-key=${a.publishableKey} locale=${a.locale}>
    <tk-text-field name="example" label="Ein Feld im Widget"></tk-text-field>
  </tk-provider>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Loading: Story = { args: { publishableKey: FAKE_KEYS.slow } };
export const WrongKey: Story = { args: { publishableKey: FAKE_KEYS.wrong } };
export const Offline: Story = { args: { publishableKey: FAKE_KEYS.offline } };
export const English: Story = { args: { locale: 'en' } };
