import type { Profile } from '../contract/portal.js';
import type { Locale, TenantConfig } from '../contract/tenant.js';
import { createApi } from '../widgets/core/api.js';
import type { Kit, Session } from '../widgets/core/context.js';

/** The fake BFF of the stories: answers by key, no network. */
export const FAKE_API = 'https://fake-bff.telkit.example';

export const fakeTenant: TenantConfig = {
  id: '00000000-0000-4000-8000-00000000d002',
  kind: 'reseller',
  name: 'Demo Reseller',
  branding: { logoUrl: null, theme: { 'color-primary': '#6b21a8' } },
  locales: ['de', 'en'],
  defaultLocale: 'de',
  legal: {
    termsUrl: 'https://demo-reseller.example/agb',
    termsVersion: '2026-01',
    privacyUrl: 'https://demo-reseller.example/datenschutz',
    imprintUrl: 'https://demo-reseller.example/impressum',
  },
  support: { email: 'hilfe@demo-reseller.example', phone: null, hours: null },
  tariffs: [
    { id: '7d3c5a1e-0000-4000-8000-000000000001', code: 'partner-privat', name: 'Partner Privat', accountTypes: ['private'], monthlyPriceCents: 590, oneOffFeeCents: 0, currency: 'EUR', minimumTermMonths: 1, noticePeriodMonths: 1, forSubUsers: false, forPorting: false },
    { id: '7d3c5a1e-0000-4000-8000-000000000002', code: 'partner-beruf', name: 'Partner Beruf', accountTypes: ['professional'], monthlyPriceCents: 1590, oneOffFeeCents: 0, currency: 'EUR', minimumTermMonths: 12, noticePeriodMonths: 1, forSubUsers: false, forPorting: false },
    { id: '7d3c5a1e-0000-4000-8000-000000000003', code: 'partner-business', name: 'Partner Business', accountTypes: ['business'], monthlyPriceCents: 3490, oneOffFeeCents: 2900, currency: 'EUR', minimumTermMonths: 12, noticePeriodMonths: 3, forSubUsers: false, forPorting: false },
    { id: '7d3c5a1e-0000-4000-8000-000000000004', code: 'partner-mitbenutzer', name: 'Partner Mitbenutzer', accountTypes: [], monthlyPriceCents: 990, oneOffFeeCents: 0, currency: 'EUR', minimumTermMonths: 1, noticePeriodMonths: 1, forSubUsers: true, forPorting: false },
    { id: '7d3c5a1e-0000-4000-8000-000000000005', code: 'partner-mitbenutzer-plus', name: 'Partner Mitbenutzer Plus', accountTypes: [], monthlyPriceCents: 1490, oneOffFeeCents: 990, currency: 'EUR', minimumTermMonths: 12, noticePeriodMonths: 1, forSubUsers: true, forPorting: false },
  ],
  vatRate: 19,
};

/** Keys the fake BFF knows: a good one, a wrong one, one whose requests never get an answer, one offline. */
export const FAKE_KEYS = { good: 'tk_pub_story', wrong: 'tk_pub_wrong', slow: 'tk_pub_slow', offline: 'tk_pub_offline', expiredSession: 'tk_ses_expired' } as const;

export const fakeProfile: Profile = {
  username: 'max.muster',
  displayName: 'Max Muster',
  role: 'account_admin',
  email: 'max@muster-hoertechnik.example',
  acting: null,
  mobile: '+49 151 ••••• 78',
  account: { customerNumber: 'DR90000019', accountType: 'business' },
};
/** A logged-in session the fake BFF accepts; `FAKE_KEYS.expiredSession` is one it answers with `session_expired`. */
export const FAKE_SESSION: Session = { token: 'tk_ses_story', expiresAt: '2099-01-01T00:00:00.000Z', components: null, user: fakeProfile };
const RESENT = '00000000-0000-4000-8000-0000000000a2';
const challenge = (id = '00000000-0000-4000-8000-0000000000a1') => ({ challengeId: id, expiresAt: '2099-01-01T00:10:00.000Z', sentTo: '+49 151 ••••• 78' });

let installed = false;
export function installFakeApi(): void {
  if (installed) return;
  installed = true;
  const real = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(FAKE_API)) return real(input, init);
    const key = request.headers.get('authorization')?.replace('Bearer ', '');
    if (key === FAKE_KEYS.offline) throw new TypeError('Failed to fetch');
    if (key === FAKE_KEYS.slow) return new Promise<Response>(() => {});
    const path = new URL(request.url).pathname;
    if (key === FAKE_SESSION.token || key === FAKE_KEYS.expiredSession) return answerSession(request.method, path, await request.text(), key);
    if (key === FAKE_KEYS.good && request.method === 'POST') return answerPost(path, await request.text());
    if (key !== FAKE_KEYS.good) {
      return new Response(
        JSON.stringify({ type: 'https://telkit.dev/problems/unauthorized', title: 'Unauthorized', status: 401, code: 'unauthorized', requestId: 'story' }),
        { status: 401, headers: { 'content-type': 'application/problem+json' } },
      );
    }
    return new Response(JSON.stringify(fakeTenant), { headers: { 'content-type': 'application/json' } });
  };
}

