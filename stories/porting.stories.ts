import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CLARIFY_ID, draftId, portingKit, type PortingScenario, SUBMITTED_ID } from './porting-fixtures.js';
import { type Act, play } from './widget-acts.js';

/**
 * "Rufnummern mitnehmen": a partner agent's port order, against the fake BFF of `porting-fixtures.ts`
 * (options, customers, drafts, submission). Each story opens the wizard where it shows something: a draft
 * saved up to a step opens at the next one (`order-id`), and acts like a user (`widget-acts.ts`).
 */
type Args = { scenario: PortingScenario | 'loggedOut' | 'notAgent'; orderId: string | undefined; acts: Act[] };

const meta: Meta<Args> = {
  title: 'Widgets/Porting',
  component: 'tk-porting',
  args: { scenario: 'fresh', orderId: undefined, acts: [] },
  parameters: { noKit: true },
  render: ({ scenario, orderId }, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    return html`<tk-provider no-brand .kit=${portingKit(locale, scenario)} lang=${locale}><tk-porting order-id=${ifDefined(orderId)}></tk-porting></tk-provider>`;
  },
  play: async ({ canvasElement, args }) => play(canvasElement, 'tk-porting', args.acts),
};
export default meta;
type Story = StoryObj<Args>;

const newCustomer: Act[] = [{ fill: ['customerMode', 'new'] }];
const submit: Act[] = [{ press: /Auftrag einreichen|Submit order/ }];

/** Step 1: an existing customer of the reseller, found by name. */
export const Customer: Story = {};
/** Step 1: a new customer, with the Zefix hint at the company name and the UID. */
export const NewCustomer: Story = { args: { acts: newCustomer } };
/** Step 1 sent empty: every required field in the summary and at its field. */
export const CustomerRequired: Story = { args: { acts: [...newCustomer, { submit: true }] } };
/** A UID whose check digit is wrong, and the BFF refusing the postal code `0000`. */
export const CustomerErrors: Story = {
  args: {
    acts: [
      ...newCustomer,
      ...(
        [
          ['customer.companyName', 'Müller & Söhne AG'],
          ['customer.street', 'Marktgasse 3'],
          ['customer.postalCode', '0000'],
          ['customer.city', 'Bern'],
          ['customer.contactName', 'Jürg Müller'],
          ['customer.invoiceEmail', 'rechnung@mueller.example'],
          ['customer.phone', '031 310 10 10'],
          ['customer.uid', 'CHE-116.281.710'],
        ] as const
      ).map(([name, value]): Act => ({ fill: [name, value] })),
      { submit: true },
    ],
  },
};
/** Step 2: product and "Ab Datum" (billing start), with the note that go-live is coordinated with the provider. */
export const Subscription: Story = { args: { orderId: draftId(1) } };
/** Step 2 sent without a start date. */
export const SubscriptionRequired: Story = { args: { orderId: draftId(1), acts: [{ fill: ['subscription.startDate', ''] }, { submit: true }] } };
/** A draft saved up to the subscription, reopened: it continues at the numbers step with its data. */
export const DraftAtNumbers: Story = { args: { orderId: draftId(2) } };
/** Step 4: one row to start, the login suggested from the name, the support login, the price preview. */
export const Workplaces: Story = { args: { orderId: draftId(3), acts: [{ fill: ['workplaces.rows.0.displayName', 'Jürg Müller'] }] } };
/** A login used twice in the order, and one that breaks the rules. */
export const WorkplacesErrors: Story = {
  args: {
    orderId: draftId(3),
    acts: [
      { fill: ['workplaces.rows.0.displayName', 'Jürg Müller'] },
      { press: /Arbeitsplatz hinzufügen|Add a workplace/ },
      { fill: ['workplaces.rows.1.loginName', 'Juerg.Mueller'] },
      { fill: ['workplaces.supportLogin.loginName', 'x'] },
      { submit: true },
    ],
  },
};
/** Step 5: every section with "Ändern", the temporary numbers to come, the prices. */
export const Review: Story = { args: { orderId: draftId(4) } };
/** Sent back by the provider: the question at the top, "Erneut einreichen". */
export const Clarification: Story = { args: { orderId: CLARIFY_ID } };

/** An order already submitted, opened with `order-id`: it cannot be edited here, "Auftrag ansehen" instead. */
export const NotEditable: Story = { args: { orderId: SUBMITTED_ID } };
/** Submitted: what happens next, the temporary numbers, the reference. */
export const Success: Story = { args: { orderId: draftId(4), acts: submit } };
/** The submission refused at a workplace's login: back at that step, at the field. */
export const SubmitError: Story = { args: { orderId: draftId(4), scenario: 'invalid', acts: submit } };
/** A number flagged at the submission: back at the numbers step with the report. */
export const NumbersFlagged: Story = { args: { orderId: draftId(4), scenario: 'flagged', acts: submit } };
/** No temporary numbers free. */
export const PoolEmpty: Story = { args: { orderId: draftId(4), scenario: 'pool', acts: submit } };
export const Loading: Story = { args: { scenario: 'slow' } };
export const LoadError: Story = { args: { scenario: 'error' } };
export const LoggedOut: Story = { args: { scenario: 'loggedOut' } };
export const NotAnAgent: Story = { args: { scenario: 'notAgent' } };
