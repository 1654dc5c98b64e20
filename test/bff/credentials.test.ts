import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODE_LENGTH, CREDENTIAL_ALPHABET, PASSWORD_LENGTH } from '../../contract/credentials.js';
import { auditEvents, contracts, credentialRotations, outbox } from '../../bff/db/schema/index.js';
import { PPPOE_SEAL } from '../../bff/domain/credentials.js';
import { unseal } from '../../bff/lib/crypto.js';
import { type EmailPayload, openPayload, type SmsPayload, type WebhookPayload } from '../../bff/messaging/outbox.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { encryptionOf, linkAccounts, pdfFile, pdfText, seedContract, TEST_SECRET } from './helpers/contracts.js';
import { browser, seedUser, type TestUser } from './helpers/portal.js';

// `POST /v1/contracts/:id/internet-credentials` (PRODUCT.md §3.6, issue 17's acceptance).

let t: TestApp;
let operator: TestTenant;
let tenant: TestTenant;
let other: TestTenant;
const PASSWORD = 'admin-password-long-enough';
const HOUR = 3_600_000;
const CRED = new RegExp(`^[${CREDENTIAL_ALPHABET}]+$`);

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-22T13:32:00Z'));
  operator = await seedTenant(t.db, 'cred-op');
  tenant = await seedTenant(t.db, 'cred', { parentId: operator.id });
  other = await seedTenant(t.db, 'cred-other');
  const hook = (on: TestTenant, eventTypes: string[], host: string) =>
    call(t.app, 'POST', '/v1/webhook-endpoints', { key: on.secretKey, body: { url: `https://${host}.example/hook`, eventTypes } });
  expect((await hook(operator, ['contract.credentials_rotated'], 'provisioning-op')).status).toBe(201);
  expect((await hook(tenant, ['contract.credentials_rotated', 'signup.created'], 'provisioning-reseller')).status).toBe(201);
  expect((await hook(tenant, ['*'], 'everything-reseller')).status).toBe(201);
  expect((await hook(operator, ['*'], 'everything-op')).status).toBe(201);
});
afterAll(() => t.close());
beforeEach(() => t.clock.advance(2 * 24 * HOUR));

interface Admin extends TestUser {
  accountId: string;
  customerNumber: string;
  session: string;
}
async function admin(on: TestTenant = tenant): Promise<Admin> {
  const user = await seedUser(t.db, on, { password: PASSWORD });
  return { ...user, session: await browser(t, on).login(user) };
}

let ip = 0;
const rotate = (who: { session: string }, contractId: string, body: unknown = { consent: true }, o: { key?: string; locale?: string; on?: TestTenant } = {}) =>
  call(t.app, 'POST', `/v1/contracts/${contractId}/internet-credentials`, {
    key: who.session,
    origin: (o.on ?? tenant).origin,
    body,
    headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, 'accept-language': o.locale ?? 'de', ...(o.key && { 'idempotency-key': o.key }) },
  });

const rowsOf = async (tenantId: string, channel: 'email' | 'sms' | 'webhook') =>
  t.db.select().from(outbox).where(and(eq(outbox.tenantId, tenantId), eq(outbox.channel, channel))).orderBy(asc(outbox.createdAt));
/** A row's payload as the worker delivers it (the SMS text and the webhook data are sealed in the row). */
const clear = <T>(row: { payload: unknown }) => openPayload(TEST_SECRET, row.payload) as T;
const smsTo = async (to: string) => (await rowsOf(tenant.id, 'sms')).filter((r) => clear<SmsPayload>(r).to === to && clear<SmsPayload>(r).text?.includes('PDF'));
const credentialHooks = async (contractId: string) =>
  [...(await rowsOf(tenant.id, 'webhook')), ...(await rowsOf(operator.id, 'webhook'))].filter(
    (r) => (r.payload as WebhookPayload).event === 'contract.credentials_rotated' && (clear<WebhookPayload>(r).data as { contractId?: string })?.contractId === contractId,
  );
