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
  passkeys: { rpId: null },
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

// second factors: login and password setup

/** The fake WebAuthn options: any passkey of the page's host (the stories' and tests' stubbed `navigator.credentials` answer them). */
const fakeCeremony = (id: string) => ({
  challengeId: id,
  options: { challenge: 'Y2hhbGxlbmdl', rpId: typeof location === 'undefined' ? 'localhost' : location.hostname, allowCredentials: [], userVerification: 'required', timeout: 60000 },
});
const STEP = { totp: '00000000-0000-4000-8000-0000000000b1', recovery: '00000000-0000-4000-8000-0000000000b2', passkey: '00000000-0000-4000-8000-0000000000b3' } as const;
const SETUP_ENROL = '00000000-0000-4000-8000-0000000000b5';
/** Ten recovery codes as the BFF shows them once. */
export const FAKE_RECOVERY_CODES = ['7KQM-2XHD-PW4N', 'B9TR-MZ3C-K6VA', 'H2NE-Q8WJ-5LSD', 'R4YP-C7GU-X2MB', 'W6DK-N3FH-9TQE', 'Z8LA-V5PS-J3RC', 'E3MX-K9BW-4HNT', 'P7UG-D2RY-L6FK', 'S5CJ-T8QN-A2WZ', 'U4HV-F6MD-G9XP'];
const FAKE_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** A small stand-in for the BFF's QR code (an SVG data URL, as `qr` in TotpEnrolment). */
const FAKE_QR = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="21" height="21" fill="#fff"/><path d="M1 1h7v7H1zM13 1h7v7h-7zM1 13h7v7H1zM10 10h2v2h-2z"/></svg>')}`;

/** A login step for `factor`, of an account with `factors`. */
function loginStep(factor: 'passkey' | 'totp' | 'sms' | 'recovery', factors: string[]) {
  const id = factor === 'sms' ? challenge().challengeId : STEP[factor];
  return { challengeId: id, expiresAt: '2099-01-01T00:10:00.000Z', factor, factors, sentTo: factor === 'sms' ? challenge().sentTo : null, passkey: factor === 'passkey' ? fakeCeremony(STEP.passkey) : null };
}

let secondFactors = false;
/**
 * The fake BFF's second factors, in front of `installFakeApi`'s routes. Login with the password `richtig`:
 * the username `app` has an authenticator app (then SMS and recovery codes), `passkey` a passkey (then app,
 * SMS, recovery codes); other names get the SMS step as before. App code `000000` and recovery code
 * `AAAA-AAAA-AAAA` are wrong (4 tries left), others right. A passkey answer with the id `refused` is refused
 * (`passkey_failed`). Password setup: a token starting with `nomobile` belongs to an account without a mobile
 * number (`factor: 'enrol'`); the app's first code `000000` is wrong.
 */
