import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits, tariffs } from '../../bff/db/schema/index.js';
import { businessSignup, privateSignup, professionalSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, lastPin, tokenIn } from './helpers/outbox.js';
import { seedContract } from './helpers/contracts.js';
import { browser, coUserBody, seedUser } from './helpers/portal.js';

/**
 * Hostile input on every route the app registers (found from `app.routes`, so new routes are fuzzed
 * without edits): at least INPUTS_PER_ROUTE requests each, mutating a plausible request with NUL, lone
 * surrogates, bidi and zero-width characters, URLs, huge numbers, deep nesting, wrong types, unknown
 * keys, malformed JSON and odd path parameters. No answer may be a 5xx; afterwards the log may not
 * contain any name, e-mail address or mobile number the fuzz sent.
 */
const INPUTS_PER_ROUTE = 500;
/** Requests in flight at once. */
const BATCH = 16;

let t: TestApp;
let tenant: TestTenant;
let session: string;
let embedSession: string;
let tariffId: string;
let coTariffId: string;
const subUserIds: string[] = [];
/** A linked location of the session's account, and an open link request's challenge: fuzzed path segments and bodies. */
const locationIds: string[] = [];
const customerNumbers: string[] = [];
/** Contracts of the session's account (eligible and not): fuzzed path segments of the rotation. */
const contractIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'fuzz');
  const user = await seedUser(t.db, tenant, { password: 'fuzz-password-long-enough' });
  session = await browser(t, tenant).login(user);
  const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, body: { username: user.username, components: ['tk-profile'] } });
  embedSession = (await browser(t, tenant).post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret })).json.token;
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  tariffId = rows[0]!.id;
  coTariffId = rows.find((r) => r.forSubUsers)!.id;
  // Co-users of the session's account, one pending and one active: their ids are fuzzed path segments too.
  for (const confirmed of [false, true]) {
    const added = await browser(t, tenant).post('/v1/sub-users', coUserBody(coTariffId), session);
    subUserIds.push(added.json.id);
    if (!confirmed) continue;
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === added.json.email).at(-1)!;
    await call(t.app, 'POST', '/v1/confirmations', { key: tenant.publishableKey, body: { token: tokenIn(mail, '/confirm') } });
  }
  // A linked location, and a second account with an open link request.
  const [sub, asked] = [await seedUser(t.db, tenant), await seedUser(t.db, tenant)];
  for (const target of [sub, asked]) {
    const request = await browser(t, tenant).post('/v1/locations/link-requests', { customerNumber: target.customerNumber, collectiveInvoice: true }, session);
    customerNumbers.push(target.customerNumber);
    locationIds.push(target === sub ? target.accountId : request.json.challengeId);
    if (target !== sub) continue;
    await browser(t, tenant).post(`/v1/locations/link-requests/${request.json.challengeId}/confirm`, { pin: await lastPin(t.db, tenant.id, sub.mobile) }, session);
  }
  for (const o of [{}, { accessLine: false }, { status: 'ended' as const }, { product: 'ip_voice_data' as const, name: 'IP Voice / Data' }]) contractIds.push((await seedContract(t.db, tenant, user.accountId, o)).id);
  contractIds.push((await seedContract(t.db, tenant, locationIds[0]!, { product: 'cloud_pbx', name: 'Cloud PBX Filialvertrag' })).id);
});
afterAll(() => t.close());

