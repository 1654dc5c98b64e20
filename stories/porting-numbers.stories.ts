import type { Meta, StoryObj } from '@storybook/web-components';
import { html } from 'lit';
import type { PortOrder } from '../contract/port-orders.js';
import { numbersKit } from './numbers-fixtures.js';
import { sampleOptions } from './port-order-samples.js';
import './porting-numbers-harness.js';
import '../widgets/provider/provider.js';
import { type Act, play } from './widget-acts.js';

/**
 * Step 3 of `tk-porting` alone (`<tk-porting-numbers-harness>`), against the fake `POST /v1/numbers/check`
 * (`numbers-fixtures.ts`: `044 …` landline, `079 …` mobile, `+49 …` not Swiss, `open …` in another order,
 * `bad` invalid). Each story starts from a saved section and may act like a user (`fill`, `press`).
 */
type Args = { saved: Partial<PortOrder['numbers']> | undefined; acts: Act[] };

const base: PortOrder['numbers'] = {
  country: 'CH',
  lines: [],
  newNumbers: 0,
  currentProvider: null,
  currentProviderAccount: null,
  signing: null,
  signers: [],
  timing: null,
  portingDate: null,
  portingTime: null,
  sharedContract: null,
  scope: null,
  fullPortAcknowledged: false,
  note: null,
};
const lines = (...inputs: string[]) => ({ lines: inputs.map((input) => ({ input })) as unknown as PortOrder['numbers']['lines'] });
const filled: Partial<PortOrder['numbers']> = {
  currentProvider: 'swisscom',
  currentProviderAccount: '7651-332-901',
  signing: 'single',
  signers: [{ name: 'Regula Schmied', role: 'Geschäftsführerin' }],
  timing: 'contract_end',
  portingDate: '2026-11-11',
  portingTime: '09:30',
  sharedContract: false,
  scope: 'partial',
};

const meta: Meta<Args> = {
  title: 'Widgets/Porting/Numbers step',
  args: { saved: undefined, acts: [] },
  parameters: { noKit: true },
  render: ({ saved }, { globals }) => {
    const locale = globals.locale === 'en' ? 'en' : 'de';
    const order = saved ? ({ numbers: { ...base, ...saved } } as unknown as PortOrder) : undefined;
    return html`<tk-provider no-brand .kit=${numbersKit(locale)} lang=${locale}
      ><tk-porting-numbers-harness .options=${sampleOptions} .order=${order}></tk-porting-numbers-harness
    ></tk-provider>`;
  },
  play: async ({ canvasElement, args }) => play(canvasElement, 'tk-porting-numbers-harness', args.acts),
};
export default meta;
type Story = StoryObj<Args>;

const next: Act[] = [{ press: /^\s*(Weiter|Next)\s*$/ }];

/** Nothing entered yet: one empty number field, "Nummer hinzufügen" and the new numbers; provider, signing, timing and scope come with the first line. */
export const Empty: Story = {};

/** An order of new numbers only: no line to port, so nothing about the port is asked; "Weiter" passes. */
export const NewNumbersOnly: Story = { args: { saved: { newNumbers: 3 }, acts: next } };
/** Two landlines and a DDI block, each shown back as E.164 with its type or range; everything else filled in. */
export const CleanList: Story = { args: { saved: { ...lines('044 123 45 67', '+41 31 310 10 10', '+41 44 555 66 0x'), ...filled } } };
/** Every problem code at its line, summed up at the top ("6 von 8 Nummern brauchen eine Korrektur"). */
export const EveryProblem: Story = {
  args: { saved: { ...lines('bad', '+49 30 1234567', '079 123 45 67', '044 123 45 67', '044 123 45 67', '+41 44 555 66 0x', '044 555 66 05', 'open 044 999 88 77'), ...filled } },
};
/** A DDI block: "10 Nummern: +41 44 123 45 00 – 09", and that a Swiss block moves as a whole (FDV Art. 34a). */
export const DdiBlock: Story = { args: { saved: { ...lines('+41 44 123 45 0x', '+41 44 123 4xxx'), ...filled } } };
/** Eleven single numbers: the 11th explains how to split the order or list the rest in the note. */
export const ElevenSingles: Story = { args: { saved: { ...lines(...Array.from({ length: 11 }, (_, i) => `044 123 45 ${10 + i}`)), ...filled } } };
/** Christmas Day as the porting date: the field says why (a holiday) and from when a date is possible. */
export const ForbiddenDay: Story = { args: { saved: { ...lines('044 123 45 67'), ...filled, portingDate: '2026-12-25' } } };
/** A Saturday as the porting date. */
export const Saturday: Story = { args: { saved: { ...lines('044 123 45 67'), ...filled, portingDate: '2026-11-14' } } };
/** Collective signature: two persons with name and function, and the link to the commercial register. */
export const CollectiveSignature: Story = {
  args: {
    saved: {
      ...lines('044 123 45 67'),
      ...filled,
      signing: 'collective',
      signers: [
        { name: 'Regula Schmied', role: 'Geschäftsführerin' },
        { name: 'Jürg Müller', role: 'Prokurist' },
      ],
    },
  },
};
/** Telephony and internet on one contract, full port chosen: the warning, what is lost, the acknowledgement. */
export const FullPortWarning: Story = { args: { saved: { ...lines('044 123 45 67'), ...filled, sharedContract: true, scope: 'full' } } };
/** "Weiter" on an empty step: the summary names what is missing and links to it. */
export const ErrorsAfterNext: Story = { args: { acts: next } };
/** "Weiter" with a flagged line, a date too early and no acknowledgement for a full port. */
export const ErrorsAfterNextFilled: Story = {
  args: { saved: { ...lines('079 123 45 67', '044 123 45 67'), ...filled, portingDate: '2026-11-10', scope: 'full', sharedContract: true }, acts: [{ until: /Rufnummern/ }, ...next] },
};
