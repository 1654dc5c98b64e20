import type { Location, LocationList } from '../contract/locations.js';
import type { Locale } from '../contract/locales.js';
import type { Profile } from '../contract/portal.js';
import type { Kit, Session } from '../widgets/core/context.js';
import { FAKE_SESSION, fakeKit, fakeProfile, routeFakeApi } from './fake-kit.js';

/**
 * The fake BFF of `tk-locations` for stories and browser tests: `/v1/locations` of the fake kit, answered
 * from memory, one overview per scenario (chosen by the session token `locationsKit` hands out):
 *
 * - `linked`: the main account, "Filiale Zürich" (on the collective invoice, leaving it on 1 December) and
 *   "Filiale Hamburg" (not on it); `empty` (no sub-accounts yet); `ordered` (no sub-accounts, a new location
 *   ordered and waiting for confirmation); `sub` (a sub-account's own administration: its card alone);
 *   `requested` (like `linked`, with an open code request for "Filiale Köln", valid until 23 November);
 *   `switching` (like `linked`, but a switch never gets an answer); `slow` (the overview never comes),
 *   `error` (500), `forbidden` (403).
 * - Linking: the customer number `DR00000000` is unknown, `DR90000099` is a private account (both refused at
 *   the field, with the BFF's localized message); any other is asked for and its code sent. Codes: `000000`
 *   is wrong (4 tries left), `999999` locked, `222222` replaced by a newer one, `111111` refused with 409
 *   `not_linkable` (the account got another main account meanwhile); any other links "Filiale Köln". A second new code is refused
 *   with `Retry-After: 90`.
 * - Switching into a sub-account answers a session acting on it (`actingSession`); "Zurück zum
 *   Hauptaccount" answers the `linked` scenario's session again.
 * - A signup carrying the intent `tk_lin_story_expired_intent_0000` is refused: the intent ran out.
 */
export type LocationsScenario = 'linked' | 'empty' | 'ordered' | 'requested' | 'sub' | 'switching' | 'slow' | 'error' | 'forbidden';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const MAIN_ID = id(7001);
export const ZURICH_ID = id(7002);
export const HAMBURG_ID = id(7003);
const COLOGNE_ID = id(7004);
const CHALLENGE = id(7101);
const RESENT = id(7102);
export const EXPIRED_INTENT = 'tk_lin_story_expired_intent_0000';

const address = (street: string, houseNumber: string, postalCode: string, city: string, country: 'DE' | 'CH' = 'DE') => ({ street, houseNumber, postalCode, city, country });

export const mainAccount = (): Location => ({
  accountId: MAIN_ID,
  customerNumber: 'DR90000019',
  displayName: 'Muster Hörtechnik GmbH',
  siteAddress: address('Musterstraße', '1', '10115', 'Berlin'),
  status: 'active',
  role: 'main',
  collectiveInvoice: null,
  linkedSince: null,
  via: null,
});
export const zurich = (): Location => ({
  accountId: ZURICH_ID,
  customerNumber: 'DR90000027',
  displayName: 'Filiale Zürich',
  siteAddress: address('Bahnhofstrasse', '10', '8001', 'Zürich', 'CH'),
  status: 'active',
  role: 'sub',
  collectiveInvoice: { current: true, next: false, from: '2026-12-01' },
  linkedSince: '2026-03-02T09:00:00.000Z',
  via: 'code',
});
const hamburg = (): Location => ({
  accountId: HAMBURG_ID,
  customerNumber: 'DR90000035',
  displayName: 'Filiale Hamburg',
  siteAddress: address('Jungfernstieg', '7', '20354', 'Hamburg'),
  status: 'active',
  role: 'sub',
  collectiveInvoice: { current: false, next: false, from: null },
  linkedSince: '2026-10-15T12:00:00.000Z',
  via: 'order',
});
const order = { signupId: id(7201), displayName: 'Muster Hörtechnik GmbH – Standort München', orderedAt: '2026-11-21T10:00:00.000Z', collectiveInvoice: true };

/** The sub-account's profile while the main account's admin acts on it. */
export const actingProfile: Profile = {
  username: 'zuerich.admin',
  displayName: 'Filiale Zürich',
  role: 'account_admin',
  email: 'verwaltung@zuerich.muster-hoertechnik.example',
  mobile: '+41 79 ••• •• 12',
  account: { customerNumber: 'DR90000027', accountType: 'business' },
  acting: { actor: { username: fakeProfile.username, displayName: fakeProfile.displayName }, mainAccount: { customerNumber: 'DR90000019', displayName: 'Muster Hörtechnik GmbH' } },
};
const token = (scenario: LocationsScenario | 'acting') => `tk_ses_loc_${scenario}`;
/** A session acting on "Filiale Zürich". */
export const actingSession: Session = { token: token('acting'), expiresAt: '2099-01-01T00:00:00.000Z', components: null, user: actingProfile };
/** The main account's admin's session (the `linked` scenario). */
export const mainSession: Session = { ...FAKE_SESSION, token: token('linked') };

