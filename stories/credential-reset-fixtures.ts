import type { Contract, ContractList } from '../contract/contracts.js';
import type { Locale } from '../contract/locales.js';
import type { Kit } from '../widgets/core/context.js';
import { FAKE_SESSION, fakeKit, routeFakeApi } from './fake-kit.js';

/**
 * The fake BFF of `tk-credential-reset` for stories and browser tests: `/v1/contracts` of the fake kit, one
 * scenario per session token (`credentialResetKit` hands it out):
 *
 * - `list`: the main account "Muster Hörtechnik GmbH" (DR90000019) with six contracts — CompanyFlex Complete
 *   (Zentrale Berlin) and MSN Complete (Büro Potsdam), Cloud PBX Hauptstandortvertrag eligible; "CompanyFlex
 *   Voice" without an access line, "SIP-Trunk Business" (a line, not one of the five) and an ended "IP Voice /
 *   Data Connect" not — and its sub-account "Filiale Hamburg" (DR90000035) with a Cloud PBX Filialvertrag and
 *   CompanyFlex Access Plus; `single`: the main account alone;
 * - `slow` (the list never comes), `error` (500), `forbidden` (403, a co-user);
 * - generating: `busy` never answers, `limited` is refused with 429 `rotation_limit` and a `detail` that
 *   says when, `server` with 500, `flaky` fails like a lost connection the first time and succeeds after;
 *   `consent` refuses with 422 `validation_failed` and a field error at `consent` (as the BFF does without consent), `ended` with 422
 *   `contract_ended` (the contract ended meanwhile), `gone` with 404; an ineligible contract is refused with
 *   422 and its reason code. Otherwise the credentials went out (the 4th set, 2 more possible); `last`: the 3rd in
 *   24 hours, none left until {@link NEXT_AT}; `once`: one more possible;
 * - `exhausted`: CompanyFlex Complete (Zentrale Berlin) has none left in the 24 hours (again from {@link NEXT_AT});
 *   `unset`: CompanyFlex MSN Complete (Büro Potsdam) has no PPPoE username on record (`no_credentials`).
 */
export type CredentialResetScenario =
  | 'list'
  | 'single'
  | 'slow'
  | 'error'
  | 'forbidden'
  | 'busy'
  | 'limited'
  | 'server'
  | 'flaky'
  | 'consent'
  | 'ended'
  | 'gone'
  | 'exhausted'
  | 'unset'
  | 'last'
  /** The admin has no mobile number (a passkey or an app confirms the logins): no new credentials until one is added. */
  | 'noMobile'
  | 'once';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const MAIN_ID = id(8001);
export const HAMBURG_ID = id(8002);
/** CompanyFlex Complete, Zentrale Berlin: eligible. */
export const BERLIN_CONTRACT = id(8101);
/** CompanyFlex Voice: no access line. */
export const VOICE_CONTRACT = id(8103);
/** Cloud PBX Filialvertrag of Filiale Hamburg (the sub-account). */
export const HAMBURG_CONTRACT = id(8107);
export const CONTACT = { email: 'm•••@muster-hoertechnik.example', mobile: '+49 151 •••••• 78' };
export const RATE_DETAIL =
  'Für diesen Vertrag wurden in den letzten 24 Stunden schon 3-mal neue Zugangsdaten generiert. Neue Zugangsdaten können Sie wieder ab 23.11.2026, 14:32 Uhr (MEZ) generieren. Bis dahin gelten die zuletzt gesendeten.';
/** When the next credentials are possible with none left: 23.11.2026, 14:32 MEZ. */
export const NEXT_AT = '2026-11-23T13:32:00.000Z';
/** Büro Potsdam's CompanyFlex MSN Complete (no PPPoE username in `unset`). */
export const POTSDAM_CONTRACT = id(8102);

const address = (street: string, houseNumber: string, postalCode: string, city: string) => ({ street, houseNumber, postalCode, city, country: 'DE' as const });

function contract(n: number, accountId: string, product: Contract['product'], name: string, siteName: string, site: Contract['siteAddress'], o: Partial<Contract> = {}): Contract {
  const c: Contract = {
    id: id(n),
    accountId,
    contractNumber: `V-${String(n * 37).padStart(7, '0')}`,
    product,
    name,
    siteName,
    siteAddress: site,
    accessLine: true,
    status: 'active',
    pppoeUsername: `mh${n}@business.telkit.example`,
    eligible: true,
    reason: null,
    credentialsRotatedAt: null,
    rotationsLeft: 3,
    nextRotationAt: null,
    ...o,
  };
  return c;
}

