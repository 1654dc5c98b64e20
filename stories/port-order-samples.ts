import type { Customer, PortOrder } from '../contract/port-orders.js';
import type { PortOrderStatus } from '../contract/porting.js';
import type { Session } from '../widgets/core/context.js';
import type { PortingOptions } from '../widgets/porting/host.js';
import { fakeProfile } from './fake-kit.js';

/**
 * Sample data of number porting for the stories and the widget tests (`porting-fixtures.ts`,
 * `port-orders-fixtures.ts` answer with it): the demo reseller's options, a customer, and a port order in any
 * status with a history that leads there. German words for statuses; the fixtures answer in the request's
 * language where it matters.
 */

/** A reseller's partner agent (`tk-porting`, `tk-port-orders`). */
export const agentSession: Session = {
  token: 'tk_ses_agent',
  expiresAt: '2099-01-01T00:00:00.000Z',
  components: null,
  user: { ...fakeProfile, username: 'demo.agent', displayName: 'Dana Agent', role: 'partner_agent', email: 'agent@demo-reseller.example', account: { customerNumber: 'DR90000001', accountType: 'business' } },
};

export const PRODUCT_ID = '5b0f5c1e-0000-4000-8000-0000000000b1';
export const CUSTOMER_ID = '5b0f5c1e-0000-4000-8000-0000000000c1';

/** "Today" of the samples: Monday 2 November 2026 in Zurich; the earliest porting day is 7 working days on. */
export const TODAY = '2026-11-02';

export const sampleOptions: PortingOptions = {
  products: [{ id: PRODUCT_ID, code: 'cloud-pbx-business', name: 'Cloud PBX Business', monthlyPriceCents: 3900, oneOffFeeCents: 0, currency: 'CHF' }],
  licences: [
    { licence: 'apps', monthlyPriceCents: 1200, currency: 'CHF' },
    { licence: 'device', monthlyPriceCents: 650, currency: 'CHF' },
  ],
  vatRateBp: 810,
  today: TODAY,
  earliestPortingDate: '2026-11-11',
  providers: {
    CH: [
      { code: 'swisscom', name: 'Swisscom' },
      { code: 'sunrise', name: 'Sunrise' },
      { code: 'salt', name: 'Salt' },
    ],
    DE: [{ code: 'telekom', name: 'Telekom Deutschland' }],
    AT: [{ code: 'a1', name: 'A1 Telekom Austria' }],
  },
};

export const sampleCustomer: Customer = {
  id: CUSTOMER_ID,
  companyName: 'Schmiedeisen AG',
  street: 'Aarbergergasse 12',
  postalCode: '3011',
  city: 'Bern',
  country: 'CH',
  contactName: 'Regula Schmied',
  invoiceEmail: 'buchhaltung@schmiedeisen.example',
  phone: '+41313101010',
  uid: 'CHE-116.281.710',
  createdAt: '2026-10-28T09:00:00.000Z',
};

const statusWords: Record<PortOrderStatus, [string, string]> = {
  draft: ['Entwurf', 'Noch nicht abgeschickt. Sie können den Auftrag jederzeit weiter bearbeiten und abschicken.'],
  submitted: ['Eingereicht', 'Der Anbieter prüft den Auftrag. Meist meldet er sich mit einer Rückfrage oder gibt ihn frei.'],
  clarification_needed: ['Rückfrage', 'Der Anbieter braucht eine Angabe von Ihnen. Lesen Sie den Kommentar, ändern Sie den Auftrag und reichen Sie ihn erneut ein.'],
  approved: ['Freigegeben', 'Der Anbieter hat den Auftrag freigegeben und legt den Portierungstermin fest.'],
  rejected: ['Abgelehnt', 'Der Anbieter hat den Auftrag abgelehnt; der Grund steht im Verlauf. Erfassen Sie bei Bedarf einen neuen Auftrag.'],
  scheduled: ['Termin bestätigt', 'Datum und Uhrzeit der Portierung stehen fest. Bis 48 Stunden vorher können Sie den Auftrag noch abbrechen.'],
  ported: ['Portiert', 'Die Nummern sind portiert und auf der Anlage aktiv. Die provisorischen Nummern werden innerhalb von 10 Minuten wieder freigegeben.'],
  failed: ['Portierung fehlgeschlagen', 'Die Portierung hat nicht geklappt; der Grund steht im Verlauf. Der Anbieter meldet sich für das weitere Vorgehen.'],
  cancelled: ['Abgebrochen', 'Der Auftrag wurde abgebrochen; es wird nichts portiert.'],
};