/** A small seeded PRNG (mulberry32): the same inputs on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(12);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');

const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\ud83d', 'ok\ud83d\ude00', '\u202Eevil', '\u2066x\u2069', 'a\u200Bb', '\uFEFF', 'a\u2028b', 'a\r\nb', '\t',
  'https://evil.example/phish', 'www.evil.example', 'evil.example', 'javascript:alert(1)', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  "' or 1=1 --", '%ff', '%00', '../../etc/passwd', '..\\..\\win.ini', '${7*7}', '{{7*7}}', 'null', 'undefined', 'NaN', '-0', '1e400', '０１２３',
  'x'.repeat(5000), '😀'.repeat(300), 'ق'.repeat(50), 'Z̴̧̛̖a̷l̶g̸o̵', 'DE89 3704 0044 0532 0130 00', '+4917012345678', 'tk_sec_x', '__proto__', 'constructor',
];
const NASTY_VALUES: unknown[] = [
  ...NASTY_STRINGS, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 5e-324, true, false, null, [], {}, [null], { a: { b: { c: 1 } } },
  Array.from({ length: 2000 }, (_, i) => i), { __proto__: { admin: true } }, { constructor: { prototype: {} } },
];
/** Raw bodies JSON.stringify cannot make. */
const RAW_BODIES = ['{"a":1e400}', '{"a":123456789012345678901234567890}', '{"a":-1e-400}', '[' .repeat(3000) + ']'.repeat(3000), '{'.repeat(2000), '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":1,"a":2}', '', 'null', '"x"', '{"__proto__":{"x":1}}', '\u0000', '{"a":"b"'];

function deep(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = rnd() < 0.5 ? [v] : { k: v };
  return v;
}

/** Names, e-mail addresses and mobile numbers the fuzz sent: the log must contain none of them. */
const personal = new Set<string>();
function person() {
  const first = `Fz${letters(8)}`;
  const last = `Qy${letters(8)}`;
  const email = `${letters(10)}@fuzz-mail.example`;
  const mobile = `+4917${Math.floor(10_000_000 + rnd() * 89_999_999)}`;
  for (const v of [first, last, email, mobile]) personal.add(v);
  return { first, last, email, mobile };
}

/** A plausible request body for a route, to mutate: the fuzz mostly reaches the rules, not only the parser. */
function plausible(method: string, path: string): Record<string, unknown> {
  const p = person();
  switch (`${method} ${path}`) {
    case 'POST /v1/signups': {
      const s = pick([privateSignup, professionalSignup, businessSignup])() as Record<string, any>;
      s.tariffId = tariffId;
      s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
      const holder = s.contact ?? s.person;
      Object.assign(holder, { firstName: p.first, lastName: p.last, email: p.email, mobile: p.mobile });
      if (s.payment.method === 'sepa') s.payment.accountHolder = `${p.first} ${p.last}`;
      if (s.accountType === 'business' && rnd() < 0.3) s.locationIntent = `tk_lin_${letters(43)}`;
      return s;
    }
    case 'POST /v1/api-keys':
      return { kind: pick(['publishable', 'secret']), label: p.first };
    case 'PUT /v1/origins':
      return { origins: [tenant.origin, 'https://shop.example'] };
    case 'POST /v1/webhook-endpoints':
      return { url: 'https://hooks.example.com/x', eventTypes: ['*'], description: p.first };
    case 'POST /v1/password-resets':
      return { login: p.email };
    case 'POST /v1/sessions':
      return { username: p.first, password: 'wrong-password-123' };
    case 'POST /v1/embed-sessions':
      return { username: p.first, components: ['tk-profile'] };
    case 'POST /v1/embed-sessions/exchange':
      return { clientSecret: `tk_ess_${letters(30)}` };
    case 'POST /v1/sub-users':
      return { salutation: pick(['ms', 'mr', 'mx', 'none']), firstName: p.first, lastName: p.last, email: p.email, mobile: p.mobile, tariffId: coTariffId, invoiceNote: p.first };
    case 'PATCH /v1/sub-users/:id':
      return pick([{ invoiceNote: p.first }, { tariffId: coTariffId }, { email: p.email }, { invoiceNote: null }]);
    case 'POST /v1/sub-users/:id/cancel':
      return rnd() < 0.5 ? {} : { endDate: pick(['2030-01-31', '2026-02-29', '2099-12-31']) };
    case 'POST /v1/locations/link-requests':
      return { customerNumber: pick([...customerNumbers, letters(8), ` ${customerNumbers[0]!.toLowerCase()} `]), collectiveInvoice: rnd() < 0.5 };
    case 'POST /v1/locations/link-requests/:id/confirm':
      return { pin: pick(['123456', '000000', ' 12 34 56 ']) };
    case 'PATCH /v1/locations/:accountId':
    case 'POST /v1/locations/intents':
      return { collectiveInvoice: rnd() < 0.5 };
    case 'POST /v1/contracts/:id/internet-credentials':
      return { consent: rnd() < 0.8 };
    case 'PATCH /v1/me':
      return rnd() < 0.5 ? { email: p.email } : { mobile: p.mobile };
    case 'POST /v1/password-setup':
      return { token: letters(40), password: 'a-new-password-long-enough' };
    case 'POST /confirm':
    case 'POST /confirm/resend':
      return { token: letters(40) };
    default:
      return path.includes('verify') ? { challengeId: '00000000-0000-4000-8000-000000000001', pin: '123456' } : rnd() < 0.5 ? { token: letters(40) } : { challengeId: '00000000-0000-4000-8000-000000000001' };
  }
}