const lists = new Map<string, LocationList>();
/** Which session asked for which intent. */
const intents = new Map<string, string>();
const resends = new Map<string, number>();
function fresh(scenario: LocationsScenario): LocationList {
  switch (scenario) {
    case 'empty':
      return { position: 'none', canManage: true, accounts: [mainAccount()], orders: [], requests: [] };
    case 'ordered':
      return { position: 'none', canManage: true, accounts: [mainAccount()], orders: [order], requests: [] };
    case 'requested':
      return { ...fresh('linked'), requests: [{ ...issued(CHALLENGE, 'DR90000043'), expiresAt: '2026-11-23T10:00:00.000Z', collectiveInvoice: true }] };
    case 'sub':
      return { position: 'sub', canManage: false, accounts: [{ ...zurich(), collectiveInvoice: { current: true, next: true, from: null } }], orders: [], requests: [] };
    default:
      return { position: 'main', canManage: true, accounts: [mainAccount(), zurich(), hamburg()], orders: [], requests: [] };
  }
}

/** What the fake BFF received, for tests: method, path, JSON body. */
export const locationRequests: { method: string; path: string; body: Record<string, unknown> }[] = [];

/** A kit whose session is a business account's administrator; `scenario` picks the fake BFF's overview (fresh each time). */
export function locationsKit(locale: Locale, scenario: LocationsScenario = 'linked'): Kit {
  installLocationsApi();
  resends.clear();
  lists.set(token(scenario), fresh(scenario));
  lists.set(token('acting'), fresh('sub'));
  return fakeKit(locale, { session: { ...FAKE_SESSION, token: token(scenario) } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, title: string, errors?: unknown[], extra: Record<string, unknown> = {}, retryAfter?: number) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, errors, ...extra, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...(retryAfter && { 'retry-after': String(retryAfter) }) },
  });
const CHECK = 'Bitte prüfen Sie Ihre Eingaben.';

let installed = false;
/** Puts the fake `/v1/locations` (and the acting session's `/v1/me`) in front of the fake kit's BFF (`installFakeApi`). */
export function installLocationsApi(): void {
  if (installed) return;
  installed = true;
  routeFakeApi(
    (path, key) => path.startsWith('/v1/locations') || path === '/v1/signups' || (key.startsWith('tk_ses_loc_') && !path.startsWith('/v1/sub-users')),
    (r, pass) => {
      locationRequests.push({ method: r.method, path: r.path, body: r.body });
      return r.path === '/v1/signups' ? signup(r.body, pass) : answer(r.key, r.method, r.path, r.body);
    },
  );
}

/** A signup: one with an expired intent is refused; one with a valid intent shows as ordered in its admin's overview. */
function signup(body: Record<string, unknown>, pass: () => Promise<Response>): Response | Promise<Response> {
  if (body.locationIntent === EXPIRED_INTENT) {
    return problem(422, 'validation_failed', CHECK, [{ path: 'locationIntent', code: 'location_intent_invalid', message: 'Diese Bestellung eines Standorts ist abgelaufen.' }]);
  }
  const owner = intents.get(String(body.locationIntent ?? ''));
  const list = owner ? lists.get(owner) : undefined;
  const company = (body.company ?? {}) as { name?: string };
  if (owner && list) lists.set(owner, { ...list, orders: [...list.orders, { ...order, signupId: id(7202), displayName: company.name ?? '', orderedAt: new Date().toISOString() }] });
  return pass();
}