const agent = { kind: 'agent', name: 'Dana Agent' };
const operator = { kind: 'operator', name: 'Demo Carrier' };
type Entry = PortOrder['history'][number];
const entry = (from: string | null, to: string, at: string, actor = operator, extra: Partial<Entry> = {}): Entry => ({ from, to, at, actor, reason: null, reasonText: null, comment: null, ...extra });

/** The history that leads to each status (the clarification's comment is the one the agent answers). */
const histories: Record<PortOrderStatus, Entry[]> = {
  draft: [],
  submitted: [entry('draft', 'submitted', '2026-10-29T08:12:00.000Z', agent)],
  clarification_needed: [
    entry('draft', 'submitted', '2026-10-29T08:12:00.000Z', agent),
    entry('submitted', 'clarification_needed', '2026-10-30T13:40:00.000Z', operator, { comment: 'Bitte die Kundennummer beim bisherigen Anbieter ergänzen; sie steht auf der Swisscom-Rechnung oben rechts.' }),
  ],
  approved: [],
  rejected: [],
  scheduled: [],
  ported: [],
  failed: [],
  cancelled: [entry('draft', 'submitted', '2026-10-29T08:12:00.000Z', agent), entry('submitted', 'cancelled', '2026-10-29T15:02:00.000Z', agent, { comment: 'Kunde bleibt beim bisherigen Anbieter.' })],
};
histories.approved = [...histories.clarification_needed, entry('clarification_needed', 'submitted', '2026-10-30T16:05:00.000Z', agent, { reason: 'resubmitted', reasonText: 'Nach Rückfrage erneut eingereicht' }), entry('submitted', 'approved', '2026-10-31T09:30:00.000Z')];
histories.rejected = [...histories.submitted, entry('submitted', 'rejected', '2026-10-30T10:00:00.000Z', operator, { reason: 'signature_unauthorised', reasonText: 'Unterschrift nicht zeichnungsberechtigt (Handelsregister)', comment: 'Die Vollmacht trägt nur eine Unterschrift; laut Handelsregister zeichnen zwei Personen kollektiv.' })];
histories.scheduled = [...histories.approved, entry('approved', 'scheduled', '2026-10-31T10:15:00.000Z')];
histories.ported = [...histories.scheduled, entry('scheduled', 'ported', '2026-11-12T07:31:00.000Z')];
histories.failed = [...histories.scheduled, entry('scheduled', 'failed', '2026-11-12T08:02:00.000Z', operator, { reason: 'provider_refused', reasonText: 'Der bisherige Anbieter hat die Portierung verweigert', comment: 'Swisscom meldet einen abweichenden Vertragsinhaber.' })];

const numberStatus = (status: PortOrderStatus) => (status === 'ported' ? 'ported' : status === 'failed' ? 'failed' : status === 'cancelled' || status === 'rejected' ? 'cancelled' : 'pending');
const closed = (status: PortOrderStatus) => ['ported', 'failed', 'cancelled', 'rejected'].includes(status);
const actions: Record<PortOrderStatus, PortOrder['actions']> = {
  draft: ['edit', 'submit', 'cancel'],
  submitted: ['cancel'],
  clarification_needed: ['edit', 'submit', 'cancel'],
  approved: ['cancel'],
  scheduled: ['cancel'],
  rejected: [],
  ported: [],
  failed: [],
  cancelled: [],
};

/**
 * A complete port order of Schmiedeisen AG in `status` (the draft: at `step`, sections after it empty): two
 * Zurich singles and a DDI block, collective signature, contract end, two workplaces and the support login.
 */