const mailsTo = async (to: string) => (await rowsOf(tenant.id, 'email')).filter((r) => (r.payload as EmailPayload).to === to && (r.payload as EmailPayload).attachments);
const codeIn = (sms: SmsPayload) => /: ([A-Za-z0-9]{16})$/.exec(sms.text)![1]!;
const sealedOf = async (id: string) => (await t.db.select().from(contracts).where(eq(contracts.id, id)))[0]!;
const rotationsOf = async (id: string) => t.db.select().from(credentialRotations).where(eq(credentialRotations.contractId, id));

describe('refusals', () => {
  it('without consent: 422 with the field error consent_required at consent, saying what to do, in the caller’s language; nothing changes', async () => {
    const a = await admin();
    const c = await seedContract(t.db, tenant, a.accountId);
    for (const body of [{ consent: false }, {}]) {
      const res = await rotate(a, c.id, body);
      expect(res.status).toBe(422);
      expect(res.json.errors[0].path).toBe('consent');
    }
    const res = await rotate(a, c.id, { consent: false });
    expect(res.json.errors[0]).toMatchObject({ path: 'consent', code: 'consent_required', message: expect.stringMatching(/Kontrollkästchen/) });
    const en = await rotate(a, c.id, { consent: false }, { locale: 'en' });
    expect(en.json.errors[0].message).toMatch(/tick the box/);
    expect((await sealedOf(c.id)).passwordSealed).toBe(c.passwordSealed);
    expect(await rotationsOf(c.id)).toHaveLength(0);
    expect(await mailsTo(a.email)).toHaveLength(0);
  });

  it('an ineligible contract: 422 with the reason as the code and a detail in words', async () => {
    const a = await admin();
    const cases = [
      [await seedContract(t.db, tenant, a.accountId, { accessLine: false }), 'no_access_line', /keinen Anschluss/],
      [await seedContract(t.db, tenant, a.accountId, { product: 'sip_trunk', name: 'SIP-Trunk Business', accessLine: false }), 'no_access_line', /keinen Anschluss/],
      [await seedContract(t.db, tenant, a.accountId, { product: 'ip_voice_data', name: 'IP Voice / Data Premium' }), 'contract_type', /CompanyFlex Access Plus/],
      [await seedContract(t.db, tenant, a.accountId, { status: 'ended' }), 'contract_ended', /beendet/],
      // A line with no username on record: no credentials to replace.
      [await seedContract(t.db, tenant, a.accountId, { pppoeUsername: null }), 'no_credentials', /noch keine Internet-Zugangsdaten eingerichtet/],
    ] as const;
    for (const [contract, code, detail] of cases) {
      const res = await rotate(a, contract.id);
      expect(res.status, res.text).toBe(422);
      expect(res.json.code).toBe(code);
      expect(res.json.detail).toMatch(detail);
      expect(res.json.detail).toContain(contract.contractNumber);
      expect(await rotationsOf(contract.id)).toHaveLength(0);
    }
    const en = await rotate(a, cases[3][0].id, { consent: true }, { locale: 'en' });
    expect(en.json.detail).toMatch(/has ended/);
    const none = await rotate(a, cases[4][0].id, { consent: true }, { locale: 'en' });
    expect(none.json.detail).toMatch(/no internet access credentials set up yet/);
  });

  it("another account's, another tenant's, a sibling sub-account's or an unknown contract: 404, and it keeps its password", async () => {
    const a = await admin();
    const b = await admin();
    const foreign = await admin(other);
    const sub = await admin();
    await linkAccounts(t.db, tenant, b.accountId, sub.accountId);
    const targets = [
      await seedContract(t.db, tenant, b.accountId),
      await seedContract(t.db, other, foreign.accountId),
      await seedContract(t.db, tenant, sub.accountId),
    ];
    for (const c of targets) {
      const res = await rotate(a, c.id);
      expect(res.status).toBe(404);
      expect(res.json.code).toBe('not_found');
      expect((await sealedOf(c.id)).passwordSealed).toBe(c.passwordSealed);
    }
    expect((await rotate(a, crypto.randomUUID())).status).toBe(404);
    expect((await rotate(a, 'not-a-uuid')).status).toBe(422);
    // The sub-account's own admin may, and so may its main account's admin.
    expect((await rotate(sub, targets[2]!.id)).status).toBe(200);
    expect((await rotate(b, targets[2]!.id)).status).toBe(200);
  });
});

