import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { subUsersKit, type SubUsersScenario } from './sub-users-fixtures.js';
import { type Act, play } from './widget-acts.js';

/**
 * "Mitbenutzer" of a business account, against the fake `/v1/sub-users` (`sub-users-fixtures.ts`): every
 * state of the list and every step, errors and busy included. Each story drives the widget like a user:
 * `press` a button (within a co-user's card), `fill` a field, `submit` the visible form, `until` a step shows (`widget-acts.ts`).
 */
type Args = { scenario: SubUsersScenario; session: boolean; acts: Act[] };

const meta: Meta<Args> = {
  title: 'Widgets/Sub-users',
  component: 'tk-sub-users',
  args: { scenario: 'all', session: true, acts: [] },
  // Its own kit: a business account's administrator, and the fake BFF's list for the story's scenario.
  parameters: { noKit: true },
  render: ({ scenario, session }, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    const kit = subUsersKit(locale, scenario);
    if (!session) kit.session = undefined;
    return html`<tk-provider no-brand .kit=${kit} lang=${locale}><tk-sub-users></tk-sub-users></tk-provider>`;
  },
  play: async ({ canvasElement, args }) => play(canvasElement, 'tk-sub-users', args.acts),
};
export default meta;
type Story = StoryObj<Args>;

const add: Act[] = [{ press: /Mitbenutzer einrichten|Set up a co-user/ }, { until: /Angaben|About/ }];
const data = (email = 'maria.neu@firma.example', note = 'Kostenstelle 12'): Act[] => [
  ...add,
  { fill: ['salutation', 'ms'] },
  { fill: ['firstName', 'Maria'] },
  { fill: ['lastName', 'Neu'] },
  { fill: ['email', email] },
  { fill: ['mobile', '0171 2345678'] },
  { fill: ['tariffId', '7d3c5a1e-0000-4000-8000-000000000005'] },
  { fill: ['invoiceNote', note] },
];
const review = (email?: string): Act[] => [...data(email), { submit: true }, { until: /Prüfen|Review/ }];
const open = (card: string, press: RegExp, until: RegExp): Act[] => [{ press, card }, { until }];
const cancel: Act[] = open('Anna Muster', /Kündigen|Cancel/, /kündigen|Cancel co-user/);

