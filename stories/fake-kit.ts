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
    { id: '7d3c5a1e-0000-4000-8000-000000000001', code: 'partner-privat', name: 'Partner Privat', accountTypes: ['private'], monthlyPriceCents: 590, oneOffFeeCents: 0, currency: 'EUR', minimumTermMonths: 1, noticePeriodMonths: 1 },
    { id: '7d3c5a1e-0000-4000-8000-000000000002', code: 'partner-beruf', name: 'Partner Beruf', accountTypes: ['professional'], monthlyPriceCents: 1590, oneOffFeeCents: 0, currency: 'EUR', minimumTermMonths: 12, noticePeriodMonths: 1 },
    { id: '7d3c5a1e-0000-4000-8000-000000000003', code: 'partner-business', name: 'Partner Business', accountTypes: ['business'], monthlyPriceCents: 3490, oneOffFeeCents: 2900, currency: 'EUR', minimumTermMonths: 12, noticePeriodMonths: 3 },
  ],
};

/** Keys the fake BFF knows: a good one, a wrong one, one whose requests never get an answer, one offline. */
export const FAKE_KEYS = { good: 'tk_pub_story', wrong: 'tk_pub_wrong', slow: 'tk_pub_slow', offline: 'tk_pub_offline' } as const;

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
    if (key === FAKE_KEYS.good && request.method === 'POST') return answerPost(new URL(request.url).pathname, await request.text());
    if (key !== FAKE_KEYS.good) {
      return new Response(
        JSON.stringify({ type: 'https://telkit.dev/problems/unauthorized', title: 'Unauthorized', status: 401, code: 'unauthorized', requestId: 'story' }),
        { status: 401, headers: { 'content-type': 'application/problem+json' } },
      );
    }
    return new Response(JSON.stringify(fakeTenant), { headers: { 'content-type': 'application/json' } });
  };
}

const problem = (status: number, code: string, title: string, errors?: unknown[]) =>
  new Response(JSON.stringify({ type: `https://telkit.dev/problems/${code}`, title, status, code, errors, requestId: 'story' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
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
    return json({ id: '00000000-0000-4000-8000-0000000000c1', status: 'pending_confirmation', email, mandateReference: 'DR-20261121-ABCDEF' }, 201);
  }
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
