import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../bff/app.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

let t: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'err');
});
afterAll(() => t.close());

function expectProblem(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ status, code, type: expect.stringContaining(code.replaceAll('_', '-')) });
  expect(res.json.title).toEqual(expect.any(String));
  expect(res.json.requestId).toBe(res.headers.get('x-request-id'));
  // never a stack trace or SQL
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+|select |insert |node_modules/i);
}

describe('problem+json', () => {
  it('validation: 422 with a field path, code and a message in the caller\'s language', async () => {
    const de = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'master', extra: 1 } });
    expectProblem(de, 422, 'validation_failed');
    expect(de.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'kind', code: 'invalid_choice', message: 'Bitte wählen Sie eine der angebotenen Möglichkeiten.' },
        { path: 'extra', code: 'unknown_field', message: expect.any(String) },
      ]),
    );
    const en = await call(t.app, 'POST', '/v1/api-keys', {
      key: tenant.secretKey,
      body: {},
      headers: { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' },
    });
    expectProblem(en, 422, 'validation_failed');
    expect(en.json.title).toBe('Please check your input.');
    expect(en.json.errors).toEqual([{ path: 'kind', code: 'required', message: 'Please fill in this field.' }]);
  });

  it('malformed JSON: 400', async () => {
    const res = await call(t.app, 'POST', '/v1/api-keys', {
      key: tenant.secretKey,
      rawBody: '{"kind": "secret",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('a body that is not JSON: 415', async () => {
    const res = await call(t.app, 'POST', '/v1/api-keys', {
      key: tenant.secretKey,
      rawBody: 'kind=secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('unknown route: 404; wrong method: 405 with Allow', async () => {
    expectProblem(await call(t.app, 'GET', '/v1/nothing-here', { key: tenant.secretKey }), 404, 'not_found');
    const res = await call(t.app, 'DELETE', '/v1/tenant', { key: tenant.secretKey });
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('body over 64 KiB: 413, and nothing is stored', async () => {
    const label = 'x'.repeat(MAX_BODY_BYTES);
    const res = await call(t.app, 'POST', '/v1/api-keys', { key: tenant.secretKey, body: { kind: 'secret', label } });
    expectProblem(res, 413, 'payload_too_large');
    const list = await call(t.app, 'GET', '/v1/api-keys', { key: tenant.secretKey });
    expect(list.json.keys).toHaveLength(2);
  });

  it('security headers on every response', async () => {
    const res = await call(t.app, 'GET', '/v1/tenant', { key: tenant.secretKey });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('internal errors', () => {
  it('500 with only a request id when the database is gone; the log has it, the response does not', async () => {
    const broken = await createTestApp();
    const other = await seedTenant(broken.db, 'gone');
    await broken.database.close();
    const res = await call(broken.app, 'GET', '/v1/tenant', { key: other.secretKey });
    expectProblem(res, 500, 'internal_error');
    expect(Object.keys(res.json).sort()).toEqual(['code', 'requestId', 'status', 'title', 'type']);
    expect(broken.logLines.some((l) => l.includes('unhandled error') && l.includes(res.json.requestId))).toBe(true);
  });
});