/** A co-user in every status: pending (one whose resend waits), active (one with a tariff change to come), cancellation scheduled, cancelled, link expired. */
export const EveryStatus: Story = {};
export const Loading: Story = { args: { scenario: 'slow' } };
/** No co-users yet: what co-users are, and "Mitbenutzer einrichten". */
export const Empty: Story = { args: { scenario: 'empty' } };
/** More than 10: a search field with a polite count. */
export const ManyWithSearch: Story = { args: { scenario: 'many' } };
export const ManySearched: Story = { args: { scenario: 'many', acts: [{ fill: ['search', 'fuchs'] }] } };
export const LoadError: Story = { args: { scenario: 'error' } };
/** A session that is not a business account's administrator (a co-user's): 403, said in words. */
export const NotAdmin: Story = { args: { scenario: 'forbidden' } };
export const LoggedOut: Story = { args: { session: false } };
/** A co-user whose confirmation link ran out: resend, change the address, or withdraw. */
export const ExpiredLink: Story = { args: { scenario: 'expired' } };
export const ResendCountdown: Story = { args: { acts: [{ press: /Bestätigung erneut senden|Resend confirmation/, card: 'Lena Limit' }] } };
export const ResendRefused: Story = {
  args: { acts: [{ press: /Bestätigung erneut senden|Resend/, card: 'Erika Expired' }, { press: /Bestätigung erneut senden|Resend/, card: 'Lena Limit' }] },
};
export const AddData: Story = { args: { scenario: 'empty', acts: add } };
export const AddFieldErrors: Story = { args: { acts: [...add, { submit: true }] } };
export const AddInvoiceNoteTooLong: Story = { args: { acts: [...data(undefined, 'Kostenstelle 4711 / Abteilung Kundenservice Nord'), { submit: true }] } };
export const AddInvoiceNoteBadCharacter: Story = { args: { acts: [...data(undefined, 'Kostenstelle ✓'), { submit: true }] } };
export const AddMobileNotMobile: Story = { args: { acts: [...data(), { fill: ['mobile', '030 1234567'] }, { submit: true }] } };
/** What the BFF refused (mobile number, invoice note), back on their fields. */
export const AddServerErrors: Story = { args: { acts: [...review('server-error@firma.example'), { submit: true }, { until: /Angaben|About/ }] } };
export const AddReview: Story = { args: { acts: review() } };
export const AddBusy: Story = { args: { acts: [...review('slow@firma.example'), { submit: true }] } };
export const AddSuccess: Story = { args: { acts: [...review(), { submit: true }, { until: /angemeldet|registered/ }] } };
export const ChangeEmail: Story = { args: { acts: open('Lena Limit', /E-Mail-Adresse ändern|Change e-mail/, /E-Mail-Adresse ändern|Change e-mail/) } };
export const ChangeEmailInvalid: Story = { args: { acts: [...open('Lena Limit', /E-Mail-Adresse ändern|Change e-mail/, /E-Mail-Adresse ändern|Change e-mail/), { fill: ['email', 'kein-at'] }, { submit: true }] } };
export const EmailChanged: Story = { args: { acts: [...open('Lena Limit', /E-Mail-Adresse ändern|Change e-mail/, /E-Mail-Adresse ändern|Change e-mail/), { fill: ['email', 'lena@neu.example'] }, { submit: true }] } };
export const WithdrawRegistration: Story = { args: { acts: open('Lena Limit', /Anmeldung zurückziehen|Withdraw registration/, /zurückziehen|Withdraw/) } };
export const EditNote: Story = { args: { acts: open('Anna Muster', /Rechnungszusatz ändern|Change invoice note/, /Rechnungszusatz|invoice note/) } };
export const NoteSaved: Story = { args: { acts: [...open('Anna Muster', /Rechnungszusatz ändern|Change invoice note/, /Rechnungszusatz|invoice note/), { fill: ['invoiceNote', 'KST 4712'] }, { submit: true }] } };
export const ChangeTariff: Story = { args: { acts: open('Anna Muster', /Tarif ändern|Change tariff/, /Tarif ändern|Change tariff/) } };
export const TariffUnchanged: Story = { args: { acts: [...open('Anna Muster', /Tarif ändern|Change tariff/, /Tarif ändern|Change tariff/), { submit: true }] } };
/** The contract, the BFF's earliest end date, and the choice of a later one: "Jetzt kündigen". */
export const CancelStep: Story = { args: { acts: cancel } };
export const CancelLaterDate: Story = { args: { acts: [...cancel, { fill: ['when', 'later'] }] } };
/** An end date before the earliest one, refused before sending. */
export const CancelTooEarly: Story = { args: { acts: [...cancel, { fill: ['when', 'later'] }, { fill: ['endDate', '2026-12-15'] }, { submit: true }] } };
/** The BFF's `end_date_too_early` (its earliest date moved on since the list loaded), on the date field. */
export const CancelTooEarlyFromBff: Story = {
  args: { acts: [...open('Jonas Beispiel', /Kündigen|Cancel/, /kündigen|Cancel co-user/), { fill: ['when', 'later'] }, { fill: ['endDate', '2027-01-15'] }, { submit: true }] },
};
/** The receipt: received at, end date, reference; "Drucken" prints just it. */
export const CancellationReceipt: Story = { args: { acts: [...cancel, { submit: true }, { until: /eingegangen|received/ }] } };
export const CancellationWithdrawn: Story = { args: { acts: [{ press: /Kündigung zurücknehmen|Withdraw cancellation/, card: 'Karl Kündig' }] } };
