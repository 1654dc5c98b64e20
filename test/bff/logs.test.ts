import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../bff/lib/logger.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'logs');
});
afterAll(() => t.close());

describe('logs', () => {
  it('are JSON lines with a request id and never contain keys, tokens or query strings', async () => {
    const created = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'secret' } });
    await call(t.app, 'GET', '/v1/tenant?token=abcdef-secret-link-token', { key: tenant.publishableKey, origin: tenant.origin });
    await call(t.app, 'GET', '/v1/tenant', { key: 'tk_pub_wrong_guess_123' });
    const lines = t.logLines.map((l) => JSON.parse(l));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const l of requests) expect(l.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const all = t.logLines.join('\n');
    for (const secret of [tenant.secretKey, tenant.publishableKey, created.json.key, 'tk_pub_wrong_guess_123', 'abcdef-secret-link-token']) {
      expect(all).not.toContain(secret);
    }
  });

  it('redaction removes keys, IBANs and sensitive fields wherever they appear', () => {
    const out = JSON.stringify(
      redact({
        message: 'failed for tk_sec_abcdef123 with DE89 3704 0044 0532 0130 00 and DE89370400440532013000',
        password: 'hunter2hunter2',
        nested: { iban: 'AT611904300234573201', headers: { authorization: 'Bearer tk_ses_xyz' } },
      }),
    );
    for (const s of ['tk_sec_abcdef123', 'DE89 3704', 'DE8937040044', 'hunter2', 'AT6119', 'tk_ses_xyz']) expect(out).not.toContain(s);
  });
});
