import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import { loadLocale } from '../widgets/core/i18n/index.js';
import { type CredentialResetScenario, credentialResetKit, HAMBURG_ID } from './credential-reset-fixtures.js';
import { type Act, play } from './widget-acts.js';

/**
 * "Neue Internet-Zugangsdaten" (seed 003) of a business account's administration, against the fake
 * `/v1/contracts` (`credential-reset-fixtures.ts`): the contract overview (two customer numbers, four products,
 * eligible and ineligible contracts), the warning with the consent, the result, and every error and busy state.
 * `locale` and `theme` are the toolbar's, or the story's own (`English`, `Dark`).
 */
type Args = { scenario: CredentialResetScenario; session: boolean; locale?: 'de' | 'en'; dark?: boolean; acts: Act[] };

const meta: Meta<Args> = {
  title: 'Widgets/Credential reset',
  component: 'tk-credential-reset',
  args: { scenario: 'list', session: true, acts: [] },
  // Its own kit: a business account's administrator, and the fake BFF's contracts for the story's scenario.
  parameters: { noKit: true },
  loaders: [async ({ args }) => (args.locale === 'en' ? (await loadLocale('en'), {}) : {})],
  render: ({ scenario, session, locale: own, dark }, { globals }) => {
    const locale = own ?? (globals.locale === 'en' ? 'en' : 'de');
    const kit = credentialResetKit(locale, scenario);
    if (!session) kit.session = undefined;
    if (dark) document.documentElement.dataset.theme = 'dark';
    return html`<tk-provider no-brand .kit=${kit} lang=${locale}
      ><tk-credential-reset profile-url="https://demo-reseller.example/profil"></tk-credential-reset
    ></tk-provider>`;
  },
  play: async ({ canvasElement, args }) => play(canvasElement, 'tk-credential-reset', args.acts),
};
export default meta;
type Story = StoryObj<Args>;

const loaded: Act = { wait: '[name="contract"]' };
const next: Act[] = [loaded, { check: 'contract' }, { press: /^Weiter$|^Next$/ }, { until: /für|for/ }];
const generate: Act[] = [...next, { check: 'consent' }, { press: /generieren|Generate/ }];

/** Two customer numbers (the main account and Filiale Hamburg), the products present, the contracts as cards; ineligible ones disabled with the reason. */
export const List: Story = {};
/** One customer number: no choice to make, it is named. */
export const SingleAccount: Story = { args: { scenario: 'single' } };
/** Filiale Hamburg's contracts (the sub-account). */
export const SubAccount: Story = { args: { acts: [loaded, { fill: ['account', HAMBURG_ID] }] } };
/** Only one product's contracts. */
export const ProductFilter: Story = { args: { acts: [loaded, { fill: ['product', 'cloud_pbx'] }] } };
export const LoggedOut: Story = { args: { session: false } };
export const Loading: Story = { args: { scenario: 'slow' } };
export const LoadError: Story = { args: { scenario: 'error' } };
/** A co-user or a partner agent: only a customer account's administration can do this. */
export const Forbidden: Story = { args: { scenario: 'forbidden' } };
/** "Weiter" without a contract: the error at "Vertrag" and in the summary. */
export const NoContractChosen: Story = { args: { acts: [{ press: /^Weiter$|^Next$/ }] } };
/** The seed's warning, the masked e-mail and mobile with the link to change them, the consent. */
export const Warning: Story = { args: { acts: next } };
/** "Generieren" without consent: the error at the checkbox and in the summary; nothing sent. */
export const ConsentMissing: Story = { args: { acts: [...next, { press: /generieren|Generate/ }] } };
/** Waiting for the BFF: the button shows it, a second press sends nothing. */
export const Busy: Story = { args: { scenario: 'busy', acts: generate } };
/** Where the e-mail and the SMS went (masked), what to do, "Zurück zur Vertragsübersicht". */
export const Done: Story = { args: { acts: [...generate, { until: /unterwegs|on their way/ }] } };
/** The 3rd in 24 hours: "Zugangsdaten Nr. 3", none left, "wieder ab" date and time. */
export const DoneNoneLeft: Story = { args: { scenario: 'last', acts: [...generate, { until: /unterwegs|on their way/ }] } };
/** One more possible in the next 24 hours (the singular). */
export const DoneOneLeft: Story = { args: { scenario: 'once', acts: [...generate, { until: /unterwegs|on their way/ }] } };
/** CompanyFlex Complete (Zentrale Berlin) has none left in 24 hours: disabled, "Neue Zugangsdaten wieder ab …", after the available ones. */
/** No mobile number for the PDF's code: the profile's link instead of the consent and "generate". */
export const WithoutMobile: Story = { args: { scenario: 'noMobile', acts: next } };
export const Exhausted: Story = { args: { scenario: 'exhausted' } };
/** Büro Potsdam's line has no credentials set up yet (`no_credentials`): disabled, ask customer service. */
export const NoCredentials: Story = { args: { scenario: 'unset' } };
/** The 4th time in 24 hours: the BFF's sentence says when the next is possible. */
export const RateLimited: Story = { args: { scenario: 'limited', acts: generate } };
/** A failure of the BFF: the reason and "Erneut versuchen". */
export const ServerError: Story = { args: { scenario: 'server', acts: generate } };
export const English: Story = { args: { locale: 'en' } };
export const EnglishWarning: Story = { args: { locale: 'en', acts: next } };
export const Dark: Story = { args: { dark: true } };
export const DarkWarning: Story = { args: { dark: true, acts: next } };