/** A request to the fake BFF as a feature's fake routes see it. */
export interface FakeRequest {
  method: string;
  path: string;
  /** The bearer: a publishable key or a session token. */
  key: string;
  body: Record<string, unknown>;
  idempotencyKey: string | null;
}

/**
 * Puts a feature's fake routes in front of the fake BFF (`installFakeApi`): each request to it that `mine`
 * claims goes to `answer` with its JSON body (`pass` hands it on to the routes behind); the others pass on.
 */
export function routeFakeApi(mine: (path: string, key: string) => boolean, answer: (r: FakeRequest, pass: () => Promise<Response>) => Response | Promise<Response>): void {
  installFakeApi();
  const inner = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const key = request.headers.get('authorization')?.replace('Bearer ', '') ?? '';
    if (!request.url.startsWith(FAKE_API) || !mine(path, key)) return inner(input, init);
    const text = await request.clone().text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    return answer({ method: request.method, path, key, body, idempotencyKey: request.headers.get('idempotency-key') }, () => inner(input, init));
  };
}

const problem = (status: number, code: string, title: string, errors?: unknown[], extensions: Record<string, unknown> = {}, retryAfter?: number) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, errors, ...extensions, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...(retryAfter && { 'retry-after': String(retryAfter) }) },
  });
const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The fake BFF's creating routes. Signups: an e-mail starting with `slow` never gets an answer (busy),
 * `offline` fails like a lost connection, `server-error` is refused with a field error; others succeed.
 * Confirmations: the tokens `expired`, `used` and `superseded` behave as their names say.
 */
async function answerPost(path: string, body: string): Promise<Response> {
  if (path === '/v1/signups') {
    const email = /"email":"([^"]+)"/.exec(body)?.[1] ?? '';
    if (email.startsWith('slow')) return new Promise<Response>(() => {});
    if (email.startsWith('offline')) throw new TypeError('Failed to fetch');
    if (email.startsWith('server-error')) {
      return problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [
        { path: 'payment.iban', code: 'iban_checksum', message: 'Die IBAN ist nicht gültig: Die Prüfziffer stimmt nicht. Bitte prüfen Sie jede Stelle.' },
      ]);
    }
    // `limited…`: the done screen's resend is refused with Retry-After (its own signup id says so).
    const id = `00000000-0000-4000-8000-0000000000${email.startsWith('limited') ? 'c2' : 'c1'}`;
    return json({ id, status: 'pending_confirmation', email, mandateReference: 'DR-20261121-ABCDEF', handle: 'tk_sgh_story_story_story_story' }, 201);
  }
  const done = /^\/v1\/signups\/([\w-]+)\/(resend|email)$/.exec(path);
  if (done) {
    if (done[2] === 'resend') return done[1]!.endsWith('c2') ? problem(429, 'rate_limited', 'Zu viele Anfragen.', undefined, {}, 90) : json({ status: 'sent', retryAfter: 60 }, 202);
    const email = fieldsOf(body).email ?? '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: 'email', code: 'invalid_email', message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' }]);
    return json({ id: done[1], email: email.toLowerCase(), status: 'pending_confirmation', retryAfter: 60 }, 200);
  }
  if (path.startsWith('/v1/sessions') || path.startsWith('/v1/password-')) return answerPortal(path, body);
  const token = /"token":"([^"]+)"/.exec(body)?.[1] ?? '';
  if (path === '/v1/confirmations/resend') return json({ status: 'sent' }, 202);
  if (token.startsWith('expired')) return problem(410, 'link_expired', 'Dieser Link ist abgelaufen. Fordern Sie einen neuen Link an.');
  if (token.startsWith('superseded')) return problem(410, 'link_superseded', 'Es gibt einen neueren Link. Bitte verwenden Sie den Link aus der neuesten E-Mail.');
  if (token.startsWith('used')) return json({ status: 'already_confirmed' }, 200);
  return json({ status: 'confirmed' }, 200);
}

/** A complete kit for stories and tests: the fake API, the given locale, the fake tenant; logged in with `session`. */
export function fakeKit(locale: Locale, options: { session?: Session } = {}): Kit {
  const kit: Kit = {
    api: createApi({
      baseUrl: FAKE_API,
      credential: () => FAKE_KEYS.good,
      session: () => kit.session?.token,
      onSessionExpired: () => kit.setSession(undefined, 'expired'),
      locale: () => locale,
    }),
    locale,
    tenant: fakeTenant,
    session: options.session,
    // Stories hand the kit to one widget directly: it re-reads `kit.session` when it re-renders.
    setSession(session) {
      kit.session = session;
    },
  };
  return kit;
}

/** The JSON body's fields the fake BFF looks at. */
const fieldsOf = (body: string) => (JSON.parse(body || '{}') as Record<string, string | undefined>);

/**
 * The fake BFF's portal routes. Login: the username `locked` is locked, any password but `richtig`
 * (German for "right") is wrong. PINs: `000000` is wrong (4 tries left), `999999` locked, `111111`
 * expired, others right; a second new code is refused with `Retry-After: 90`. Password setup: the token `expired` has expired; `passwortpasswort` is common.
 */