describe('a rotation', () => {
  it("revokes the old password at once, sends the PDF by e-mail and the code by SMS, fires the webhook to the operator's provisioning by name, audits", async () => {
    const main = await admin();
    const sub = await admin();
    await linkAccounts(t.db, tenant, main.accountId, sub.accountId);
    const c = await seedContract(t.db, tenant, sub.accountId, { product: 'cloud_pbx', name: 'Cloud PBX Filialvertrag', siteName: 'Filiale Zürich' });
    const before = unseal(TEST_SECRET, PPPOE_SEAL, c.passwordSealed!);
    const webhooksBefore = (await rowsOf(tenant.id, 'webhook')).length + (await rowsOf(operator.id, 'webhook')).length;

    const res = await rotate(main, c.id, { consent: true }, { key: 'rotate-1' });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      contractId: c.id,
      rotatedAt: expect.any(String),
      sentTo: { email: expect.stringMatching(/^a•+@firma\.example$/), mobile: expect.stringMatching(/^\+49 151 •+ \d\d$/) },
      rotationsLeft: 2,
      nextRotationAt: null,
      sequence: 1,
    });

    expect(Math.abs(Date.parse(res.json.rotatedAt) - t.clock.now().getTime())).toBeLessThan(5000);
    const row = await sealedOf(c.id);
    const after = unseal(TEST_SECRET, PPPOE_SEAL, row.passwordSealed!);
    expect(after).not.toBe(before);
    expect(after).toHaveLength(PASSWORD_LENGTH);
    expect(after).toMatch(CRED);
    expect(row.credentialsRotatedAt?.toISOString()).toBe(res.json.rotatedAt);
    expect(await rotationsOf(c.id)).toEqual([expect.objectContaining({ userId: main.id, tenantId: tenant.id })]);

    // The e-mail to the logged-in admin: PDF attached, says where the code goes, what to do; no secret.
    const [mailRow] = await mailsTo(main.email);
    expect(mailRow!.sensitive).toBe(true);
    const mail = mailRow!.payload as EmailPayload;
    expect(mail.attachments).toEqual([{ filename: `Internet-Zugangsdaten-${c.contractNumber}-1.pdf`, contentType: 'application/pdf', content: expect.any(String) }]);
    expect(mail.subject).toBe(`Neue Internet-Zugangsdaten für Vertrag ${c.contractNumber} – Nr. 1`);
    expect(mail.text).toContain('Diese Zugangsdaten ersetzen alle früher gesendeten.');
    expect(mail.text).toMatch(/am 22\. November 2026, 14:32 Uhr \(MEZ\)|Uhr \(MEZ\)/);
    expect(mail.text).toMatch(/angehängten PDF-Datei/);
    expect(mail.text).toContain(res.json.sentTo.mobile);
    expect(mail.text).toMatch(/Router/);
    expect(mail.text).toMatch(/gelten nicht mehr/);
    expect(mail.text).toMatch(/Easy Login/);
    // The SMS to the admin's stored mobile: the code and the contract only.
    const [smsRow] = await smsTo(main.mobile);
    expect(smsRow!.sensitive).toBe(true);
    const sms = clear<SmsPayload>(smsRow!);
    const code = codeIn(sms);
    expect(sms.text).toContain(`Code für die PDF-Datei Internet-Zugangsdaten-${c.contractNumber}-1.pdf`);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(code).toMatch(CRED);
    expect(sms.text).toContain(c.contractNumber);
    expect(sms.text).not.toContain(after);
    for (const secret of [code, after]) {
      expect(mail.text).not.toContain(secret);
      expect(mail.html).not.toContain(secret);
      expect(mail.subject).not.toContain(secret);
    }
    // The PDF opens with the code, and holds the username and the new password.
    const path = pdfFile(Buffer.from(mail.attachments![0]!.content, 'base64'));
    expect(encryptionOf(path, code).parameters).toMatchObject({ V: 5, R: 6, bits: 256, method: 'AESv3' });
    const text = pdfText(path, code).stdout;
    expect(text).toContain(after);
    expect(text).toContain(c.pppoeUsername!);
    expect(text).toContain(sub.customerNumber);
    expect(pdfText(path).status).not.toBe(0);

    // The webhook: to the operator's endpoint that names the event only — not to the reseller's, not to `*`.
    const hooks = await credentialHooks(c.id);
    expect(hooks).toHaveLength(1);
    expect(hooks.map((h) => h.tenantId)).toEqual([operator.id]);
    expect((await rowsOf(tenant.id, 'webhook')).length + (await rowsOf(operator.id, 'webhook')).length).toBe(webhooksBefore + 1);
    for (const hook of hooks) {
      expect(hook.sensitive).toBe(true);
      expect(clear<WebhookPayload>(hook).data).toEqual({
        contractId: c.id,
        contractNumber: c.contractNumber,
        accountId: sub.accountId,
        customerNumber: sub.customerNumber,
        pppoeUsername: c.pppoeUsername,
        password: after,
        rotatedAt: res.json.rotatedAt,
      });
    }
    // The audit entry: on the sub-account, acted on from the main account; contract number and username only.
    const [entry] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contract.credentials_rotated'), eq(auditEvents.targetId, c.id)));
    expect(entry).toMatchObject({ accountId: sub.accountId, actingForAccountId: main.accountId, actorId: main.id, targetType: 'contract' });
    expect(entry!.data).toEqual({ contractNumber: c.contractNumber, pppoeUsername: c.pppoeUsername });
  });

  it('in English when asked and offered: the e-mail, the SMS and the PDF', async () => {
    const a = await admin();
    const c = await seedContract(t.db, tenant, a.accountId);
    expect((await rotate(a, c.id, { consent: true }, { locale: 'en' })).status).toBe(200);
    const mail = (await mailsTo(a.email))[0]!.payload as EmailPayload;
    expect(mail.subject).toMatch(/New internet access credentials/);
    expect(mail.attachments![0]!.filename).toBe(`Internet-Credentials-${c.contractNumber}-1.pdf`);
    expect(mail.subject).toMatch(/– no\. 1$/);
    expect(mail.text).toContain('These credentials replace all those sent before.');
    const sms = (await rowsOf(tenant.id, 'sms')).map((r) => clear<SmsPayload>(r)).find((p) => p.to === a.mobile && p.text.includes('code for the PDF'))!;
    expect(pdfText(pdfFile(Buffer.from(mail.attachments![0]!.content, 'base64')), codeIn(sms)).stdout).toContain('New internet access credentials');
  });

  it('a double click (two concurrent POSTs, one Idempotency-Key) rotates once: one rotation, one e-mail, one SMS', async () => {
    const a = await admin();
    const c = await seedContract(t.db, tenant, a.accountId);
    const [one, two] = await Promise.all([rotate(a, c.id, { consent: true }, { key: 'double-click' }), rotate(a, c.id, { consent: true }, { key: 'double-click' })]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.json).toEqual(two.json);
    expect(await rotationsOf(c.id)).toHaveLength(1);
    expect(await mailsTo(a.email)).toHaveLength(1);
    expect(await smsTo(a.mobile)).toHaveLength(1);
    // A later retry replays too.
    const again = await rotate(a, c.id, { consent: true }, { key: 'double-click' });
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await rotationsOf(c.id)).toHaveLength(1);
  });

  it('the 4th in 24 hours: 429 rotation_limit with Retry-After and a detail that says when; 24 hours after the first, allowed again', async () => {
    const a = await admin();
    const c = await seedContract(t.db, tenant, a.accountId);
    t.clock.set(new Date('2026-12-01T09:00:00Z'));
    const first = t.clock.now();
    const results: { rotatedAt: string; rotationsLeft: number; nextRotationAt: string | null; sequence: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await rotate(a, c.id);
      expect(res.status, res.text).toBe(200);
      results.push(res.json);
      t.clock.advance(HOUR);
    }
    expect(results.map((r) => r.rotationsLeft)).toEqual([2, 1, 0]);
    expect(results.map((r) => r.sequence)).toEqual([1, 2, 3]);
    const dayAfter = (at: string) => new Date(Date.parse(at) + 24 * HOUR).toISOString();
    expect(results.map((r) => r.nextRotationAt)).toEqual([null, null, dayAfter(results[0]!.rotatedAt)]);
    // The list says the same, per contract.
    const listed = (await call(t.app, 'GET', '/v1/contracts', { key: a.session, origin: tenant.origin })).json.contracts.find((x: { id: string }) => x.id === c.id);
    expect(listed).toMatchObject({ rotationsLeft: 0, nextRotationAt: dayAfter(results[0]!.rotatedAt) });
    const sealed = (await sealedOf(c.id)).passwordSealed;
    const fourth = await rotate(a, c.id);
    expect(fourth.status).toBe(429);
    expect(fourth.json.code).toBe('rotation_limit');
    const retryAfter = Number(fourth.headers.get('retry-after'));
    const expected = Math.ceil((first.getTime() + 24 * HOUR - t.clock.now().getTime()) / 1000);
    expect(Math.abs(retryAfter - expected)).toBeLessThanOrEqual(2);
    // 09:00 UTC is 10:00 in Berlin on 2 December.
    expect(fourth.json.detail).toContain('in den letzten 24 Stunden schon 3-mal');
    expect(fourth.json.detail).toContain('wieder ab 2. Dezember 2026, 10:00 Uhr (MEZ)');
    expect(fourth.json.title).not.toMatch(/heute|3-mal/);
    expect((await rotate(a, c.id, { consent: true }, { locale: 'en' })).json.detail).toContain('from 2 December 2026, 10:00 CET');
    expect((await sealedOf(c.id)).passwordSealed).toBe(sealed);
    expect(await rotationsOf(c.id)).toHaveLength(3);
    expect(await mailsTo(a.email)).toHaveLength(3);

    t.clock.set(new Date(first.getTime() + 24 * HOUR + 1000));
    const later = await rotate(a, c.id);
    expect(later.status, later.text).toBe(200);
    expect(later.json).toMatchObject({ rotationsLeft: 0, sequence: 4, nextRotationAt: dayAfter(results[1]!.rotatedAt) });
  });

  it('over the messaging budget: 429, and the rotation rolls back (the old password stays)', async () => {
    const a = await admin();
    const many = [];
    for (let i = 0; i < 11; i++) many.push(await seedContract(t.db, tenant, a.accountId));
    for (const c of many.slice(0, 10)) expect((await rotate(a, c.id)).status).toBe(200);
    const last = many[10]!;
    const res = await rotate(a, last.id);
    expect(res.status).toBe(429);
    expect(res.json.code).toBe('rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    // Why, from when (the Retry-After's instant, zoned), and that nothing changed.
    expect(res.json.detail).toMatch(/in der letzten Stunde schon viele Nachrichten/);
    expect(res.json.detail).toMatch(/wieder ab \d+\. \w+ \d{4}, \d\d:\d\d Uhr \(ME(S)?Z\)/);
    expect(res.json.detail).toContain('Ihre bisherigen Zugangsdaten gelten weiter.');
    expect(Math.abs(Date.parse(res.json.retryAt) - (t.clock.now().getTime() + retryAfter * 1000))).toBeLessThan(2000);
    expect((await sealedOf(last.id)).passwordSealed).toBe(last.passwordSealed);
    expect(await rotationsOf(last.id)).toHaveLength(0);
    expect(await mailsTo(a.email)).toHaveLength(10);
  });
});