function answer(key: string, method: string, path: string, body: Record<string, unknown>): Response | Promise<Response> {
  if (key === token('slow')) return new Promise<Response>(() => {});
  if (key === token('error')) return problem(500, 'internal', 'Ein unerwarteter Fehler ist aufgetreten.');
  if (key === token('forbidden') || !lists.has(key)) return problem(403, 'forbidden', 'Dieser Zugriff ist nicht erlaubt.');
  if (method === 'GET' && path === '/v1/me') return json(key === token('acting') ? actingProfile : fakeProfile);
  if (method === 'GET' && path === '/v1/sessions/current') return json({ expiresAt: new Date(Date.now() + 3_600_000).toISOString(), components: null, user: key === token('acting') ? actingProfile : fakeProfile });
  if (method === 'DELETE' && path === '/v1/sessions/current') return new Response(null, { status: 204 });
  const list = lists.get(key)!;
  const save = (l: Location) => {
    lists.set(key, { ...list, position: 'main', accounts: [...list.accounts.filter((a) => a.accountId !== l.accountId), l] });
    return l;
  };
  if (method === 'GET' && path === '/v1/locations') return json(list);
  if (method === 'POST' && path === '/v1/locations/return') {
    if (key !== token('acting')) return problem(409, 'not_acting', 'Sie handeln gerade für keinen Standort.');
    return json({ ...mainSession, expiresAt: '2099-01-01T00:00:00.000Z' }, 201);
  }
  if (method === 'POST' && path === '/v1/locations/link-requests') return linkRequest(body);
  if (method === 'POST' && path === '/v1/locations/intents') {
    const intent = `tk_lin_story_intent_${String(intents.size).padStart(12, '0')}`;
    intents.set(intent, key);
    return json(
      {
        intent,
        expiresAt: '2099-01-01T00:00:00.000Z',
        prefill: {
          company: { name: 'Muster Hörtechnik GmbH', legalForm: 'gmbh', vatId: 'DE123456789', address: address('Musterstraße', '1', '10115', 'Berlin') },
          invoiceAddress: { name: 'Muster Hörtechnik GmbH, Buchhaltung', address: address('Postfach', '12 34', '10001', 'Berlin') },
        },
      },
      201,
    );
  }
  const [, , , first, second, third] = path.split('/');
  if (first === 'link-requests') {
    if (third === 'confirm') return confirm(String(body.pin ?? ''), save);
    if (third === 'resend') {
      const n = (resends.get(second!) ?? 0) + 1;
      resends.set(second!, n);
      return second === RESENT ? problem(429, 'rate_limited', 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.', undefined, {}, 90) : json(issued(RESENT, 'DR90000043'), 202);
    }
  }
  const l = list.accounts.find((a) => a.accountId === first && a.role === 'sub');
  if (!l) return problem(404, 'not_found', 'Nicht gefunden.');
  if (method === 'POST' && second === 'switch') {
    if (key === token('switching')) return new Promise<Response>(() => {});
    return json(actingSession, 201);
  }
  if (method === 'PATCH') {
    const on = Boolean(body.collectiveInvoice);
    const c = l.collectiveInvoice!;
    return json(save({ ...l, collectiveInvoice: on === c.current ? { current: c.current, next: on, from: null } : { current: c.current, next: on, from: '2026-12-01' } }));
  }
  if (method === 'DELETE') {
    lists.set(key, { ...list, accounts: list.accounts.filter((a) => a.accountId !== l.accountId) });
    return json({ accountId: l.accountId, unlinkedAt: '2026-11-22T10:00:00.000Z', collectiveInvoiceUntil: l.collectiveInvoice?.current ? '2026-11-30' : null });
  }
  return problem(404, 'not_found', 'Nicht gefunden.');
}

const issued = (challengeId: string, customerNumber: string) => ({
  challengeId,
  expiresAt: '2099-01-01T00:00:00.000Z',
  sentTo: '+49 170 ••••• 34',
  emailTo: 'v•••••g@koeln.muster-hoertechnik.example',
  account: { customerNumber, displayName: 'Filiale Köln' },
});

function linkRequest(body: Record<string, unknown>): Response {
  const customerNumber = String(body.customerNumber ?? '');
  if (customerNumber === 'DR00000000') {
    return problem(422, 'validation_failed', CHECK, [
      { path: 'customerNumber', code: 'customer_number_unknown', message: 'Zu dieser Kundennummer finden wir kein Geschäftskonto. Bitte prüfen Sie die Nummer.' },
    ]);
  }
  if (customerNumber === 'DR90000099') {
    return problem(422, 'validation_failed', CHECK, [{ path: 'customerNumber', code: 'not_business', message: 'Nur Geschäftskonten können als Standort verknüpft werden.' }]);
  }
  return json(issued(CHALLENGE, customerNumber), 202);
}

function confirm(pin: string, save: (l: Location) => Location): Response {
  if (pin === '000000') {
    return problem(422, 'validation_failed', CHECK, [{ path: 'pin', code: 'pin_wrong', message: 'Der Code stimmt nicht. Bitte prüfen Sie ihn und versuchen Sie es erneut.' }], { attemptsLeft: 4 });
  }
  if (pin === '111111') {
    return problem(409, 'not_linkable', 'Dieses Konto kann nicht verknüpft werden.', undefined, { detail: 'Filiale Köln ist inzwischen Standort eines anderen Hauptaccounts und kann nicht mehr verknüpft werden.' });
  }
  if (pin === '222222') return problem(410, 'pin_superseded', 'Dieser Code wurde durch einen neueren ersetzt.');
  if (pin === '999999') return problem(410, 'pin_locked', 'Der Code wurde zu oft falsch eingegeben. Fordern Sie einen neuen Code an.');
  return json(
    save({
      accountId: COLOGNE_ID,
      customerNumber: 'DR90000043',
      displayName: 'Filiale Köln',
      siteAddress: address('Hohe Straße', '3', '50667', 'Köln'),
      status: 'active',
      role: 'sub',
      collectiveInvoice: { current: false, next: true, from: '2026-12-01' },
      linkedSince: '2026-11-22T10:00:00.000Z',
      via: 'code',
    }),
  );
}