export function sampleOrder(status: PortOrderStatus = 'submitted', overrides: Partial<PortOrder> = {}, step = 4): PortOrder {
  const submitted = status !== 'draft';
  const temp = (n: number) => (submitted ? `+4158510000${n}` : null);
  const lines: PortOrder['numbers']['lines'] = [
    { id: '5b0f5c1e-0000-4000-8000-0000000000d1', input: '044 123 45 67', kind: 'single', e164: '+41441234567', type: 'fixed_line', range: null, status: numberStatus(status), temporaryNumber: temp(0), temporaryReleased: closed(status) },
    { id: '5b0f5c1e-0000-4000-8000-0000000000d2', input: '044 123 45 68', kind: 'single', e164: '+41441234568', type: 'fixed_line', range: null, status: numberStatus(status), temporaryNumber: temp(1), temporaryReleased: closed(status) },
    { id: '5b0f5c1e-0000-4000-8000-0000000000d3', input: '+41 44 123 45 0x', kind: 'block', e164: null, type: 'fixed_line', range: { first: '+41441234500', last: '+41441234509', size: 10 }, status: numberStatus(status), temporaryNumber: temp(2), temporaryReleased: closed(status) },
  ];
  const [statusText, statusDescription] = statusWords[status];
  const order: PortOrder = {
    id: '5b0f5c1e-0000-4000-8000-0000000000e1',
    reference: 'PO-7K3M9Q',
    status,
    statusText,
    statusDescription,
    step: submitted ? 4 : step,
    tenant: { id: '00000000-0000-4000-8000-00000000d002', name: 'Demo Reseller' },
    agent: { id: '5b0f5c1e-0000-4000-8000-0000000000a9', name: 'Dana Agent' },
    customer: step >= 1 || submitted ? sampleCustomer : null,
    subscription: step >= 2 || submitted ? { tariffId: PRODUCT_ID, startDate: '2026-11-16' } : { tariffId: null, startDate: null },
    numbers:
      step >= 3 || submitted
        ? {
            country: 'CH',
            lines,
            newNumbers: 0,
            currentProvider: 'swisscom',
            currentProviderAccount: status === 'clarification_needed' ? null : '7651-332-901',
            signing: 'collective',
            signers: [
              { name: 'Regula Schmied', role: 'Geschäftsführerin' },
              { name: 'Jürg Müller', role: 'Prokurist' },
            ],
            timing: 'contract_end',
            portingDate: '2026-11-12',
            portingTime: '07:30',
            sharedContract: true,
            scope: 'partial',
            fullPortAcknowledged: false,
            note: null,
          }
        : { country: 'CH', lines: [], newNumbers: 0, currentProvider: null, currentProviderAccount: null, signing: null, signers: [], timing: null, portingDate: null, portingTime: null, sharedContract: null, scope: null, fullPortAcknowledged: false, note: null },
    workplaces:
      step >= 4 || submitted
        ? {
            rows: [
              { id: '5b0f5c1e-0000-4000-8000-0000000000f1', displayName: 'Jürg Müller', loginName: 'juerg.mueller', licence: 'apps', passwordSet: true },
              { id: '5b0f5c1e-0000-4000-8000-0000000000f2', displayName: 'Werkstatt Telefon', loginName: 'werkstatt', licence: 'device', passwordSet: true },
            ],
            supportLogin: { loginName: 'demo.reseller.support', passwordSet: true },
          }
        : { rows: [], supportLogin: null },
    price:
      step >= 2 || submitted
        ? {
            currency: 'CHF',
            vatRateBp: 810,
            lines: [
              { kind: 'subscription', code: 'cloud-pbx-business', name: 'Cloud PBX Business', quantity: 1, unitMonthlyCents: 3900, monthlyCents: 3900 },
              ...(step >= 4 || submitted
                ? [
                    { kind: 'licence' as const, code: 'apps', name: 'Telefongeräte + Apps', quantity: 1, unitMonthlyCents: 1200, monthlyCents: 1200 },
                    { kind: 'licence' as const, code: 'device', name: 'Nur Gerät', quantity: 1, unitMonthlyCents: 650, monthlyCents: 650 },
                  ]
                : []),
            ],
            monthlyTotalCents: step >= 4 || submitted ? 5750 : 3900,
            firstMonth: { from: '2026-11-16', to: '2026-11-30', days: 15, daysInMonth: 30, cents: step >= 4 || submitted ? 2875 : 1950 },
          }
        : null,
    history: histories[status],
    documents: submitted
      ? [{ id: '5b0f5c1e-0000-4000-8000-0000000000a7', kind: 'signed_power_of_attorney', fileName: 'vollmacht-schmiedeisen.pdf', contentType: 'application/pdf', byteSize: 184_320, createdAt: '2026-10-29T08:10:00.000Z' }]
      : [],
    actions: actions[status],
    submittedAt: submitted ? '2026-10-29T08:12:00.000Z' : null,
    scheduledAt: ['scheduled', 'ported', 'failed'].includes(status) ? '2026-11-12T06:30:00.000Z' : null,
    createdAt: '2026-10-28T09:05:00.000Z',
    updatedAt: histories[status].at(-1)?.at ?? '2026-10-28T09:05:00.000Z',
  };
  return { ...order, ...overrides };
}