export function contractList(scenario: CredentialResetScenario = 'list'): ContractList {
  const berlin = address('Musterstraße', '1', '10115', 'Berlin');
  const main = [
    contract(8101, MAIN_ID, 'companyflex', 'CompanyFlex Complete', 'Zentrale Berlin', berlin),
    contract(8102, MAIN_ID, 'companyflex', 'CompanyFlex MSN Complete', 'Büro Potsdam', address('Am Kanal', '4', '14467', 'Potsdam')),
    contract(8103, MAIN_ID, 'companyflex', 'CompanyFlex Voice', 'Lager Berlin', address('Lagerweg', '12', '12099', 'Berlin'), { accessLine: false, pppoeUsername: null, eligible: false, reason: 'no_access_line' }),
    contract(8104, MAIN_ID, 'cloud_pbx', 'Cloud PBX Hauptstandortvertrag', 'Zentrale Berlin', berlin),
    contract(8105, MAIN_ID, 'sip_trunk', 'SIP-Trunk Business', 'Zentrale Berlin', berlin, { eligible: false, reason: 'contract_type' }),
    contract(8106, MAIN_ID, 'ip_voice_data', 'IP Voice / Data Connect', 'Alte Werkstatt', address('Hofweg', '3', '10117', 'Berlin'), { status: 'ended', eligible: false, reason: 'contract_ended' }),
  ];
  const hamburg = address('Jungfernstieg', '7', '20354', 'Hamburg');
  const sub = [
    contract(8107, HAMBURG_ID, 'cloud_pbx', 'Cloud PBX Filialvertrag', 'Filiale Hamburg', hamburg),
    contract(8108, HAMBURG_ID, 'companyflex', 'CompanyFlex Access Plus', 'Filiale Hamburg', hamburg),
  ];
  if (scenario === 'exhausted') main[0] = { ...main[0]!, rotationsLeft: 0, nextRotationAt: NEXT_AT, credentialsRotatedAt: '2026-11-22T13:32:00.000Z' };
  if (scenario === 'unset') main[1] = { ...main[1]!, pppoeUsername: null, eligible: false, reason: 'no_credentials' };
  const mainAccount = { accountId: MAIN_ID, customerNumber: 'DR90000019', displayName: 'Muster Hörtechnik GmbH', role: 'main' as const };
  if (scenario === 'single') return { accounts: [mainAccount], contracts: main, contact: CONTACT };
  if (scenario === 'noMobile') return { accounts: [mainAccount], contracts: main, contact: { ...CONTACT, mobile: null } };
  return {
    accounts: [mainAccount, { accountId: HAMBURG_ID, customerNumber: 'DR90000035', displayName: 'Filiale Hamburg', role: 'sub' }],
    contracts: [...main, ...sub],
    contact: CONTACT,
  };
}

/** What the fake BFF received, for tests. */
export const credentialRequests: { method: string; path: string; body: Record<string, unknown>; idempotencyKey: string | null }[] = [];
const flaked = new Set<string>();

const token = (scenario: CredentialResetScenario) => `tk_ses_cred_${scenario}`;

/** A kit whose session is a business account's administrator; `scenario` picks the fake BFF's answers. */
export function credentialResetKit(locale: Locale, scenario: CredentialResetScenario = 'list'): Kit {
  installCredentialResetApi();
  flaked.delete(token(scenario));
  return fakeKit(locale, { session: { ...FAKE_SESSION, token: token(scenario) } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, title: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, ...extra, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

let installed = false;
/** Puts the fake `/v1/contracts` in front of the fake kit's BFF (`installFakeApi`). */
export function installCredentialResetApi(): void {
  if (installed) return;
  installed = true;
  routeFakeApi(
    (path, key) => path.startsWith('/v1/contracts') && key.startsWith('tk_ses_cred_'),
    (r) => {
      credentialRequests.push({ method: r.method, path: r.path, body: r.body, idempotencyKey: r.idempotencyKey });
      return answer(r.key, r.method, r.path, r.body);
    },
  );
}

function answer(key: string, method: string, path: string, body: Record<string, unknown>): Response | Promise<Response> {
  const scenario = key.slice('tk_ses_cred_'.length) as CredentialResetScenario;
  if (scenario === 'slow') return new Promise<Response>(() => {});
  if (scenario === 'error') return problem(500, 'internal', 'Ein unerwarteter Fehler ist aufgetreten.');
  if (scenario === 'forbidden') return problem(403, 'forbidden', 'Dieser Zugriff ist nicht erlaubt.');
  const list = contractList(scenario);
  if (method === 'GET' && path === '/v1/contracts') return json(list);
  const [, , , contractId, action] = path.split('/');
  const c = list.contracts.find((x) => x.id === contractId);
  if (method !== 'POST' || action !== 'internet-credentials' || !c) return problem(404, 'not_found', 'Diesen Vertrag gibt es nicht.');
  if (scenario === 'gone') return problem(404, 'not_found', 'Diesen Vertrag gibt es nicht.');
  if (body.consent !== true || scenario === 'consent') {
    return problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', {
      errors: [{ path: 'consent', code: 'consent_required', message: 'Bitte stimmen Sie der Zustellung an E-Mail-Adresse und Mobilfunk-Rufnummer zu.' }],
    });
  }
  if (!c.eligible || scenario === 'ended') return problem(422, c.reason ?? 'contract_ended', 'Für diesen Vertrag können keine neuen Internet-Zugangsdaten generiert werden.');
  if (scenario === 'busy') return new Promise<Response>(() => {});
  if (scenario === 'limited') return problem(429, 'rotation_limit', 'Zu viele neue Zugangsdaten für diesen Vertrag.', { detail: RATE_DETAIL }, { 'retry-after': '3600' });
  if (scenario === 'server') return problem(500, 'internal', 'Ein unerwarteter Fehler ist aufgetreten.');
  if (scenario === 'flaky' && !flaked.has(key)) {
    flaked.add(key);
    throw new TypeError('Failed to fetch');
  }
  const left = scenario === 'last' ? { rotationsLeft: 0, nextRotationAt: NEXT_AT, sequence: 3 } : { rotationsLeft: scenario === 'once' ? 1 : 2, nextRotationAt: null, sequence: 4 };
  return json({ contractId: c.id, rotatedAt: '2026-11-22T10:00:00.000Z', sentTo: CONTACT, ...left });
}
