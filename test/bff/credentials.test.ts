import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODE_LENGTH, CREDENTIAL_ALPHABET, PASSWORD_LENGTH } from '../../contract/credentials.js';
import { auditEvents, contracts, credentialRotations, outbox } from '../../bff/db/schema/index.js';
import { PPPOE_SEAL } from '../../bff/domain/credentials.js';
import { unseal } from '../../bff/lib/crypto.js';
import type { EmailPayload, SmsPayload, WebhookPayload } from '../../bff/messaging/outbox.js';
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
const smsTo = async (to: string) => (await rowsOf(tenant.id, 'sms')).filter((r) => (r.payload as SmsPayload).to === to && (r.payload as SmsPayload).text.includes('PDF'));
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
      [await seedContract(t.db, tenant, a.accountId, { pppoeUsername: null }), 'no_access_line', /keinen Anschluss/],
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
  it('revokes the old password at once, sends the PDF by e-mail and the code by SMS, fires the webhook to the provisioning by name, audits', async () => {
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
      remainingToday: 2,
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
    expect(mail.attachments).toEqual([{ filename: `Internet-Zugangsdaten-${c.contractNumber}.pdf`, contentType: 'application/pdf', content: expect.any(String) }]);
    expect(mail.text).toMatch(/angehängten PDF-Datei/);
    expect(mail.text).toContain(res.json.sentTo.mobile);
    expect(mail.text).toMatch(/Router/);
    expect(mail.text).toMatch(/gelten nicht mehr/);
    expect(mail.text).toMatch(/Easy Login/);
    // The SMS to the admin's stored mobile: the code and the contract only.
    const [smsRow] = await smsTo(main.mobile);
    expect(smsRow!.sensitive).toBe(true);
    const sms = smsRow!.payload as SmsPayload;
    const code = codeIn(sms);
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

    // The webhook: to the reseller's and the operator's endpoints that name the event, not to `*`.
    const hooks = [...(await rowsOf(tenant.id, 'webhook')), ...(await rowsOf(operator.id, 'webhook'))].filter((r) => (r.payload as WebhookPayload).event === 'contract.credentials_rotated' && ((r.payload as WebhookPayload).data as { contractId: string }).contractId === c.id);
    expect(hooks).toHaveLength(2);
    expect(new Set(hooks.map((h) => h.tenantId))).toEqual(new Set([tenant.id, operator.id]));
    expect((await rowsOf(tenant.id, 'webhook')).length + (await rowsOf(operator.id, 'webhook')).length).toBe(webhooksBefore + 2);
    for (const hook of hooks) {
      expect(hook.sensitive).toBe(true);
      expect((hook.payload as WebhookPayload).data).toEqual({
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
    expect(mail.attachments![0]!.filename).toBe(`Internet-Credentials-${c.contractNumber}.pdf`);
    const sms = (await rowsOf(tenant.id, 'sms')).map((r) => r.payload as SmsPayload).find((p) => p.to === a.mobile && p.text.includes('code for the PDF'))!;
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
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await rotate(a, c.id);
      expect(res.status, res.text).toBe(200);
      remaining.push(res.json.remainingToday);
      t.clock.advance(HOUR);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const sealed = (await sealedOf(c.id)).passwordSealed;
    const fourth = await rotate(a, c.id);
    expect(fourth.status).toBe(429);
    expect(fourth.json.code).toBe('rotation_limit');
    const retryAfter = Number(fourth.headers.get('retry-after'));
    const expected = Math.ceil((first.getTime() + 24 * HOUR - t.clock.now().getTime()) / 1000);
    expect(Math.abs(retryAfter - expected)).toBeLessThanOrEqual(2);
    // 09:00 UTC is 10:00 in Berlin on 2 December.
    expect(fourth.json.detail).toMatch(/wieder ab 02\.12\.2026, 10:00 Uhr/);
    expect((await rotate(a, c.id, { consent: true }, { locale: 'en' })).json.detail).toMatch(/02\/12\/2026, 10:00/);
    expect((await sealedOf(c.id)).passwordSealed).toBe(sealed);
    expect(await rotationsOf(c.id)).toHaveLength(3);
    expect(await mailsTo(a.email)).toHaveLength(3);

    t.clock.set(new Date(first.getTime() + 24 * HOUR + 1000));
    const later = await rotate(a, c.id);
    expect(later.status, later.text).toBe(200);
    expect(later.json.remainingToday).toBe(0);
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
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
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

    const codes = (await smsTo(a.mobile)).map((r) => codeIn(r.payload as SmsPayload));
    const passwords = (await rowsOf(tenant.id, 'webhook'))
      .map((r) => (r.payload as WebhookPayload).data as { contractId?: string; password?: string })
      .filter((d) => d.contractId === c.id)
      .map((d) => d.password!);
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
    const hookIds = [...(await rowsOf(tenant.id, 'webhook')), ...(await rowsOf(operator.id, 'webhook'))]
      .filter((r) => ((r.payload as WebhookPayload).data as { contractId?: string })?.contractId === c.id)
      .map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(hookIds).toHaveLength(2);
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
    }
  });
});
