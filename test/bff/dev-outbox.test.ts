import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../bff/messaging/outbox.js';
import { TEST_BUDGET } from './helpers/outbox.js';
import { call, createTestApp, seedTenant, type TestApp } from './helpers/app.js';
import { pdfFile, pdfText, seedContract } from './helpers/contracts.js';
import { browser, seedUser } from './helpers/portal.js';
import { createWorker } from '../../bff/messaging/worker.js';

let dev: TestApp;
let prod: TestApp;
let emailId: string;

beforeAll(async () => {
  dev = await createTestApp({ nodeEnv: 'development' });
  prod = await createTestApp({ nodeEnv: 'production' });
  const tenant = await seedTenant(dev.db, 'devbox');
  emailId = await enqueue(dev.db, {
    tenantId: tenant.id,
    channel: 'email', budget: TEST_BUDGET,
    payload: {
      to: 'anna@example.com',
      subject: 'Bitte bestätigen <Sie>',
      text: 'Hallo Anna,\nbitte öffnen Sie https://demo.example/confirm?token=abc123.\nDanke',
      html: '<p>Hallo <b>Anna</b></p><script>alert(1)</script>',
      attachments: [{ filename: 'vertrag.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 x').toString('base64') }],
    },
  });
  await enqueue(dev.db, { tenantId: tenant.id, channel: 'sms', budget: TEST_BUDGET, payload: { to: '+491701234567', text: 'Ihr Code: 482913' } });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
});

describe('dev outbox', () => {
  it('shows each message readably: subject, text with clickable links, attachments to download', async () => {
    const res = await call(dev.app, 'GET', '/dev/outbox');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.text).toContain('Bitte bestätigen &lt;Sie&gt;'); // escaped
    expect(res.text).toContain('<a href="https://demo.example/confirm?token=abc123">');
    expect(res.text).toContain('Ihr Code: 482913');
    expect(res.text).toMatch(new RegExp(`href="http://localhost:8787/dev/outbox/${emailId}/attachments/0" download="vertrag.pdf"`));
    expect(res.text).not.toContain('<script>');
  });

  it('serves the JSON listing and the attachment bytes', async () => {
    const list = await call(dev.app, 'GET', '/dev/outbox.json');
    const email = list.json.messages.find((m: { id: string }) => m.id === emailId);
    expect(email).toMatchObject({ channel: 'email', to: 'anna@example.com', status: 'pending' });
    expect(email.attachments[0]).toMatchObject({ filename: 'vertrag.pdf', contentType: 'application/pdf', size: 10 });
    const file = await dev.app.request(new URL(email.attachments[0].url).pathname);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="vertrag.pdf"');
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 x');
  });

  it('shows the HTML version in a sandbox without scripts', async () => {
    const res = await dev.app.request(`/dev/outbox/${emailId}/html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect((await dev.app.request('/dev/outbox/not-a-uuid/html')).status).toBe(422);
    expect((await dev.app.request('/dev/outbox/00000000-0000-4000-8000-000000000000/attachments/0')).status).toBe(404);
  });

  it('holds a credentials rotation: the PDF downloadable until it is purged, the SMS with the code, the webhook', async () => {
    const tenant = await seedTenant(dev.db, 'devbox-cred');
    await call(dev.app, 'POST', '/v1/webhook-endpoints', { key: tenant.secretKey, body: { url: 'https://provisioning.devbox.example/hook', eventTypes: ['contract.credentials_rotated'] } });
    const admin = await seedUser(dev.db, tenant, { password: 'admin-password-long-enough' });
    const contract = await seedContract(dev.db, tenant, admin.accountId);
    const session = await browser(dev, tenant).login(admin);
    const rotated = await call(dev.app, 'POST', `/v1/contracts/${contract.id}/internet-credentials`, { key: session, origin: tenant.origin, body: { consent: true } });
    expect(rotated.status, rotated.text).toBe(200);
    const messages = (await call(dev.app, 'GET', '/dev/outbox.json')).json.messages as any[];
    const mail = messages.find((m) => m.channel === 'email' && m.to === admin.email && m.attachments.length > 0);
    expect(mail.attachments[0]).toMatchObject({ filename: `Internet-Zugangsdaten-${contract.contractNumber}-1.pdf`, contentType: 'application/pdf' });
    const sms = messages.find((m) => m.channel === 'sms' && m.to === admin.mobile && m.text.includes(contract.contractNumber));
    const code = /: ([A-Za-z0-9]{16})$/.exec(sms.text)![1]!;
    const hook = messages.find((m) => m.channel === 'webhook' && m.data?.contractId === contract.id);
    expect(hook.data.password).toHaveLength(20);
    const page = await call(dev.app, 'GET', '/dev/outbox');
    expect(page.text).toContain(code);
    expect(page.text).toContain(`/dev/outbox/${mail.id}/attachments/0`);
    const file = await dev.app.request(new URL(mail.attachments[0].url).pathname);
    expect(file.status).toBe(200);
    const text = pdfText(pdfFile(new Uint8Array(await file.arrayBuffer())), code);
    expect(text.stdout).toContain(hook.data.password);
    expect(text.stdout).toContain(contract.pppoeUsername);
    // Delivered (here: by a worker with transports that accept everything), all three are purged.
    dev.clock.advance(1000);
    const accept = async () => undefined;
    const worker = createWorker({ db: dev.db, transports: { email: accept, sms: accept, webhook: accept }, clock: dev.clock, log: dev.deps.log, secret: dev.deps.env.secret, batchSize: 100 });
    while ((await worker.runOnce()) > 0);
    expect((await dev.app.request(new URL(mail.attachments[0].url).pathname)).status).toBe(404);
    const after = (await call(dev.app, 'GET', '/dev/outbox.json')).json.messages as any[];
    expect(after.find((m) => m.id === mail.id).attachments).toEqual([]);
    expect(after.find((m) => m.id === sms.id).text).toBeNull();
    expect(after.find((m) => m.id === hook.id).data).toBeNull();
    expect((await call(dev.app, 'GET', '/dev/outbox')).text).not.toContain(code);
  });

  it('does not exist in production', async () => {
    for (const path of ['/dev/outbox', '/dev/outbox.json', `/dev/outbox/${emailId}/attachments/0`]) {
      const res = await call(prod.app, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.json.code).toBe('not_found');
    }
  });
});
