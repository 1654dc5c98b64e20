import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../contract/port-orders.js';
import { portOrders } from '../../bff/db/schema/index.js';
import { insertCustomer } from './helpers/port-order-rows.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedAgent } from './helpers/porting.js';
import { browser, seedUser } from './helpers/portal.js';

// The document upload over real HTTP: under @hono/node-server the route reads Node's request stream itself
// (lib/body.ts `readBinaryBody`), past the 64 KiB every other /v1 route allows, and stops at 5 MB.

let t: TestApp;
let tenant: TestTenant;
let server: ReturnType<typeof serve>;
let port: number;
let session: string;
let orderId: string;
let adminSession: string;

beforeAll(async () => {
  t = await createTestApp();
  const operator = await seedTenant(t.db, 'http-op');
  tenant = await seedTenant(t.db, 'http-docs', { parentId: operator.id });
  const agent = await seedAgent(t.db, tenant);
  session = await browser(t, tenant).login(agent);
  adminSession = await browser(t, tenant).login(await seedUser(t.db, tenant, { password: 'admin-password-long-enough' }));
  const customer = await insertCustomer(t.db, tenant.id);
  const [order] = await t.db.insert(portOrders).values({ tenantId: tenant.id, reference: 'PO-HTTP01', status: 'submitted', createdBy: agent.id, customerId: customer!.id }).returning();
  orderId = order!.id;
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

function send(method: string, path: string, body?: Buffer, o: { chunked?: boolean } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${session}`, origin: tenant.origin, 'content-type': 'application/octet-stream' };
    if (body && !o.chunked) headers['content-length'] = String(body.byteLength);
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // The server may answer (413) and stop reading before everything is written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (body && o.chunked) {
      for (let i = 0; i < body.byteLength; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

/** A "PDF" of `size` bytes holding every byte value (a binary body must arrive byte for byte). */
function pdfOf(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 255;
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
}

describe('document upload under @hono/node-server', () => {
  it('takes a binary body of 1 MB (over the 64 KiB of other routes), with and without Content-Length, byte for byte', async () => {
    for (const chunked of [false, true]) {
      const bytes = pdfOf(1024 * 1024 + (chunked ? 1 : 0));
      const up = await send('POST', `/v1/port-orders/${orderId}/documents`, bytes, { chunked });
      expect(up.status, up.body.toString()).toBe(201);
      const stored = JSON.parse(up.body.toString());
      expect(stored).toMatchObject({ contentType: 'application/pdf', byteSize: bytes.byteLength });
      const down = await send('GET', `/v1/port-orders/${orderId}/documents/${stored.id}`);
      expect(down.status).toBe(200);
      expect(down.headers['content-type']).toBe('application/pdf');
      expect(down.body.equals(bytes)).toBe(true);
    }
  });

  it('refuses more than 5 MB with 413, announced or streamed', async () => {
    const bytes = pdfOf(MAX_DOCUMENT_BYTES + 1);
    for (const chunked of [false, true]) {
      const res = await send('POST', `/v1/port-orders/${orderId}/documents`, bytes, { chunked });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body.toString()).code).toBe('document_too_large');
    }
  });

  it('refuses a caller who may not upload before reading the body: announced 5 MB, sent slowly, answered 401/403 with most of it unsent', async () => {
    const callers: [string, Record<string, string>][] = [
      ['no session', {}],
      ['a secret key', { authorization: `Bearer ${tenant.secretKey}` }],
      ["an account admin's session", { authorization: `Bearer ${adminSession}`, origin: tenant.origin }],
    ];
    for (const [who, auth] of callers) {
      const answer = await new Promise<{ status: number; code: string; sent: number }>((resolve, reject) => {
        let sent = 0;
        let timer: NodeJS.Timeout | undefined;
        const headers = { ...auth, 'content-type': 'application/pdf', 'content-length': String(MAX_DOCUMENT_BYTES) };
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/v1/port-orders/${orderId}/documents`, headers }, (res) => {
          clearInterval(timer);
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            resolve({ status: res.statusCode!, code: JSON.parse(Buffer.concat(chunks).toString() || '{}').code, sent });
            req.destroy();
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        const chunk = pdfOf(4096);
        const write = () => {
          // 4 KiB every 20 ms: 5 MB would take over 25 seconds.
          if (sent + chunk.byteLength >= MAX_DOCUMENT_BYTES) return reject(new Error(`${who}: the whole body was sent before an answer`));
          req.write(chunk);
          sent += chunk.byteLength;
        };
        write();
        timer = setInterval(write, 20);
      });
      expect([401, 403], who).toContain(answer.status);
      expect(answer.sent, who).toBeLessThan(MAX_DOCUMENT_BYTES / 4);
    }
  });
});
