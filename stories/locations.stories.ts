import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { actingProfile, actingSession, locationsKit, type LocationsScenario } from './locations-fixtures.js';
import { subUsersKit } from './sub-users-fixtures.js';
import { type Act, play } from './widget-acts.js';

/**
 * "Standorte" of a business account, against the fake `/v1/locations` (`locations-fixtures.ts`): every state
 * of the overview and every step, errors and busy included, and the provider's banner while acting on a
 * sub-account. Each story drives the widget like a user: `press` a button (within an account's card),
 * `fill` a field, `check` a box, type a `code`, `submit` the visible form, `until` a step shows (`widget-acts.ts`).
 */
type Args = { scenario: LocationsScenario; session: boolean; acting: boolean; acts: Act[] };

const meta: Meta<Args> = {
  title: 'Widgets/Locations',
  component: 'tk-locations',
  args: { scenario: 'linked', session: true, acting: false, acts: [] },
  // Its own kit: a business account's administrator, and the fake BFF's overview for the story's scenario.
  parameters: { noKit: true },
  render: ({ scenario, session, acting }, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    const kit = locationsKit(locale, scenario);
    if (!session) kit.session = undefined;
    if (acting) kit.session = actingSession;
    return html`<tk-provider no-brand .kit=${kit} lang=${locale}><tk-locations></tk-locations></tk-provider>`;
  },
  play: async ({ canvasElement, args }) => play(canvasElement, 'tk-locations', args.acts),
};
export default meta;
type Story = StoryObj<Args>;

const link: Act[] = [{ press: /Bestehendes Konto hinzufügen|Add an existing account/ }, { until: /Bestehendes Konto|existing account/ }];
const code = (number = 'DR90000043'): Act[] => [...link, { fill: ['customerNumber', number] }, { check: 'collectiveInvoice' }, { submit: true }, { until: /Code eingeben|Enter the code/ }];
const order: Act[] = [{ press: /Neuen Standort bestellen|Order a new location/ }, { until: /Neuen Standort|new location/ }];
const unlink: Act[] = [{ press: /Verknüpfung lösen|Unlink/, card: 'Filiale Zürich' }, { until: /Verknüpfung lösen|Unlink/ }];

/** The main account first, then "Filiale Zürich" (leaving the collective invoice on 1 December) and "Filiale Hamburg". */
export const Linked: Story = {};
/** No sub-accounts yet: what a location is (one login for all accounts; local teams keep their own), and both ways to add one. */
export const Empty: Story = { args: { scenario: 'empty' } };
/** A new location ordered, waiting for its e-mail confirmation. */
export const Ordered: Story = { args: { scenario: 'ordered' } };
/** A sub-account's own administration: its card alone, no actions. */
export const SubAccountView: Story = { args: { scenario: 'sub' } };
export const Loading: Story = { args: { scenario: 'slow' } };
export const LoadError: Story = { args: { scenario: 'error' } };
export const NotAdmin: Story = { args: { scenario: 'forbidden' } };
export const LoggedOut: Story = { args: { session: false } };
/** A code asked for and not entered yet ("Code angefordert für Filiale Köln … – gültig bis …"): a reload does not lose it. */
export const OpenRequest: Story = { args: { scenario: 'requested' } };
/** "Code eingeben" on the open request: its code step again, with where the code went (masked). */
export const OpenRequestResumed: Story = { args: { scenario: 'requested', acts: [{ press: /Code eingeben|Enter the code/, card: 'Filiale Köln' }, { until: /Code eingeben|Enter the code/ }] } };
export const LinkStep: Story = { args: { acts: link } };
export const LinkRequired: Story = { args: { acts: [...link, { submit: true }] } };
/** The BFF's `customer_number_unknown`, at the field and in the summary. */
export const LinkUnknownNumber: Story = { args: { acts: [...link, { fill: ['customerNumber', 'DR00000000'] }, { submit: true }] } };
/** Where the code went (masked), valid 24 hours. */
export const CodeStep: Story = { args: { acts: code() } };
export const WrongCode: Story = { args: { acts: [...code(), { code: '000000' }, { submit: true }] } };
/** A code replaced by a newer one: ask the other account's administration for the latest. */
export const CodeSuperseded: Story = { args: { acts: [...code(), { code: '222222' }, { submit: true }] } };
/** 409 `not_linkable` at code entry (linked elsewhere meanwhile): the BFF's reason at the customer number, on the link step. */
export const NotLinkable: Story = { args: { acts: [...code(), { code: '111111' }, { submit: true }, { until: /Bestehendes Konto|existing account/ }] } };
export const CodeLocked: Story = { args: { acts: [...code(), { code: '999999' }, { submit: true }] } };
export const LinkDone: Story = { args: { acts: [...code(), { code: '123456' }, { submit: true }, { until: /Standorte|Locations/ }] } };
export const OrderStep: Story = { args: { acts: order } };
/** `tk-signup` for a business account, prefilled with the main account's company data and invoice address. */
export const OrderSignup: Story = { args: { acts: [...order, { check: 'collectiveInvoice' }, { submit: true }] } };
export const UnlinkConfirmation: Story = { args: { acts: unlink } };
export const Unlinked: Story = { args: { acts: [...unlink, { submit: true }] } };
/** "Sammelrechnung" on for Filiale Hamburg: from the 1st of next month, said in its card. */
export const InvoiceChangeDone: Story = { args: { acts: [{ press: /Auf Sammelrechnung nehmen|Put on collective invoice/, card: 'Filiale Hamburg' }] } };
/** "Zu diesem Standort wechseln" waiting for the BFF. */
export const Switching: Story = { args: { scenario: 'switching', acts: [{ press: /Zu diesem Standort wechseln|Switch to this location/, card: 'Filiale Zürich' }] } };
/** Acting on Filiale Zürich: the provider's banner with "Zurück zum Hauptaccount", above the location's own view. */
export const ActingBanner: Story = { args: { acting: true } };
/** `tk-profile` while acting: the location's data, read-only; logout stays. */
export const ProfileWhileActing: Story = {
  args: { acting: true },
  render: (_args, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    const kit = locationsKit(locale, 'linked');
    kit.session = actingSession;
    return html`<tk-provider no-brand .kit=${kit} lang=${locale}><tk-profile></tk-profile></tk-provider>`;
  },
};
/** `tk-sub-users` while acting: one line under its heading says for which location. */
export const SubUsersWhileActing: Story = {
  args: { acting: true },
  render: (_args, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    const kit = subUsersKit(locale);
    kit.session = { ...kit.session!, user: actingProfile };
    return html`<tk-provider no-brand .kit=${kit} lang=${locale}><tk-sub-users></tk-sub-users></tk-provider>`;
  },
};