export function installSecondFactorFakes(): void {
  if (secondFactors) return;
  secondFactors = true;
  const factorsOf: Record<string, string[]> = { app: ['totp', 'sms', 'recovery'], passkey: ['passkey', 'totp', 'sms', 'recovery'] };
  let account = factorsOf.app!;
  routeFakeApi(
    (path, key) => key === FAKE_KEYS.good && /^\/v1\/(sessions|password-setup)/.test(path),
    ({ path, body }, pass) => {
      const wrong = (field: string, code: string, message: string) =>
        problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: field, code, message }], { attemptsLeft: 4 });
      const done = () => json({ status: 'password_set', username: fakeProfile.username, recoveryCodes: FAKE_RECOVERY_CODES }, 200);
      switch (path) {
        case '/v1/sessions': {
          const factors = factorsOf[String(body.username)];
          if (!factors || body.password !== 'richtig') return pass();
          account = factors;
          return json(loginStep(factors[0] as 'totp' | 'passkey', factors), 202);
        }
        case '/v1/sessions/factor':
          return json(loginStep(body.factor as 'sms', account), 202);
        case '/v1/sessions/verify':
          if (body.pin === '999999') return pass(); // locked, as a PIN
          if (body.challengeId === STEP.totp && body.pin === '000000') return wrong('pin', 'totp_wrong', 'Der Code stimmt nicht oder wurde schon verwendet. Geben Sie den Code ein, den die App gerade zeigt.');
          // An app's step takes recovery codes too (the widget switches to them without a request).
          if ((body.challengeId === STEP.recovery || body.challengeId === STEP.totp) && String(body.pin).toUpperCase() === 'AAAA-AAAA-AAAA') {
            return wrong('pin', 'recovery_wrong', 'Dieser Wiederherstellungscode stimmt nicht oder wurde schon verwendet.');
          }
          return body.challengeId === STEP.totp || body.challengeId === STEP.recovery ? json(FAKE_SESSION, 201) : pass();
        case '/v1/sessions/passkey/options':
          return json(fakeCeremony('00000000-0000-4000-8000-0000000000b4'), 200);
        case '/v1/sessions/passkey':
          return (body.credential as { id?: string } | undefined)?.id === 'refused'
            ? problem(401, 'passkey_failed', 'Der Passkey wurde nicht erkannt. Versuchen Sie es erneut oder melden Sie sich mit Passwort an.')
            : json(FAKE_SESSION, 201);
        case '/v1/password-setup':
          if (!String(body.token).startsWith('nomobile')) return pass();
          return json({ challengeId: SETUP_ENROL, expiresAt: '2099-01-01T00:10:00.000Z', factor: 'enrol', sentTo: null }, 202);
        case '/v1/password-setup/passkey/options': {
          const { challengeId, options } = fakeCeremony('00000000-0000-4000-8000-0000000000b6');
          const creation = {
            challenge: options.challenge,
            rp: { id: options.rpId, name: fakeTenant.name },
            user: { id: 'dXNlci0x', name: fakeProfile.username, displayName: fakeProfile.displayName },
            pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
            authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
          };
          return json({ challengeId, options: creation }, 200);
        }
        case '/v1/password-setup/passkey':
          return done();
        case '/v1/password-setup/totp':
          return json({ secret: FAKE_TOTP_SECRET, uri: `otpauth://totp/Demo%20Reseller:max.muster?secret=${FAKE_TOTP_SECRET}&issuer=Demo%20Reseller`, qr: FAKE_QR }, 201);
        case '/v1/password-setup/totp/confirm':
          return body.code === '000000' ? wrong('code', 'totp_wrong', 'Der Code stimmt nicht oder wurde schon verwendet. Geben Sie den Code ein, den die App gerade zeigt.') : done();
        default:
          return pass();
      }
    },
  );
}

/**
 * A stand-in for the browser's passkeys (`navigator.credentials`), for stories and tests: `get` and `create`
 * answer with a credential whose id is `id` (`refused`: the fake BFF refuses it); `null` as the id: the person
 * cancels (NotAllowedError). A conditional request waits until aborted, like a browser with no passkey picked;
 * with `wait`, every request does (the browser's dialog stays open).
 */
export function stubPasskeys(id: string | null = 'passkey-1', o: { wait?: boolean } = {}): { requests: CredentialMediationRequirement[] } {
  const seen = { requests: [] as CredentialMediationRequirement[] };
  const answer = (options?: CredentialRequestOptions) =>
    new Promise<unknown>((resolve, reject) => {
      seen.requests.push(options?.mediation ?? 'optional');
      const abort = () => reject(new DOMException('aborted', 'AbortError'));
      if (options?.signal?.aborted) return abort();
      options?.signal?.addEventListener('abort', abort);
      if (options?.mediation === 'conditional' || o.wait) return;
      if (id === null) return reject(new DOMException('cancelled', 'NotAllowedError'));
      resolve({ toJSON: () => ({ id, rawId: id, type: 'public-key', response: {}, clientExtensionResults: {} }) });
    });
  Object.defineProperty(navigator, 'credentials', { configurable: true, value: { get: answer, create: answer } });
  return seen;
}

