import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signups, tariffs } from '../../bff/db/schema/index.js';
import { createLogger, redact } from '../../bff/lib/logger.js';
import { brandOf } from '../../bff/messaging/templates/layout.js';
import { confirmationEmail } from '../../bff/messaging/templates/signup.js';
import { privateSignup, businessSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { browser, seedUser } from './helpers/portal.js';

// Bad input is a 4xx naming the field, never a 500: free text that could phish in the tenant's name, what
// Postgres cannot store, malformed URLs; plus the smaller points of issue 12 (birth dates, originPage,
// Cache-Control, what an embed session sees of the user).

let t: TestApp;
let tenant: TestTenant;
let tariffOf: Record<string, string>;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'inputs');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  tariffOf = Object.fromEntries(rows.map((r) => [r.accountTypes[0]!, r.id]));
});
afterAll(() => t.close());

function valid(make: () => Record<string, any> = privateSignup) {
  const s = make();
  s.tariffId = tariffOf[s.accountType];
  s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  return s;
}
const signup = (body: unknown, locale = 'de') =>
  call(t.app, 'POST', '/v1/signups', { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.18.0.${++n}`, 'accept-language': locale } });
const stored = async () => (await t.db.select().from(signups).where(eq(signups.tenantId, tenant.id))).length;

describe('names and free text', () => {
  it.each([
    ['a URL in the first name', 'person.firstName', 'text_url', (s: any) => (s.person.firstName = 'Konto gesperrt! Bankdaten bestätigen: https://evil.example')],
    ['a bare domain in the last name', 'person.lastName', 'text_url', (s: any) => (s.person.lastName = 'Muster evil.example')],
    ['www. in the title', 'person.title', 'text_url', (s: any) => (s.person.title = 'www.Dr')],
    ['a line break in the first name', 'person.firstName', 'text_invisible', (s: any) => (s.person.firstName = 'Anna\nIhr Konto ist gesperrt')],
    ['a bidi override in the street', 'person.address.street', 'text_invisible', (s: any) => (s.person.address.street = 'Haupt\u202Egnartsstr')],
    ['a zero-width space in the city', 'person.address.city', 'text_invisible', (s: any) => (s.person.address.city = 'Ber\u200Blin')],
    ['a BOM in the account holder', 'payment.accountHolder', 'text_invisible', (s: any) => (s.payment.accountHolder = 'Anna\uFEFF Muster')],
    ['digits in a name', 'person.lastName', 'name_characters', (s: any) => (s.person.lastName = 'Muster 2')],
    ['angle brackets in the street', 'person.address.street', 'address_characters', (s: any) => (s.person.address.street = '<b>Hauptstraße</b>')],
    ['a URL in the account holder', 'payment.accountHolder', 'text_url', (s: any) => (s.payment.accountHolder = 'Anna www.evil.example')],
  ])('%s → 422 at %s (%s), nothing stored', async (_name, path, code, edit) => {
    const before = await stored();
    const body = valid();
    edit(body);
    for (const locale of ['de', 'en']) {
      const res = await signup(body, locale);
      expect(res.status).toBe(422);
      expect(res.json.errors).toContainEqual({ path, code, message: expect.any(String) });
    }
    expect(await stored()).toBe(before);
  });

  it('German and English messages for every new code', async () => {
    const body = valid();
    body.person.firstName = 'Anna\r\nX';
    body.person.lastName = 'a.example';
    const de = await signup(body, 'de');
    const en = await signup(body, 'en');
    expect(de.json.errors.find((e: any) => e.path === 'person.firstName').message).toBe('Bitte ohne Zeilenumbrüche und unsichtbare Zeichen.');
    expect(en.json.errors.find((e: any) => e.path === 'person.lastName').message).toBe('Please leave out web addresses.');
  });

  it('real names, companies and addresses pass', async () => {
    const body = valid();
    Object.assign(body.person, { firstName: "Zoë-Marie O'Brien", lastName: 'Nguyễn Đức Łukasiewicz-Müller', title: 'Prof. Dr. med.' });
    Object.assign(body.person.address, { street: 'Straße des 17. Juni', houseNumber: '12a/3', city: 'Frankfurt (Oder)' });
    body.payment.accountHolder = 'Müller & Söhne GbR';
    expect((await signup(body)).status).toBe(201);
    const biz = valid(businessSignup);
    biz.company.name = 'Meier + Partner (Zürich) AG, 1&1';
    expect((await signup(biz)).status).toBe(201);
  });
});

describe('e-mails never make user text a link', () => {
  it('the only <a> is the BFF\'s own link; user text is escaped', () => {
    const brand = brandOf({ name: 'T', supportEmail: 's@t.example', mailFromName: 'T', mailFromAddress: 'n@t.example', theme: {}, logoUrl: null });
    const { html } = confirmationEmail(brand, 'de', { name: '<a href="https://evil.example">Konto gesperrt</a>', link: 'https://bff.example/confirm?token=t', hours: 24 });
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('<a href="https://bff.example/confirm?token=t"');
    expect(html).toContain('&#60;a href=&#34;https://evil.example&#34;&#62;');
  });
});

describe('what Postgres cannot store → 422 naming the field, never 500', () => {
  it('NUL and lone surrogates in signups (text and jsonb)', async () => {
    for (const bad of ['Anna\u0000', 'Anna\ud800', '\udfffAnna']) {
      const body = valid();
      body.person.firstName = bad;
      const res = await signup(body);
      expect(res.status).toBe(422);
      expect(res.json.errors).toContainEqual({ path: 'person.firstName', code: 'text_invisible', message: expect.any(String) });
    }
    // in a key, and in a field no schema knows
    const res = await signup({ ...valid(), 'x\u0000': 1, extra: 'a\ud800' });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['x\u0000', 'extra']));
  });

  it('in password resets, logins, embed sessions, key labels and webhook descriptions', async () => {
    const user = await seedUser(t.db, tenant);
    const b = browser(t, tenant);
    const cases: [string, string, Record<string, unknown>, string, string?][] = [
      ['POST', '/v1/password-resets', { login: 'anna\u0000' }, 'login'],
      ['POST', '/v1/sessions', { username: 'anna\u0000', password: 'x\ud800' }, 'username'],
      ['POST', '/v1/password-setup', { token: `${'t'.repeat(30)}\u0000`, password: 'a-long-password-here' }, 'token'],
      ['POST', '/v1/confirmations', { token: `${'t'.repeat(30)}\ud800` }, 'token'],
      ['POST', '/v1/embed-sessions', { username: `${user.username}\u0000`, components: ['tk-profile'] }, 'username', tenant.secretKey],
      ['POST', '/v1/embed-sessions/exchange', { clientSecret: `tk_ess_${'x'.repeat(30)}\u0000` }, 'clientSecret'],
      ['POST', '/v1/api-keys', { kind: 'secret', label: 'label\u0000' }, 'label', tenant.secretKey],
      ['POST', '/v1/api-keys', { kind: 'secret', label: 'label\ud83d' }, 'label', tenant.secretKey],
      ['POST', '/v1/webhook-endpoints', { url: 'https://hooks.example.com/x', eventTypes: ['*'], description: 'd\u0000' }, 'description', tenant.secretKey],
    ];
    for (const [method, path, body, field, key] of cases) {
      const res = key ? await call(t.app, method, path, { key, body }) : await b.post(path, body);
      expect(res.status, `${path} ${res.text}`).toBe(422);
      expect(res.json.errors, path).toContainEqual({ path: field, code: 'text_invisible', message: expect.any(String) });
    }
  });

  it('GET /telkit/%ff.js (a malformed escape) is a 404', async () => {
    for (const path of ['/telkit/%ff.js', '/telkit/%E0%A4%A.js', '/telkit/chunks/%c0%af.js']) {
      const res = await call(t.app, 'GET', path);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('database errors in the log', () => {
  it('a failed query is logged without its parameters', async () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    const error = await t.db.execute(sql`select ${'Anna Geheim anna@example.com'}::int as n`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain('Anna Geheim'); // what the driver says…
    log.error('unhandled error', { error });
    expect(lines.join('\n')).not.toContain('Anna Geheim'); // …is not what the log keeps
    expect(lines.join('\n')).toContain('params: [omitted]');
  });

  it('IBANs are redacted; mandate references and customer numbers that look alike are not', () => {
    const text = 'iban DE89 3704 0044 0532 0130 00 and DE89370400440532013000, mandate DT-20261121-AB12CD34EF56, ref AB12CD34EF56GH78, customer DT00000425';
    expect(redact(text)).toBe('iban [iban redacted] and [iban redacted], mandate DT-20261121-AB12CD34EF56, ref AB12CD34EF56GH78, customer DT00000425');
  });
});

describe('smaller ones', () => {
  it('birth dates before 1900 are refused', async () => {
    const body = valid();
    body.person.birthDate = '1899-12-31';
    const res = await signup(body);
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual({ path: 'person.birthDate', code: 'date_too_early', message: expect.any(String) });
    body.person.birthDate = '1900-01-01';
    expect((await signup(body)).status).toBe(201);
  });

  it('originPage evidence: http(s) only, else 422', async () => {
    for (const page of ['javascript:alert(1)', 'data:text/html,x', 'ftp://files.example/x', 'file:///etc/passwd']) {
      const res = await signup({ ...valid(), originPage: page });
      expect(res.status, page).toBe(422);
      expect(res.json.errors).toContainEqual({ path: 'originPage', code: 'invalid_url', message: expect.any(String) });
    }
    expect((await signup({ ...valid(), originPage: 'https://shop.example/tarife?x=1' })).status).toBe(201);
  });

  it('Cache-Control: no-store on /v1 answers with tokens or personal data; the tenant document keeps its own', async () => {
    const created = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'publishable' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const user = await seedUser(t.db, tenant, { password: 'a-long-password-for-tests' });
    const session = await browser(t, tenant).login(user);
    const me = await browser(t, tenant).get('/v1/me', session);
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const problem = await signup({});
    expect(problem.headers.get('cache-control')).toBe('no-store');
    expect((await call(t.app, 'GET', '/v1/api-keys', { key: tenant.secretKey })).headers.get('cache-control')).toBe('no-store');
    expect((await call(t.app, 'GET', '/v1/tenant', { key: tenant.publishableKey })).headers.get('cache-control')).not.toBe('no-store');
  });

  it('GET /v1/sessions/current shows the profile only to sessions that may use tk-profile', async () => {
    const user = await seedUser(t.db, tenant, { password: 'a-long-password-for-tests' });
    const b = browser(t, tenant);
    const mint = async (components: string[]) => {
      const minted = await call(t.app, 'POST', '/v1/embed-sessions', { key: tenant.secretKey, body: { username: user.username, components } });
      return (await b.post('/v1/embed-sessions/exchange', { clientSecret: minted.json.clientSecret })).json.token as string;
    };
    const subUsers = await b.get('/v1/sessions/current', await mint(['tk-sub-users']));
    expect(subUsers.status).toBe(200);
    expect(subUsers.json).toEqual({ expiresAt: expect.any(String), components: ['tk-sub-users'], user: null });
    expect(subUsers.text).not.toContain(user.username);
    const profile = await b.get('/v1/sessions/current', await mint(['tk-profile']));
    expect(profile.json.user.username).toBe(user.username);
    const login = await b.get('/v1/sessions/current', await b.login(user));
    expect(login.json).toMatchObject({ components: null, user: { username: user.username } });
  });
});