/** Replaces one value somewhere in `body` (or adds a key) with something hostile. */
function mutate(body: Record<string, unknown>): unknown {
  const roll = rnd();
  if (roll < 0.05) return pick(NASTY_VALUES);
  if (roll < 0.1) return { ...body, [pick(NASTY_STRINGS) || 'extra']: pick(NASTY_VALUES) };
  if (roll < 0.15) return { ...body, nested: deep(50 + Math.floor(rnd() * 200)) };
  const copy = structuredClone(body) as Record<string, unknown>;
  const leaves: [Record<string, unknown>, string][] = [];
  const walk = (node: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(node)) {
      leaves.push([node, k]);
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>);
    }
  };
  walk(copy);
  const times = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < times && leaves.length > 0; i++) {
    const [node, key] = pick(leaves);
    const current = node[key];
    node[key] = typeof current === 'string' && rnd() < 0.5 ? `${current.slice(0, 3)}${pick(NASTY_STRINGS)}${current.slice(3)}` : pick(NASTY_VALUES);
  }
  return copy;
}

const NASTY_SEGMENTS = ['%ff', '%00', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', '00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%E2%80%AE', 'x'.repeat(300), '1e400', '-1', '%20', '%C0%AF'];
const NASTY_QUERIES = ['', '?limit=1e400', '?limit=-1', '?limit=abc', '?cursor=%00', '?cursor=%ff', '?token=%ED%A0%80', '?token=x%00y', '?a[b][c]=1', '?limit=99999999999999999999', '?type=%E2%80%AE', '?before=not-a-date', '?limit=1&limit=2'];

describe('fuzz', () => {
  it(`${INPUTS_PER_ROUTE} hostile inputs on every route: never a 5xx, and no personal data in the log`, async () => {
    // DELETEs last: logging the session out first would leave the session routes unfuzzed.
    const routes = [...new Map(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r])).values()].sort(
      (x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'),
    );
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const perRoute = new Map<string, number>();
    let sent = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
      const requests = Array.from({ length: INPUTS_PER_ROUTE }, () => {
        sent++;
        let path = route.path
          .replace(/\/\*$/, `/${rnd() < 0.5 ? pick(NASTY_SEGMENTS) : `${letters(4)}.js`}`)
          .replace(/:file\{[^}]*\}\?/, () => pick(['', 'demo.css', pick(NASTY_SEGMENTS)]))
          .replace(/:\w+(\{[^}]*\})?/g, () =>
            route.path.startsWith('/v1/sub-users/') && rnd() < 0.5
              ? pick(subUserIds)
              : route.path.startsWith('/v1/contracts/') && rnd() < 0.5
                ? pick(contractIds)
                : // Not the switch: it would end the session the later routes are fuzzed with.
                route.path.startsWith('/v1/locations/') && !route.path.endsWith('/switch') && rnd() < 0.5
                ? pick(locationIds)
                : pick(NASTY_SEGMENTS),
          );
        if (!hasBody || rnd() < 0.2) path += pick(NASTY_QUERIES);
        const credential = pick([tenant.publishableKey, tenant.secretKey, session, embedSession, `tk_ses_${letters(20)}`, '']);
        const headers: Record<string, string> = { 'x-forwarded-for': `198.18.${(sent >> 8) & 255}.${sent & 255}` };
        if (rnd() < 0.1) headers['idempotency-key'] = pick(['k', 'x'.repeat(300), letters(20)]);
        if (rnd() < 0.1) headers['accept-language'] = pick(['en', 'xx', '*;q=abc', 'de-DE,en;q=1e400']);
        const options: Parameters<typeof call>[3] = { key: credential || undefined, origin: rnd() < 0.8 ? tenant.origin : 'https://evil.example', headers };
        if (hasBody) {
          const roll = rnd();
          if (roll < 0.08) {
            options.rawBody = pick(RAW_BODIES);
            headers['content-type'] = 'application/json';
          } else if (roll < 0.1) {
            options.rawBody = `token=${pick(NASTY_STRINGS)}`;
            headers['content-type'] = pick(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']);
          } else {
            options.body = mutate(plausible(route.method, route.path));
            if (path.startsWith('/confirm') || path.startsWith('/set-password')) {
              const fields = options.body && typeof options.body === 'object' ? Object.entries(options.body) : [['token', String(options.body)]];
              options.rawBody = new URLSearchParams(fields.map(([k, v]) => [k, String(v)])).toString();
              options.body = undefined;
              headers['content-type'] = 'application/x-www-form-urlencoded';
            }
          }
        }
        return { path, options };
      });
      // A few at a time, as browsers would: routes that answer after a fixed delay do not serialize the run.
      for (let i = 0; i < requests.length; i += BATCH) {
        // Counters would answer 429 before the rules see anything: every batch starts the windows afresh.
        await t.db.delete(rateLimits);
        await Promise.all(
          requests.slice(i, i + BATCH).map(async ({ path, options }) => {
            const res = await call(t.app, route.method, path, options);
            perRoute.set(key, (perRoute.get(key) ?? 0) + 1);
            // One 5xx is a designed answer, not a failure: new internet credentials for a valid contract when
            // the operator has no provisioning endpoint (503 provisioning_unavailable, nothing changed).
            const designed = res.status === 503 && res.text.includes('provisioning_unavailable');
            if (res.status >= 500 && !designed) failures.push(`${route.method} ${path} → ${res.status} ${res.text.slice(0, 200)} body=${JSON.stringify(options.body ?? options.rawBody)?.slice(0, 300)}`);
          }),
        );
      }
    }
    expect(failures.slice(0, 10), `${failures.length} answers were 5xx`).toEqual([]);
    expect(Math.min(...perRoute.values())).toBeGreaterThanOrEqual(INPUTS_PER_ROUTE);

    // The log: request lines, warnings, errors — none with what a person typed. The values the fuzz sent
    // have shapes of their own (Fz…/Qy… names, @fuzz-mail.example, +4917… numbers): find every such shape
    // in the log at all, then none may be one that was sent.
    const log = t.logLines.join('\n');
    expect(personal.size).toBeGreaterThan(1000);
    const shapes = log.match(/Fz[a-z]{8}|Qy[a-z]{8}|[a-z]{10}@fuzz-mail\.example|\+4917\d{8}/g) ?? [];
    expect(shapes.filter((value) => personal.has(value)).slice(0, 10)).toEqual([]);
    expect(log).not.toContain('fuzz-mail.example');
    expect(sent).toBe(routes.length * INPUTS_PER_ROUTE);
  }, 400_000);
});
