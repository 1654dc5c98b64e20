import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_PAGE_BODY_BYTES } from '../../bff/app.js';
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
    // The replay is the stored answer: the same key, without its secret (never stored in clear).
    expect(again.json).toEqual({ ...first.json, key: null });
    expect((await post(JSON.stringify({ kind: 'secret' }), { headers: { 'idempotency-key': 'body-1' } })).status).toBe(409);
  });
});

/** Sends `size` bytes of a form to `path`, in 64 KiB pieces of one buffer (the test itself keeps no copy). */
function postForm(path: string, size: number, o: { chunked?: boolean } = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const piece = Buffer.alloc(65_536, 'a');
    piece.write('token=');
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!o.chunked) headers['content-length'] = String(size);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const n = Math.min(piece.length, size - sent);
        sent += n;
        if (!req.write(piece.subarray(0, n))) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

/** The highest heap use while `run` runs, above the heap before it. */
async function peakHeapGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().heapUsed) - before;
}

describe('every route has a body limit', () => {
  it('pages take 8 KiB: a small form still works, 8 KiB and a byte is a 413', async () => {
    expect((await postForm('/confirm', 100)).status).toBe(404); // no such link, but read and answered
    expect((await postForm('/confirm', MAX_PAGE_BODY_BYTES + 1)).status).toBe(413);
    expect((await postForm('/set-password', MAX_PAGE_BODY_BYTES + 1, { chunked: true })).status).toBe(413);
    expect((await postForm('/nowhere', MAX_PAGE_BODY_BYTES + 1, { chunked: true })).status).toBe(413);
  });

  it('5 MB to /confirm, by Content-Length and chunked, four at a time: 413 without growing the heap', async () => {
    for (const chunked of [false, true]) {
      let statuses: number[] = [];
      const growth = await peakHeapGrowth(async () => {
        statuses = (await Promise.all([1, 2, 3, 4].map(() => postForm('/confirm', 5 * 1024 * 1024, { chunked })))).map((r) => r.status);
      });
      expect(statuses).toEqual([413, 413, 413, 413]);
      // Reading the forms would hold 20 MB of text; refusing them holds a few buffers.
      expect(growth, `heap grew by ${(growth / 1048576).toFixed(1)} MB (chunked: ${chunked})`).toBeLessThan(4 * 1024 * 1024);
    }
  });
});