function answerPortal(path: string, body: string): Response {
  const field = fieldsOf(body);
  const pin = field.pin;
  if (pin === '000000') {
    return problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: 'pin', code: 'pin_wrong', message: 'Der Code stimmt nicht. Bitte prüfen Sie die SMS und versuchen Sie es erneut.' }], { attemptsLeft: 4 });
  }
  if (pin === '999999') return problem(410, 'pin_locked', 'Der Code wurde zu oft falsch eingegeben. Fordern Sie einen neuen Code an.');
  if (pin === '111111') return problem(410, 'pin_expired', 'Der Code ist abgelaufen. Fordern Sie einen neuen Code an.');
  switch (path) {
    case '/v1/sessions':
      if (field.username === 'locked') return problem(429, 'account_locked', 'Zu viele fehlgeschlagene Anmeldungen. Der Zugang ist vorübergehend gesperrt.');
      if (field.username === 'limited') return limited(109);
      if (field.password !== 'richtig') return problem(401, 'invalid_credentials', 'Benutzername oder Passwort stimmen nicht.');
      return json(challenge(), 202);
    case '/v1/sessions/verify':
      return json(FAKE_SESSION, 201);
    case '/v1/sessions/resend':
    case '/v1/password-setup/resend':
      return resend(field.challengeId);
    case '/v1/password-setup':
      if (field.token?.startsWith('expired')) return problem(410, 'link_expired', 'Dieser Link ist abgelaufen. Fordern Sie einen neuen Link an.');
      if (field.password === 'passwortpasswort') {
        return problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: 'password', code: 'password_common', message: 'Dieses Passwort ist weit verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.' }]);
      }
      return json(challenge(), 202);
    case '/v1/password-setup/verify':
      return json({ status: 'password_set', username: fakeProfile.username }, 200);
    case '/v1/password-resets':
      return json({ status: 'accepted' }, 202);
    default:
      return problem(404, 'not_found', 'Nicht gefunden.');
  }
}

/** A refused request with the server's `Retry-After`. */
function limited(seconds: number): Response {
  const refused = problem(429, 'rate_limited', 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.');
  refused.headers.set('retry-after', String(seconds));
  return refused;
}

/** A new code for the first challenge; asked again for the new one, the limit is reached (90 s to wait). */
function resend(challengeId: string | undefined): Response {
  return challengeId === RESENT ? limited(90) : json(challenge(RESENT), 202);
}

const CHECK = 'Bitte prüfen Sie Ihre Eingaben.';
const WRONG_PASSWORD = 'Das Passwort stimmt nicht.';

/**
 * Routes of a logged-in user. Step-up and "change password": the password `richtig` is right; a new
 * password `passwortpasswort` is common. The new address `abgelaufen@firma.example` finds the step-up
 * run out (`step_up_required`).
 */
function answerSession(method: string, path: string, body: string, token: string): Response {
  if (token === FAKE_KEYS.expiredSession) return problem(401, 'session_expired', 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.');
  const field = fieldsOf(body);
  if (method === 'DELETE' && path === '/v1/sessions/current') return new Response(null, { status: 204 });
  if (method === 'GET' && path === '/v1/me') return json(fakeProfile, 200);
  if (method === 'GET' && path === '/v1/sessions/current') return json({ expiresAt: new Date(Date.now() + 3_600_000).toISOString(), components: null, user: fakeProfile }, 200);
  if (path === '/v1/me/step-up') {
    if (field.password !== 'richtig') return problem(422, 'validation_failed', CHECK, [{ path: 'password', code: 'password_wrong', message: WRONG_PASSWORD }]);
    return json({ steppedUpUntil: new Date(Date.now() + 300_000).toISOString() }, 200);
  }
  if (path === '/v1/me/password') {
    if (field.currentPassword !== 'richtig') return problem(422, 'validation_failed', CHECK, [{ path: 'currentPassword', code: 'password_wrong', message: WRONG_PASSWORD }]);
    if (field.newPassword === 'passwortpasswort') {
      return problem(422, 'validation_failed', CHECK, [{ path: 'newPassword', code: 'password_common', message: 'Dieses Passwort ist weit verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.' }]);
    }
    return json({ status: 'password_changed' }, 200);
  }
  if (method === 'PATCH' && path === '/v1/me') {
    if (field.email === 'abgelaufen@firma.example') return problem(403, 'step_up_required', 'Bitte bestätigen Sie zuerst Ihr Passwort. Die Bestätigung gilt 5 Minuten.');
    if (field.email) return json({ status: 'verification_sent', email: field.email }, 202);
    return json(challenge(), 202);
  }
  if (path === '/v1/me/mobile/verify') {
    if (field.pin === '000000') return answerPortal('/v1/sessions/verify', body);
    return json({ ...fakeProfile, mobile: '+49 171 ••••• 43' }, 200);
  }
  if (path === '/v1/me/mobile/resend') return resend(field.challengeId);
  return problem(404, 'not_found', 'Nicht gefunden.');
}
