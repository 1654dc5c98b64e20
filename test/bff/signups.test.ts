import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mandateText } from '../../contract/legal.js';
import { isCustomerNumber } from '../../contract/rules.js';
import { accounts, sepaMandates, signups, tariffs } from '../../bff/db/schema/index.js';
import { businessSignup, privateSignup, professionalSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { emailsOf, tokenIn } from './helpers/outbox.js';

let t: TestApp;
let tenant: TestTenant;
let tariffOf: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'signup');
  const rows = await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id));
  tariffOf = Object.fromEntries(rows.map((r) => [r.accountTypes[0]!, r.id]));
});
afterAll(() => t.close());

let ip = 0;
beforeEach(() => {
  ip++; // each test its own client address, so the per-IP limit does not carry over
});

/** A fixture with this tenant's tariff and terms version. */
function valid(make: () => Record<string, any>) {
  const s = make();
  s.tariffId = tariffOf[s.accountType];
  s.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  return s;
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(t.app, 'POST', path, { key: tenant.publishableKey, origin: tenant.origin, body, headers: { 'x-forwarded-for': `198.51.100.${ip}`, ...headers } });

const counts = async () => ({
  signups: (await t.db.select().from(signups).where(eq(signups.tenantId, tenant.id))).length,
  emails: (await emailsOf(t.db, tenant.id)).length,
});

describe('POST /v1/signups', () => {
  it.each([
    ['bad IBAN checksum', 'payment.iban', 'iban_checksum', (s: any) => (s.payment.iban = 'DE88370400440532013000')],
    ['IBAN length wrong for its country', 'payment.iban', 'iban_length', (s: any) => (s.payment.iban = 'AT6119043002345732011')],
    ['postal code wrong for the country', 'person.address.postalCode', 'postal_code', (s: any) => (s.person.address.country = 'CH')],
    ['under 18', 'person.birthDate', 'underage', (s: any) => (s.person.birthDate = new Date(Date.now() - 17 * 365.25 * 864e5).toISOString().slice(0, 10))],
    ['terms not accepted', 'terms.accepted', 'terms_required', (s: any) => (s.terms.accepted = false)],
    ['outdated terms version', 'terms.version', 'terms_outdated', (s: any) => (s.terms.version = '1999-01')],
    ['tariff not offered for the account type', 'tariffId', 'tariff_not_offered', (s: any) => (s.tariffId = tariffOf.business)],
    ['unknown tariff', 'tariffId', 'tariff_unknown', (s: any) => (s.tariffId = '00000000-0000-4000-8000-0000000000ff')],
    ['malformed e-mail', 'person.email', 'invalid_email', (s: any) => (s.person.email = 'anna@@example')],
    ['mobile that cannot be normalized', 'person.mobile', 'mobile_invalid', (s: any) => (s.person.mobile = 'call me')],
  ])('%s → 422 at %s (%s), nothing stored', async (_name, path, code, edit) => {
    const before = await counts();
    const body = valid(privateSignup);
    edit(body);
    const res = await post('/v1/signups', body);
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual({ path, code, message: expect.any(String) });
    expect(await counts()).toEqual(before);
  });

  it('missing employer data for professional, missing contact person for business → 422 required', async () => {
    const pro = valid(professionalSignup);
    delete pro.employer;
    expect((await post('/v1/signups', pro)).json.errors).toContainEqual({ path: 'employer', code: 'required', message: expect.any(String) });
    const biz = valid(businessSignup);
    delete biz.contact;
    expect((await post('/v1/signups', biz)).json.errors).toContainEqual({ path: 'contact', code: 'required', message: expect.any(String) });
  });

  it('stores the signup pending confirmation with evidence and a Core mandate, the IBAN sealed, and sends the link', async () => {
    const res = await post('/v1/signups', { ...valid(privateSignup), originPage: 'https://shop.example/anmelden' }, { 'user-agent': 'TestBrowser/1.0' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'pending_confirmation', email: 'anna.mueller@example.com' });
    expect(res.json.mandateReference.length).toBeLessThanOrEqual(35);
    const [row] = await t.db.select().from(signups).where(eq(signups.id, res.json.id));
    expect(row).toMatchObject({ status: 'pending_confirmation', mobile: '+491701234567', paymentMethod: 'sepa' });
    expect(row!.evidence).toMatchObject({
      ip: `198.51.100.${ip}`,
      userAgent: 'TestBrowser/1.0',
      originPage: 'https://shop.example/anmelden',
      termsVersion: expect.stringMatching(/^v-signup-/),
      emailTemplateId: 'signup-confirmation/de/1',
    });
    expect(row!.evidence.consentTexts.mandate).toMatch(/^SEPA-Lastschriftmandat/);
    const [mandate] = await t.db.select().from(sepaMandates).where(eq(sepaMandates.signupId, row!.id));
    expect(mandate).toMatchObject({ scheme: 'core', ibanLast4: '3000', reference: res.json.mandateReference });
    expect(JSON.stringify(mandate) + JSON.stringify(row)).not.toContain('DE89370400440532013000');
    const mails = await emailsOf(t.db, tenant.id);
    const mail = mails.at(-1)!;
    expect(mail.to).toBe('anna.mueller@example.com');
    expect(mail.subject).toContain('Bitte bestätigen');
    expect(tokenIn(mail, '/confirm')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(t.logLines.join('\n')).not.toMatch(/DE89\s?3704/);
  });

  it('a business signup gets B2B mandate wording', async () => {
    const res = await post('/v1/signups', valid(businessSignup));
    expect(res.status).toBe(201);
    const [mandate] = await t.db.select().from(sepaMandates).where(eq(sepaMandates.reference, res.json.mandateReference));
    expect(mandate!.scheme).toBe('b2b');
    expect(mandate!.mandateText).toMatch(/^SEPA-Firmenlastschrift-Mandat/);
  });

  // The widget's review step renders mandateText(locale, scheme, tenant name) (test/widgets/signup.test.ts):
  // the evidence is that text, word for word, in the signup's language.
  it.each([
    ['private', privateSignup, 'core', 'de'],
    ['professional', professionalSignup, 'core', 'en'],
    ['business', businessSignup, 'b2b', 'de'],
    ['business', businessSignup, 'b2b', 'en'],
  ] as const)('a %s signup stores exactly the %s mandate text the review step showed (%s)', async (_type, make, scheme, locale) => {
    const res = await post('/v1/signups', valid(make), { 'accept-language': locale });
    expect(res.status).toBe(201);
    const shown = mandateText(locale, scheme, tenant.name);
    const [mandate] = await t.db.select().from(sepaMandates).where(eq(sepaMandates.reference, res.json.mandateReference));
    expect(mandate).toMatchObject({ scheme, mandateText: shown });
    const [row] = await t.db.select().from(signups).where(eq(signups.id, res.json.id));
    expect(row!.evidence.consentTexts.mandate).toBe(shown);
  });

  it('a double click (same Idempotency-Key) creates one signup and one e-mail', async () => {
    const before = await counts();
    const body = { ...valid(privateSignup), person: { ...valid(privateSignup).person, email: 'double@example.com' } };
    const [a, b] = await Promise.all([post('/v1/signups', body, { 'idempotency-key': 'dbl-1' }), post('/v1/signups', body, { 'idempotency-key': 'dbl-1' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).toBe(b.json.id);
    expect(await counts()).toEqual({ signups: before.signups + 1, emails: before.emails + 1 });
  });
});

async function signUp(make: () => Record<string, any>, email: string) {
  const body = valid(make);
  (body.person ?? body.contact).email = email;
  const res = await post('/v1/signups', body);
  expect(res.status).toBe(201);
  const mails = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === email);
  return { id: res.json.id as string, token: tokenIn(mails.at(-1)!, '/confirm') };
}

describe('confirmation links', () => {
  it('confirming activates the account and sends credentials: customer number, username, SIP address, set-password link, no password', async () => {
    const { id, token } = await signUp(privateSignup, 'confirm-me@example.com');
    const res = await post('/v1/confirmations', { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'confirmed', kind: 'signup' });
    const [account] = await t.db.select().from(accounts).where(eq(accounts.signupId, id));
    expect(account!.status).toBe('active');
    expect(isCustomerNumber(account!.customerNumber)).toBe(true);
    expect(account!.username).toMatch(/^anna\.mueller\d*$/);
    expect(account!.sipAddress).toBe(`${account!.username}@sip.${tenant.name.replace('Tenant ', '')}.example`);
    const mail = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'confirm-me@example.com').at(-1)!;
    expect(mail.subject).toContain('eingerichtet');
    for (const fact of [account!.customerNumber, account!.username, account!.sipAddress!, 'Anna Müller']) expect(mail.text).toContain(fact);
    expect(tokenIn(mail, '/set-password')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(mail.text.toLowerCase()).not.toMatch(/passwort:|password:/);
  });

  it('a business account gets no SIP address', async () => {
    const { id, token } = await signUp(businessSignup, 'biz-confirm@example.com');
    await post('/v1/confirmations', { token });
    const [account] = await t.db.select().from(accounts).where(eq(accounts.signupId, id));
    expect(account!.sipAddress).toBeNull();
    expect(account!.username).toBe('juergen.gross');
  });

  it('a used link says "already confirmed" and sends nothing again', async () => {
    const { token } = await signUp(privateSignup, 'twice@example.com');
    await post('/v1/confirmations', { token });
    const before = await counts();
    const again = await post('/v1/confirmations', { token });
    expect(again.json).toEqual({ status: 'already_confirmed', kind: 'signup' });
    expect(await counts()).toEqual(before);
  });

  it('a resent link invalidates the first', async () => {
    const { token: first } = await signUp(privateSignup, 'resend@example.com');
    const resent = await post('/v1/confirmations/resend', { token: first });
    expect(resent.status).toBe(202);
    const second = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'resend@example.com').at(-1)!, '/confirm');
    expect(second).not.toBe(first);
    const old = await post('/v1/confirmations', { token: first });
    expect(old.status).toBe(410);
    expect(old.json.code).toBe('link_superseded');
    // The superseded link cannot ask for more e-mails either: only the newest can.
    const mails = (await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'resend@example.com').length;
    const replay = await post('/v1/confirmations/resend', { token: first });
    expect(replay.status).toBe(410);
    expect(replay.json.code).toBe('link_superseded');
    expect((await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'resend@example.com').length).toBe(mails);
    expect((await post('/v1/confirmations', { token: second })).json.status).toBe('confirmed');
  });

  it('an expired link gives a clear error; resending from it works', async () => {
    const { token } = await signUp(privateSignup, 'late@example.com');
    t.clock.advance(24 * 3_600_000 + 1000);
    try {
      const expired = await post('/v1/confirmations', { token });
      expect(expired.status).toBe(410);
      expect(expired.json).toMatchObject({ code: 'link_expired', title: expect.stringContaining('abgelaufen') });
      expect((await post('/v1/confirmations/resend', { token })).status).toBe(202);
      const fresh = tokenIn((await emailsOf(t.db, tenant.id)).filter((m) => m.to === 'late@example.com').at(-1)!, '/confirm');
      expect((await post('/v1/confirmations', { token: fresh })).json.status).toBe('confirmed');
    } finally {
      t.clock.advance(-(24 * 3_600_000 + 1000));
    }
  });

  it('an unknown token is a 404; another tenant cannot redeem it', async () => {
    expect((await post('/v1/confirmations', { token: 'x'.repeat(43) })).json.code).toBe('link_invalid');
    const { token } = await signUp(privateSignup, 'other-tenant@example.com');
    const other = await seedTenant(t.db, 'signup-other');
    const res = await call(t.app, 'POST', '/v1/confirmations', { key: other.publishableKey, origin: other.origin, body: { token } });
    expect(res.status).toBe(404);
  });
});
