import type { Locale } from '../contract/locales.js';
import type { SubUser, SubUserStatus } from '../contract/sub-users.js';
import type { Kit } from '../widgets/core/context.js';
import { FAKE_SESSION, fakeKit, fakeTenant, routeFakeApi } from './fake-kit.js';

/**
 * The fake BFF of `tk-sub-users` for stories and browser tests: `/v1/sub-users` of the fake kit, answered
 * from memory, one list per scenario (chosen by the session token `subUsersKit` hands out):
 *
 * - `all`: a co-user in every status (a pending one whose resend waits, an expired link, a tariff change to come);
 * - `expired` (one co-user whose link ran out), `empty`, `many` (14, for the search), `slow` (the list never comes), `error` (500), `forbidden` (403, a co-user's session).
 *
 * Adding: an e-mail starting with `slow` never gets an answer (busy), `server-error` is refused with field
 * errors on the mobile number and the invoice note. Cancelling Jonas Beispiel at a later date before
 * 31 January 2027 is refused with `end_date_too_early` (the BFF's earliest date moved on since the list
 * loaded). Resending to Lena Limit is refused with `Retry-After: 90`.
 */
export type SubUsersScenario = 'all' | 'empty' | 'many' | 'expired' | 'slow' | 'error' | 'forbidden';

const [mitbenutzer, plus] = fakeTenant.tariffs.filter((t) => t.forSubUsers) as [(typeof fakeTenant.tariffs)[number], (typeof fakeTenant.tariffs)[number]];
const ref = (t: { id: string; name: string }) => ({ id: t.id, name: t.name });
let sequence = 0;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A co-user as the BFF answers, in `status`, with sensible values for the rest. */
export function subUser(firstName: string, lastName: string, status: SubUserStatus, extra: Partial<SubUser> = {}): SubUser {
  const n = ++sequence;
  const confirmed = status === 'active' || status === 'cancellation_scheduled' || status === 'cancelled';
  const login = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    id: id(5000 + n),
    status,
    salutation: 'none',
    firstName,
    lastName,
    email: `${login}@muster-hoertechnik.example`,
    mobile: '+49 170 ••••• 12',
    username: confirmed ? login : null,
    sipAddress: confirmed ? `${login}@sip.demo-reseller.example` : null,
    customerNumber: confirmed ? `DR9000${String(1000 + n)}` : null,
    tariff: ref(mitbenutzer),
    nextTariff: null,
    invoiceNote: null,
    invoiceNoteFrom: null,
    createdAt: '2026-10-01T08:00:00.000Z',
    confirmationSentAt: status === 'expired' ? '2026-11-02T09:15:00.000Z' : '2026-11-21T13:03:00.000Z',
    confirmationExpiresAt: status === 'expired' ? '2026-11-09T09:15:00.000Z' : '2026-11-28T13:03:00.000Z',
    resendAfter: 0,
    confirmedAt: confirmed ? '2026-10-02T10:00:00.000Z' : null,
    startsOn: confirmed ? '2026-10-02' : null,
    earliestEndDate: status === 'active' ? '2026-12-31' : null,
    cancellation: status === 'cancellation_scheduled' ? { receivedAt: '2026-11-20T10:00:00.000Z', endsOn: '2026-12-31' } : status === 'cancelled' ? { receivedAt: '2026-09-01T10:00:00.000Z', endsOn: '2026-09-30' } : null,
    cancelledAt: status === 'cancelled' ? '2026-09-30T22:00:00.000Z' : null,
    ...extra,
  };
}

const every = () => [
  subUser('Anna', 'Muster', 'active', { salutation: 'ms', invoiceNote: 'Kostenstelle 4711' }),
  subUser('Jonas', 'Beispiel', 'active', { nextTariff: { ...ref(plus), from: '2026-12-01' } }),
  subUser('Lena', 'Limit', 'pending_confirmation'),
  subUser('Paul', 'Pending', 'pending_confirmation', { resendAfter: 45 }),
  subUser('Karl', 'Kündig', 'cancellation_scheduled'),
  subUser('Emil', 'Ende', 'cancelled'),
  subUser('Erika', 'Expired', 'expired'),
];
const FIRST = ['Ada', 'Ben', 'Cem', 'Dana', 'Eva', 'Finn', 'Gül', 'Hans', 'Ida', 'Jan', 'Kim', 'Lea', 'Mia', 'Noah'];
const LAST = ['Adler', 'Bauer', 'Çelik', 'Dahl', 'Engel', 'Fuchs', 'Graf', 'Horn', 'Iske', 'Jung', 'Kranz', 'Lang', 'Mohr', 'Nagel'];
const many = () => FIRST.map((f, i) => subUser(f, LAST[i]!, i % 3 === 0 ? 'pending_confirmation' : 'active'));

const byName = (a: SubUser, b: SubUser) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName);
const lists = new Map<string, SubUser[]>();
/** Resends per co-user since the kit was made. */
const resends = new Map<string, number>();
const token = (scenario: SubUsersScenario) => `tk_ses_su_${scenario}`;

/** What the fake BFF received, for tests: method, path, JSON body and Idempotency-Key. */
export const subUserRequests: { method: string; path: string; body: Record<string, unknown>; idempotencyKey: string | null }[] = [];

/** A kit whose session is a business account's administrator; `scenario` picks the fake BFF's list (fresh each time). */
export function subUsersKit(locale: Locale, scenario: SubUsersScenario = 'all'): Kit {
  installSubUsersApi();
  sequence = 0;
  resends.clear();
  lists.set(token(scenario), (scenario === 'all' ? every() : scenario === 'many' ? many() : scenario === 'expired' ? [subUser('Erika', 'Expired', 'expired')] : []).sort(byName));
  return fakeKit(locale, { session: { ...FAKE_SESSION, token: token(scenario) } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, title: string, errors?: unknown[], retryAfter?: number) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, errors, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...(retryAfter && { 'retry-after': String(retryAfter) }) },
  });
