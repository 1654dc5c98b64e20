import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../bff/app.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

// Over real HTTP: under @hono/node-server the body is read from Node's request (lib/body.ts), not through
// Hono's fetch Request as with app.request() in the other tests.

let t: TestApp;
let tenant: TestTenant;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'body');
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** POSTs to /v1/api-keys; `chunked` sends the body without Content-Length. */
function post(body: string, o: { chunked?: boolean; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${tenant.secretKey}`, 'content-type': 'application/json', ...o.headers };
    if (!o.chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/api-keys', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    if (o.chunked) {
      // in pieces, so the body arrives in several chunks
      for (let i = 0; i < body.length; i += 16_384) req.write(body.slice(i, i + 16_384));
      req.end();
    } else req.end(body);
  });
}

describe('request bodies under @hono/node-server', () => {
  it('JSON reaches the validator and the route, in pieces too', async () => {
    for (const chunked of [false, true]) {
      const res = await post(JSON.stringify({ kind: 'publishable', label: `ünïcode-${chunked}` }), { chunked });
      expect(res.status).toBe(201);
      expect(res.json.label).toBe(`ünïcode-${chunked}`);
    }
  });

  it('malformed JSON: 400; invalid JSON: 422', async () => {
    expect((await post('{"kind": "secret",')).json.code).toBe('malformed_json');
    const invalid = await post(JSON.stringify({ kind: 'nope' }));
    expect(invalid.status).toBe(422);
  });

  it('over 64 KiB: 413, by Content-Length or by counting', async () => {
    const body = JSON.stringify({ kind: 'secret', label: 'x'.repeat(MAX_BODY_BYTES) });
    for (const chunked of [false, true]) {
      const res = await post(body, { chunked });
      expect(res.status).toBe(413);
      expect(res.json.code).toBe('payload_too_large');
    }
    const list = await t.app.request('/v1/api-keys', { headers: { authorization: `Bearer ${tenant.secretKey}` } });
    expect(((await list.json()) as { keys: { label: string }[] }).keys.some((k) => k.label.startsWith('xxx'))).toBe(false);
  });

  it('the idempotency record sees the same body: a retry replays, another body is a 409', async () => {
    const body = JSON.stringify({ kind: 'publishable', label: 'once' });
    const first = await post(body, { headers: { 'idempotency-key': 'body-1' } });
    const again = await post(body, { chunked: true, headers: { 'idempotency-key': 'body-1' } });
    expect(again.json).toEqual(first.json);
    expect((await post(JSON.stringify({ kind: 'secret' }), { headers: { 'idempotency-key': 'body-1' } })).status).toBe(409);
  });
});