/** A fake kit whose tenant's passkeys belong to the page's host, so that `tk-login` offers passkey sign-in. */
export function fakePasskeyKit(locale: Locale): Kit {
  const kit = fakeKit(locale);
  kit.tenant = { ...fakeTenant, passkeys: { rpId: location.hostname } };
  return kit;
}
// second factors: profile and signup
import { encodeQR } from 'qr';
import type { Factors } from '../contract/factors.js';

/**
 * The fake BFF's second factors of the logged-in user (`/v1/me/factors…`), from one of these starting
 * points (`useFakeFactors`, before the widget renders). Passkeys: the device is the browser's (a test stubs
 * `navigator.credentials.create`). Authenticator app: the code `000000` is wrong, others right. Removing
 * the last factor besides the password is refused (`last_factor`), and so is turning SMS sign-in off without a
 * passkey or app, or with passkeys only and no recovery code left (`recovery_codes_needed`). `noMobile`: the
 * profile has no mobile number. `smsOff`: passkey and app, SMS sign-in turned off (the number stays on record).
 * `passkeyNoCodes`: SMS and a passkey, every recovery code used.
 */
export type FakeFactors = 'sms' | 'all' | 'passkeyOnly' | 'noMobile' | 'smsOff' | 'passkeyNoCodes';
let factorsPreset: FakeFactors = 'sms';
let factors: Factors;
const day = (d: number) => new Date(Date.UTC(2026, 9, d, 9)).toISOString();
const fakeCodes = () => [...'ABCDEFGHJK'].map((c) => `K7PM-${c}Q4R-X${c}NW`);
const fakeQr = `data:image/svg+xml;base64,${btoa(encodeQR('otpauth://totp/Demo%20Reseller:max.muster?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Demo%20Reseller', 'svg'))}`;

export function useFakeFactors(preset: FakeFactors): void {
  factorsPreset = preset;
  const laptop = { id: '00000000-0000-4000-8000-0000000000f1', label: 'Laptop', createdAt: day(2), lastUsedAt: day(20), synced: false };
  const phone = { id: '00000000-0000-4000-8000-0000000000f2', label: 'iPhone', createdAt: day(5), lastUsedAt: null, synced: true };
  const mobile = '+49 151 ••••• 78';
  const sms = { mobile };
  factors = {
    sms: { passkeys: [], totp: null, sms, mobile, recoveryCodes: null, passkeysAvailable: true },
    all: { passkeys: [laptop, phone], totp: { createdAt: day(3), lastUsedAt: day(18) }, sms, mobile, recoveryCodes: { remaining: 7, createdAt: day(2) }, passkeysAvailable: true },
    passkeyOnly: { passkeys: [laptop], totp: null, sms: null, mobile: null, recoveryCodes: { remaining: 10, createdAt: day(2) }, passkeysAvailable: true },
    noMobile: { passkeys: [], totp: { createdAt: day(3), lastUsedAt: null }, sms: null, mobile: null, recoveryCodes: { remaining: 10, createdAt: day(3) }, passkeysAvailable: true },
    passkeyNoCodes: { passkeys: [laptop], totp: null, sms, mobile, recoveryCodes: { remaining: 0, createdAt: day(2) }, passkeysAvailable: true },
    smsOff: { passkeys: [laptop], totp: { createdAt: day(3), lastUsedAt: day(18) }, sms: null, mobile, recoveryCodes: { remaining: 10, createdAt: day(2) }, passkeysAvailable: true },
  }[preset];
}
useFakeFactors('sms');