const CHECK = 'Bitte prüfen Sie Ihre Eingaben.';

let installed = false;
/** Puts the fake `/v1/sub-users` in front of the fake kit's BFF (`installFakeApi`). */
export function installSubUsersApi(): void {
  if (installed) return;
  installed = true;
  routeFakeApi(
    (path) => path.startsWith('/v1/sub-users'),
    (r) => {
      subUserRequests.push({ method: r.method, path: r.path, body: r.body, idempotencyKey: r.idempotencyKey });
      return answer(r.key === FAKE_SESSION.token ? token('all') : r.key, r.method, r.path, r.body);
    },
  );
}

function answer(key: string, method: string, path: string, body: Record<string, unknown>): Response | Promise<Response> {
  if (key === token('slow')) return new Promise<Response>(() => {});
  if (key === token('error')) return problem(500, 'internal', 'Ein unerwarteter Fehler ist aufgetreten.');
  if (key === token('forbidden') || !lists.has(key)) return problem(403, 'forbidden', 'Dieser Zugriff ist nicht erlaubt.');
  const list = lists.get(key)!;
  const save = (s: SubUser) => {
    lists.set(key, [...list.filter((x) => x.id !== s.id), s].sort(byName));
    return s;
  };
  if (method === 'GET' && path === '/v1/sub-users') return json({ subUsers: list });
  if (method === 'POST' && path === '/v1/sub-users') return create(body, save);
  const [, , , subId, action] = path.split('/');
  const s = list.find((x) => x.id === subId);
  if (!s) return problem(404, 'not_found', 'Nicht gefunden.');
  if (method === 'PATCH' && !action) {
    const next = { ...s };
    if (typeof body.email === 'string') next.email = body.email.toLowerCase();
    if ('invoiceNote' in body) next.invoiceNote = (body.invoiceNote as string | null) || null;
    const tariff = fakeTenant.tariffs.find((t) => t.id === body.tariffId);
    if (tariff) next.nextTariff = tariff.id === s.tariff.id ? null : { ...ref(tariff), from: '2026-12-01' };
    return json({ subUser: save(next), effective: { invoiceNote: 'invoiceNote' in body ? '2026-12-01' : null, tariff: tariff && tariff.id !== s.tariff.id ? '2026-12-01' : null, email: 'email' in body } });
  }
  if (action === 'resend') {
    resends.set(s.id, (resends.get(s.id) ?? 0) + 1);
    if (s.lastName === 'Limit' && resends.get(s.id)! > 1) return problem(429, 'rate_limited', 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.', undefined, 90);
    return json({ subUser: save({ ...s, status: 'pending_confirmation', confirmationSentAt: '2026-11-22T13:03:00.000Z', resendAfter: 60 }), retryAfter: 60 });
  }
  if (action === 'withdraw-cancellation') return json(save({ ...s, status: 'active', cancellation: null, earliestEndDate: '2026-12-31' }));
  if (action === 'cancel') {
    const endDate = body.endDate as string | undefined;
    if (s.lastName === 'Beispiel' && endDate && endDate < '2027-01-31') {
      return problem(422, 'validation_failed', CHECK, [{ path: 'endDate', code: 'end_date_too_early', message: 'Dieses Datum liegt vor dem frühestmöglichen Vertragsende. Bitte wählen Sie dieses oder ein späteres Datum.' }]);
    }
    const receivedAt = '2026-11-22T13:03:00.000Z';
    const pending = s.status !== 'active';
    const endsOn = pending ? null : (endDate ?? s.earliestEndDate!);
    const cancelled = save({ ...s, status: pending ? 'cancelled' : 'cancellation_scheduled', cancellation: endsOn ? { receivedAt, endsOn } : null, cancelledAt: pending ? receivedAt : null });
    return json({ subUser: cancelled, receivedAt, endsOn, earliestEndDate: s.earliestEndDate, reference: 'KDG-2026-11-22-0042' });
  }
  return problem(404, 'not_found', 'Nicht gefunden.');
}

function create(body: Record<string, unknown>, save: (s: SubUser) => SubUser): Response | Promise<Response> {
  const email = String(body.email ?? '');
  if (email.startsWith('slow')) return new Promise<Response>(() => {});
  if (email.startsWith('server-error')) {
    return problem(422, 'validation_failed', CHECK, [
      { path: 'mobile', code: 'mobile_invalid', message: 'Bitte geben Sie eine Mobilnummer an, zum Beispiel 0170 1234567. An sie senden wir SMS-Codes.' },
      { path: 'invoiceNote', code: 'invoice_note_characters', message: 'Der Rechnungszusatz kann dieses Zeichen nicht drucken. Bitte verwenden Sie Buchstaben (auch ä, ö, ü, ß, é), Ziffern und übliche Satzzeichen.' },
    ]);
  }
  const tariff = fakeTenant.tariffs.find((t) => t.id === body.tariffId) ?? mitbenutzer;
  const created = subUser(String(body.firstName), String(body.lastName), 'pending_confirmation', {
    salutation: body.salutation as SubUser['salutation'],
    email: email.toLowerCase(),
    tariff: ref(tariff),
    invoiceNote: (body.invoiceNote as string | null) ?? null,
    resendAfter: 60,
  });
  return json(save(created), 201);
}
