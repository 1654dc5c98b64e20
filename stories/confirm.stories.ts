import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import type { TkConfirm } from '../widgets/confirm/confirm.js';

/** The confirmation page's states; the fake BFF answers by token. */
async function press(root: HTMLElement) {
  const el = root.querySelector<TkConfirm>('tk-confirm')!;
  await el.updateComplete;
  el.shadowRoot!.querySelector('tk-button')!.shadowRoot!.querySelector('button')!.click();
  await new Promise((r) => setTimeout(r, 50));
}

const meta: Meta<{ token: string; press: boolean }> = {
  title: 'Widgets/Confirm',
  component: 'tk-confirm',
  args: { token: 'ok-token-0123456789abcdef', press: false },
  render: (a) => html`<tk-confirm token=${a.token}></tk-confirm>`,
  play: async ({ canvasElement, args }) => {
    if (args.press) await press(canvasElement);
  },
};
export default meta;
type Story = StoryObj<{ token: string; press: boolean }>;

export const Ready: Story = {};
export const Confirmed: Story = { args: { press: true } };
export const AlreadyConfirmed: Story = { args: { token: 'used-token-0123456789abcdef', press: true } };
export const Expired: Story = { args: { token: 'expired-token-0123456789abcdef', press: true } };
export const Superseded: Story = { args: { token: 'superseded-token-0123456789abcdef', press: true } };
export const MissingToken: Story = { args: { token: '' }, render: () => html`<tk-confirm token=""></tk-confirm>` };
