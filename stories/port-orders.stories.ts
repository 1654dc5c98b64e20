import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import type { PortOrderStatus } from '../contract/porting.js';
import { orderIds, portOrdersKit, type PortOrdersScenario } from './port-orders-fixtures.js';
import { settle } from './portal-steps.js';
import { type Act, play } from './widget-acts.js';

/**
 * A partner agent's port orders, against the fake `/v1/port-orders` (`port-orders-fixtures.ts`): the list
 * in every state, the detail in every status, the cancel confirmation (and too late), the upload refused
 * before sending and done. Each story drives the widget like a user (`widget-acts.ts`); `upload` chooses a
 * file and presses "Hochladen".
 */
type Args = { scenario: PortOrdersScenario; session: 'agent' | 'none' | 'customer'; order: PortOrderStatus | ''; acts: Act[]; upload?: [name: string, type: string, bytes: number] };

const meta: Meta<Args> = {
  title: 'Widgets/Port orders',
  component: 'tk-port-orders',
  args: { scenario: 'orders', session: 'agent', order: '', acts: [] },
  // Its own kit: the demo reseller's partner agent, and the fake BFF's orders for the story's scenario.
  parameters: { noKit: true },
  render: ({ scenario, session, order }, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    const kit = portOrdersKit(locale, scenario, { session });
    return html`<tk-provider no-brand .kit=${kit} lang=${locale}><tk-port-orders order-id=${order ? orderIds[order] : ''}></tk-port-orders></tk-provider>`;
  },
  play: async ({ canvasElement, args }) => {
    const el = canvasElement.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('tk-port-orders');
    if (args.order && el) {
      // The detail first (its chunk and the order load), then the acts.
      for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('.section-title'); i++) await new Promise((r) => setTimeout(r, 20));
    }
    await play(canvasElement, 'tk-port-orders', args.acts);
    if (args.upload && el) {
      const [name, type, bytes] = args.upload;
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="document"]')!;
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(bytes)], name, { type }));
      input.files = files.files;
      input.closest('form')!.requestSubmit();
      await settle(el);
    }
  },
};
export default meta;
type Story = StoryObj<Args>;

const filter = (status: string, q = ''): Act[] => [{ fill: ['status', status] }, { fill: ['q', q] }, { submit: true }];
const cancel: Act[] = [{ press: /^(Auftrag abbrechen|Cancel order)$/ }, { until: /abbrechen\?|^Cancel order/ }];

/** One order in every status, newest first: status in words (its meaning on request), numbers counted, dates in Zurich. */
export const List: Story = {};
/** No orders yet: how to start (the porting wizard). */
export const Empty: Story = { args: { scenario: 'empty' } };
/** Status "Rückfrage": one order, "1 Auftrag" said once. */
export const Filtered: Story = { args: { acts: filter('clarification_needed') } };
/** A search by a number as typed. */
export const Searched: Story = { args: { acts: filter('', '044 123 45 67') } };
/** A search without hits: what to change. */
export const NothingFound: Story = { args: { acts: filter('ported', 'Muster') } };
/** 25 orders: the first 20, then "Weitere laden". */
export const More: Story = { args: { scenario: 'many' } };
export const Loading: Story = { args: { scenario: 'slow' } };
export const LoadError: Story = { args: { scenario: 'error' } };
export const LoggedOut: Story = { args: { session: 'none' } };
/** A customer's administrator, not a partner agent: one sentence, no request. */
export const NotAnAgent: Story = { args: { session: 'customer' } };

/** A draft: "Entwurf fortsetzen" and "Auftrag abbrechen"; no temporary numbers yet. */
export const DetailDraft: Story = { args: { order: 'draft' } };
export const DetailSubmitted: Story = { args: { order: 'submitted' } };
/** The operator's question first and prominent, with "Bearbeiten und erneut einreichen". */
export const DetailClarification: Story = { args: { order: 'clarification_needed' } };
export const DetailApproved: Story = { args: { order: 'approved' } };
/** The confirmed date and time (Zurich). */
export const DetailScheduled: Story = { args: { order: 'scheduled' } };
/** Temporary numbers released; no actions. */
export const DetailPorted: Story = { args: { order: 'ported' } };
/** The reason and the operator's comment in the timeline. */
export const DetailFailed: Story = { args: { order: 'failed' } };
export const DetailRejected: Story = { args: { order: 'rejected' } };
export const DetailCancelled: Story = { args: { order: 'cancelled' } };
/** What a cancel means, with an optional comment; nothing is sent yet. */
export const CancelConfirmation: Story = { args: { order: 'submitted', acts: cancel } };
/** Within 48 hours of the confirmed date: 409 `cancel_too_late`, explained with the date and time. */
export const CancelTooLate: Story = { args: { order: 'scheduled', acts: [...cancel, { submit: true }] } };
/** Cancelled: the detail again with the notice. */
export const Cancelled: Story = { args: { order: 'approved', acts: [...cancel, { fill: ['comment', 'Kunde bleibt beim bisherigen Anbieter.'] }, { submit: true }] } };
/** A 6 MB scan: refused before sending, with how to make it smaller. */
export const UploadTooBig: Story = { args: { order: 'submitted', upload: ['scan.pdf', 'application/pdf', 6 * 1024 * 1024] } };
/** A text file: refused before sending, with the formats that work. */
export const UploadWrongType: Story = { args: { order: 'submitted', upload: ['vollmacht.txt', 'text/plain', 200] } };
/** The signed copy uploaded and listed, said in the status line. */
export const UploadDone: Story = { args: { order: 'submitted', upload: ['vollmacht-unterschrieben.pdf', 'application/pdf', 4096] } };