routeFakeApi(
  (path, key) => key === FAKE_SESSION.token && (path.startsWith('/v1/me/factors') || (path === '/v1/me' && factorsPreset === 'noMobile')),
  ({ method, path, body }, pass) => {
    if (path === '/v1/me') return method === 'GET' ? json({ ...fakeProfile, mobile: null }, 200) : pass();
    const copy = () => structuredClone(factors);
    const hasOther = () => factors.passkeys.length + (factors.totp ? 1 : 0) > 0;
    /** The first factor besides SMS gives the recovery codes. */
    const added = (first: boolean) => {
      if (first) factors.recoveryCodes = { remaining: 10, createdAt: new Date().toISOString() };
      return json({ factors: copy(), recoveryCodes: first ? fakeCodes() : null }, method === 'POST' && path.endsWith('/passkeys') ? 201 : 200);
    };
    const lastFactor = () => problem(409, 'last_factor', 'Das ist Ihre letzte Anmeldemethode neben dem Passwort. Richten Sie zuerst eine andere ein, dann können Sie diese entfernen oder ausschalten.');
    const count = () => factors.passkeys.length + (factors.totp ? 1 : 0) + (factors.sms ? 1 : 0);
    const sub = path.slice('/v1/me/factors'.length);
    if (method === 'GET' && sub === '') return json(copy(), 200);
    if (sub === '/passkeys/options') {
      const options = {
        challenge: 'c3RvcnktY2hhbGxlbmdl',
        rp: { name: fakeTenant.name, id: location.hostname },
        user: { id: 'bWF4Lm11c3Rlcg', name: 'max.muster', displayName: 'Max Muster' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        timeout: 60_000,
      };
      return json({ challengeId: '00000000-0000-4000-8000-0000000000c1', options }, 200);
    }
    if (method === 'POST' && sub === '/passkeys') {
      const first = !hasOther();
      factors.passkeys.push({ id: crypto.randomUUID(), label: String(body.label ?? 'Passkey'), createdAt: new Date().toISOString(), lastUsedAt: null, synced: false });
      return added(first);
    }
    if (method === 'DELETE' && sub.startsWith('/passkeys/')) {
      if (count() <= 1) return lastFactor();
      factors.passkeys = factors.passkeys.filter((k) => k.id !== sub.slice('/passkeys/'.length));
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && sub === '/totp') return json({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', uri: 'otpauth://totp/…', qr: fakeQr }, 201);
    if (sub === '/totp/confirm') {
      if (body.code === '000000') {
        return problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: 'code', code: 'totp_wrong', message: 'Dieser Code stimmt nicht oder ist schon verwendet. Geben Sie den Code ein, den die App gerade anzeigt.' }]);
      }
      const first = !hasOther();
      factors.totp = { createdAt: new Date().toISOString(), lastUsedAt: null };
      return added(first);
    }
    if (method === 'DELETE' && sub === '/totp') {
      if (count() <= 1) return lastFactor();
      factors.totp = null;
      return new Response(null, { status: 204 });
    }
    if (sub === '/sms' && (method === 'DELETE' || method === 'POST')) {
      if (!factors.mobile) return problem(404, 'not_found', 'Nicht gefunden.');
      if (method === 'DELETE' && !hasOther()) return lastFactor();
      if (method === 'DELETE' && !factors.totp && !factors.recoveryCodes?.remaining) {
        return problem(409, 'recovery_codes_needed', 'Erstellen Sie zuerst neue Wiederherstellungscodes: Ohne SMS sind sie Ihr Weg zurück, wenn kein Passkey zur Hand ist.');
      }
      factors.sms = method === 'POST' ? { mobile: factors.mobile } : null;
      return json(copy(), 200);
    }
    if (sub === '/recovery-codes') {
      factors.recoveryCodes = { remaining: 10, createdAt: new Date().toISOString() };
      return json({ recoveryCodes: fakeCodes() }, 201);
    }
    return problem(404, 'not_found', 'Nicht gefunden.');
  },
);