describe('secrets', () => {
  it('the code and the password appear in no log line, audit entry, response body or header of the flow', async () => {
    const a = await admin();
    const c = await seedContract(t.db, tenant, a.accountId);
    const logStart = t.logLines.length;
    const responses = [];
    responses.push(await call(t.app, 'GET', '/v1/contracts', { key: a.session, origin: tenant.origin }));
    responses.push(await rotate(a, c.id, { consent: true }, { key: 'scan-1' }));
    responses.push(await rotate(a, c.id, { consent: true }, { key: 'scan-1' }));
    responses.push(await rotate(a, c.id));
    responses.push(await rotate(a, c.id));
    responses.push(await rotate(a, c.id)); // 429
    expect(responses.at(-1)!.status).toBe(429);
    responses.push(await call(t.app, 'GET', '/v1/contracts', { key: a.session, origin: tenant.origin }));
    responses.push(await call(t.app, 'GET', '/v1/audit-events', { key: a.session, origin: tenant.origin }));
    responses.push(await call(t.app, 'GET', '/v1/audit-events', { key: tenant.secretKey }));
    responses.push(await call(t.app, 'GET', '/v1/audit-events', { key: operator.secretKey }));

    const codes = (await smsTo(a.mobile)).map((r) => codeIn(clear<SmsPayload>(r)));
    const passwords = (await credentialHooks(c.id)).map((r) => (clear<WebhookPayload>(r).data as { password: string }).password);
    expect(codes).toHaveLength(3);
    expect(passwords).toHaveLength(3);
    const secrets = [...codes, ...passwords, unseal(TEST_SECRET, PPPOE_SEAL, (await sealedOf(c.id)).passwordSealed!)];
    const logs = t.logLines.slice(logStart).join('\n');
    expect(logs).toContain('/internet-credentials');
    const audits = JSON.stringify(await t.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id)));
    const mails = (await mailsTo(a.email)).map((r) => r.payload as EmailPayload);
    expect(mails).toHaveLength(3);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(audits).not.toContain(secret);
      for (const res of responses) {
        expect(res.text).not.toContain(secret);
        expect(JSON.stringify([...res.headers.entries()])).not.toContain(secret);
      }
      for (const mail of mails) expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(secret);
    }
  });

  it('delivered, the e-mail keeps no attachment or text, the SMS no text, the webhook no data', async () => {
    const a = await admin();
    const c = await seedContract(t.db, tenant, a.accountId);
    expect((await rotate(a, c.id)).status).toBe(200);
    const ids = [...(await mailsTo(a.email)), ...(await smsTo(a.mobile))].map((r) => r.id);
    const hookIds = (await credentialHooks(c.id)).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(hookIds).toHaveLength(1);
    const sent: string[] = [];
    const record = async (d: { id: string }) => void sent.push(d.id);
    t.clock.advance(1000);
    const worker = createWorker({ db: t.db, transports: { email: record, sms: record, webhook: record }, clock: t.clock, log: t.deps.log, secret: t.deps.env.secret, batchSize: 500 });
    while ((await worker.runOnce()) > 0);
    for (const id of [...ids, ...hookIds]) {
      expect(sent).toContain(id);
      const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
      expect(row!.status).toBe('sent');
      expect(row!.purgedAt).not.toBeNull();
      const payload = row!.payload as Record<string, unknown>;
      expect(payload).not.toHaveProperty('attachments');
      expect(payload).not.toHaveProperty('text');
      expect(payload).not.toHaveProperty('html');
      expect(payload).not.toHaveProperty('data');
      expect(payload).not.toHaveProperty('sealedText');
      expect(payload).not.toHaveProperty('sealedData');
    }
  });
});
