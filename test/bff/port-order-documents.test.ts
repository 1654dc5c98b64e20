import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../contract/port-orders.js';
import { auditEvents, portOrderDocuments, portOrderNumbers, portOrders } from '../../bff/db/schema/index.js';
import { listDocuments } from '../../bff/domain/port-order-documents.js';
import { documentLocale } from '../../bff/domain/power-of-attorney.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedAgent } from './helpers/porting.js';
import { insertCustomer } from './helpers/port-order-rows.js';
import { browser, seedUser } from './helpers/portal.js';

// The power of attorney (PDF, read back with poppler's pdftotext) and the signed copy's upload and download
// (PRODUCT.md §3.5). Orders are inserted directly: the agent's draft routes are another file's.

let t: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let session: string;
let otherSession: string;
let agentId: string;
let seq = 0;

const tmp = mkdtempSync(join(tmpdir(), 'telkit-poa-'));
const pdfText = (bytes: Uint8Array) => {
  const file = join(tmp, `doc-${++seq}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};
const pdfPages = (bytes: Uint8Array) => {
  const file = join(tmp, `info-${++seq}.pdf`);
  writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
};

beforeAll(async () => {
  t = await createTestApp();
  const operator = await seedTenant(t.db, 'docs-op');
  tenant = await seedTenant(t.db, 'docs', { parentId: operator.id });
  other = await seedTenant(t.db, 'docs-other', { parentId: operator.id });
  const agent = await seedAgent(t.db, tenant);
  agentId = agent.id;
  session = await browser(t, tenant).login(agent);
  otherSession = await browser(t, other).login(await seedAgent(t.db, other));
});
afterAll(async () => {
  await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

type Line = { input: string; kind: 'single' | 'block'; first: string | null; last: string | null };
const single = (e164: string): Line => ({ input: e164, kind: 'single', first: e164, last: e164 });
const block = (first: string, last: string): Line => ({ input: `${first.slice(0, -1)}x`, kind: 'block', first, last });

/** An order of `tenant` as the agent's wizard would leave it; `customer: false` leaves the customer out. */
async function order(o: { customer?: boolean; customerName?: string; lines?: Line[]; status?: typeof portOrders.$inferInsert.status; signing?: 'single' | 'collective'; signers?: { name: string; role: string }[]; owner?: TestTenant; timing?: 'asap' | 'contract_end'; provider?: string | null; scope?: 'partial' | 'full' } = {}) {
  const owner = o.owner ?? tenant;
  const createdBy = owner === tenant ? agentId : (await seedAgent(t.db, owner)).id;
  const [customer] =
    o.customer === false
      ? []
      : [await insertCustomer(t.db, owner.id, { companyName: o.customerName ?? 'Schmiedeisen AG', uid: 'CHE-116.281.710' })];
  const reference = `PO-T${String(++seq).padStart(5, '0')}`;
  const [row] = await t.db
    .insert(portOrders)
    .values({
      tenantId: owner.id,
      reference,
      status: o.status ?? 'submitted',
      createdBy,
      customerId: customer?.id ?? null,
      step: 3,
      currentProvider: o.provider === undefined ? 'swisscom' : o.provider,
      signing: o.signing ?? 'collective',
      signers: o.signers ?? [
        { name: 'Jürg Müller', role: 'Geschäftsführer' },
        { name: 'Şükrü Ćosić', role: 'Prokurist' },
      ],
      timing: o.timing ?? 'contract_end',
      portingDate: '2026-12-04',
      portingTime: '10:00',
      scope: o.scope ?? 'partial',
      sharedContract: false,
    })
    .returning();
  const lines = o.lines ?? [single('+41441234567'), single('+41315551234'), block('+41441234500', '+41441234509'), block('+41315556000', '+41315556099')];
  if (lines.length > 0) {
    await t.db.insert(portOrderNumbers).values(
      lines.map((l, position) => ({ tenantId: owner.id, orderId: row!.id, position, input: l.input, kind: l.kind, rangeFirst: l.first, rangeLast: l.last, numberType: 'fixed_line' })),
    );
  }
  return row!;
}

const headers = (key: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, origin: tenant.origin, ...extra });
const get = (path: string, key = session, origin = tenant.origin) => t.app.request(path, { headers: { authorization: `Bearer ${key}`, origin } });
const upload = (orderId: string, body: Uint8Array | string, o: { key?: string; origin?: string; type?: string; query?: string; idempotencyKey?: string; locale?: string } = {}) =>
  t.app.request(`/v1/port-orders/${orderId}/documents${o.query ?? ''}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${o.key ?? session}`,
      origin: o.origin ?? tenant.origin,
      'content-type': o.type ?? 'application/pdf',
      ...(o.idempotencyKey && { 'idempotency-key': o.idempotencyKey }),
      ...(o.locale && { 'accept-language': o.locale }),
    },
    body: body as BodyInit,
  });

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0xff, 0x00, 0x80]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9, 0x00, 0xfe, 0x80, 0x7f]);
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('GET /v1/port-orders/:id/power-of-attorney', () => {
  it('renders a PDF with the customer, every number and block range, the old provider, the date and two signers', async () => {
    const row = await order();
    const res = await get(`/v1/port-orders/${row.id}/power-of-attorney`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="Vollmacht-${row.reference}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const pdf = await bytesOf(res);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Vollmacht zur Rufnummernportierung');
    expect(text).toContain(tenant.name);
    for (const s of ['Schmiedeisen AG', 'Bahnhofstrasse 12', '8001 Zürich', 'UID: CHE-116.281.710', 'Kontaktperson: Jürg Müller']) expect(text).toContain(s);
    expect(text).toContain('+41 44 123 45 67 (044 123 45 67)');
    expect(text).toContain('+41 31 555 12 34 (031 555 12 34)');
    expect(text).toContain('+41 44 123 45 00 – 09, 10 Nummern');
    expect(text).toContain('+41 31 555 60 00 – 99, 100 Nummern (Durchwahlblock)');
    expect(text).toContain('Rufnummern (112)');
    expect(text).toContain('Bisheriger Anbieter Swisscom');
    expect(text).toContain('Teilportierung');
    expect(text).toMatch(/Freitag, 04\.12\.2026, 10:00 Uhr/);
    expect(text).toContain('Kollektivunterschrift zu zweien');
    expect(text).toContain('Jürg Müller, Geschäftsführer');
    // Ş and Ć are not in WinAnsi: transliterated, the rest (ü) kept.
    expect(text).toContain('Sükrü Cosic, Prokurist');
    expect(text).toContain('Ort, Datum');
    expect(text).toContain(`Auftrag ${row.reference}`);
    const today = new Intl.DateTimeFormat('de-CH', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Zurich' }).format(t.clock.now());
    expect(text).toContain(`Erstellt am ${today}`);
    expect(pdfPages(pdf)).toBe(1);
  });

  it('never crashes on names outside WinAnsi (Cyrillic, Greek, CJK, emoji) and prints one signer for a single signature', async () => {
    const row = await order({ customerName: 'ООО Ромашка · Ελλάς 株式会社 🚀', signing: 'single', signers: [{ name: 'Пётр Ильич', role: 'Директор' }], provider: null, timing: 'asap' });
    const res = await get(`/v1/port-orders/${row.id}/power-of-attorney`);
    expect(res.status).toBe(200);
    const text = pdfText(await bytesOf(res));
    expect(text).toContain('OOO Romashka');
    expect(text).toMatch(/P[y]?[eo]tr Ilich, Direktor/);
    expect(text).toContain('Ellas'); // Greek transliterated; CJK and emoji, without a Latin form, become ?
    expect(text).toContain('Einzelunterschrift');
    expect(text).toContain('Bisheriger Anbieter Unbekannt');
    expect(text).toContain('So schnell als möglich');
  });

  it('runs over several pages when the list is long, and speaks English on request', async () => {
    const lines = Array.from({ length: 38 }, (_, i) => block(`+4131558${100 + i}0`, `+4131558${100 + i}9`));
    const row = await order({ lines, scope: 'full' });
    const res = await get(`/v1/port-orders/${row.id}/power-of-attorney?locale=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`filename="Power-of-attorney-${row.reference}.pdf"`);
    const pdf = await bytesOf(res);
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    expect(text).toContain('Power of attorney for number porting');
    expect(text).toContain('+41 31 558 10 00 – 09, 10 numbers (DDI block)');
    expect(text).toContain('+41 31 558 13 70 – 79, 10 numbers (DDI block)');
    expect(text).toContain('Numbers (380)');
    expect(text).toContain('Full port');
    expect(text).toContain('Joint signature by two');
    expect(text).toContain('Page 2 of');
    expect(text.match(/, 10 numbers/g)!.length).toBe(38);
  });

  it('refuses a draft without customer or numbers with 409, saying what is missing, in the caller\'s language for the title', async () => {
    const bare = await order({ customer: false, lines: [], status: 'draft' });
    const res = await call(t.app, 'GET', `/v1/port-orders/${bare.id}/power-of-attorney`, { key: session, origin: tenant.origin });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('power_of_attorney_incomplete');
    expect(res.json.detail).toContain('der Kunde');
    expect(res.json.detail).toContain('Rufnummer');
    const noNumbers = await order({ lines: [{ input: '044 12', kind: 'single', first: null, last: null }], status: 'draft' });
    const en = await call(t.app, 'GET', `/v1/port-orders/${noNumbers.id}/power-of-attorney?locale=en`, { key: session, origin: tenant.origin, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(409);
    expect(en.json.title).toContain('power of attorney cannot be created yet');
    expect(en.json.detail).toBe('The power of attorney cannot be created yet. Missing: at least one valid number (step 3).');
  });

  it('prints in the tenant\'s default language unless it offers the one asked for', () => {
    expect(documentLocale({ locales: ['de', 'en'], defaultLocale: 'en' })).toBe('en');
    expect(documentLocale({ locales: ['de', 'en'], defaultLocale: 'de' }, 'en')).toBe('en');
    expect(documentLocale({ locales: ['de'], defaultLocale: 'de' }, 'en')).toBe('de');
    expect(documentLocale({ locales: ['de', 'en'], defaultLocale: 'de' }, 'xx')).toBe('de');
  });

  it('another tenant\'s agent gets a 404; an account admin of the same tenant a 403', async () => {
    const row = await order();
    expect((await get(`/v1/port-orders/${row.id}/power-of-attorney`, otherSession, other.origin)).status).toBe(404);
    const admin = await seedUser(t.db, tenant, { password: 'admin-password-long-enough' });
    const adminSession = await browser(t, tenant).login(admin);
    expect((await get(`/v1/port-orders/${row.id}/power-of-attorney`, adminSession)).status).toBe(403);
    const foreign = await order({ owner: other });
    expect((await get(`/v1/port-orders/${foreign.id}/power-of-attorney`)).status).toBe(404);
  });
});

describe('POST /v1/port-orders/:id/documents', () => {
  it('stores a PDF, a PNG and a JPEG by their content; the download returns the same bytes and type', async () => {
    const row = await order();
    const poa = await bytesOf(await get(`/v1/port-orders/${row.id}/power-of-attorney`));
    for (const [bytes, type, name, expectedName] of [
      [poa, 'application/pdf', '?fileName=scan%20unterschrieben.pdf', 'scan unterschrieben.pdf'],
      // The header lies (and the name): the content decides.
      [PNG, 'application/octet-stream', '?fileName=..%2F..%2Fetc%2Fvollmacht.pdf', 'vollmacht.png'],
      [JPEG, 'text/plain', '', `Vollmacht-${row.reference}-unterschrieben.jpg`],
    ] as const) {
      const res = await upload(row.id, bytes, { type, query: name });
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(201);
      const sniffed = bytes === poa ? 'application/pdf' : bytes === PNG ? 'image/png' : 'image/jpeg';
      expect(body).toMatchObject({ kind: 'signed_power_of_attorney', contentType: sniffed, byteSize: bytes.byteLength, fileName: expectedName });
      const [stored] = await t.db.select().from(portOrderDocuments).where(eq(portOrderDocuments.id, body.id));
      expect(stored!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(Buffer.from(stored!.content).equals(Buffer.from(bytes))).toBe(true);
      const down = await get(`/v1/port-orders/${row.id}/documents/${body.id}`);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe(sniffed);
      expect(down.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect(down.headers.get('cache-control')).toBe('no-store');
      expect(down.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await bytesOf(down)).equals(Buffer.from(bytes))).toBe(true);
    }
    const listed = await listDocuments(t.db, tenant.id, row.id);
    expect(listed.map((d) => d.contentType)).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
    const res = await call(t.app, 'GET', `/v1/port-orders/${row.id}/documents`, { key: session, origin: tenant.origin });
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual(listed);
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, 'port_order.document_uploaded'), eq(auditEvents.targetId, row.id)));
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actorKind: 'agent', actorId: agentId, targetType: 'port_order' });
    // No content in the audit: only name, type, size and hash.
    expect(Object.keys(audits[0]!.data as object).sort()).toEqual(['byteSize', 'contentType', 'documentId', 'fileName', 'kind', 'reference', 'sha256']);
  });

  it('refuses a ".pdf" that is really HTML, a GIF and an empty body with a localized 415 naming the allowed types; nothing is stored', async () => {
    const row = await order();
    for (const body of ['<!doctype html><html><body>%PDF-1.7</body></html>', 'GIF89a\x01\x00\x01\x00', '']) {
      const res = await upload(row.id, body, { query: '?fileName=vollmacht.pdf' });
      const problem = await res.json();
      expect(res.status).toBe(415);
      expect(problem.code).toBe('document_type_unsupported');
      expect(problem.title).toContain('PDF, PNG oder JPEG');
    }
    const en = await upload(row.id, '<html>', { locale: 'en' });
    expect((await en.json()).title).toContain('PDF, PNG or JPEG');
    expect(await listDocuments(t.db, tenant.id, row.id)).toEqual([]);
  });

  it('refuses 5 MB + 1 byte with a 413 naming the limit (read up to the limit, not buffered); exactly 5 MB is stored', async () => {
    const row = await order();
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const res = await upload(row.id, big);
    expect(res.status).toBe(413);
    const problem = await res.json();
    expect(problem.code).toBe('document_too_large');
    expect(problem.title).toContain('5 MB');
    // Streamed without Content-Length: refused while reading.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_DOCUMENT_BYTES * 3) return controller.close();
        const chunk = new Uint8Array(256 * 1024);
        if (sent === 0) chunk.set(new TextEncoder().encode('%PDF-1.7\n'));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await t.app.request(`/v1/port-orders/${row.id}/documents`, { method: 'POST', headers: headers(session), body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(MAX_DOCUMENT_BYTES * 2);
    expect(await listDocuments(t.db, tenant.id, row.id)).toEqual([]);
    const exact = await upload(row.id, big.subarray(0, MAX_DOCUMENT_BYTES));
    expect(exact.status).toBe(201);
    expect((await exact.json()).byteSize).toBe(MAX_DOCUMENT_BYTES);
  });

  it('is idempotent with an Idempotency-Key: a retry stores nothing more; the same key with other bytes is a 409', async () => {
    const row = await order();
    const first = await upload(row.id, PNG, { idempotencyKey: `upload-${row.id}` });
    const again = await upload(row.id, PNG, { idempotencyKey: `upload-${row.id}` });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
    const otherBytes = Uint8Array.from([...PNG.slice(0, -1), 0x81]);
    expect((await upload(row.id, otherBytes, { idempotencyKey: `upload-${row.id}` })).status).toBe(409);
    expect(await listDocuments(t.db, tenant.id, row.id)).toHaveLength(1);
  });

  it('is refused once the order is closed (409), and allowed in every open status', async () => {
    for (const status of ['rejected', 'ported', 'failed', 'cancelled'] as const) {
      const row = await order({ status });
      const res = await upload(row.id, PNG);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'document_order_closed', status: 409, currentStatus: status });
    }
    for (const status of ['draft', 'submitted', 'clarification_needed', 'approved', 'scheduled'] as const) {
      expect((await upload((await order({ status })).id, PNG)).status).toBe(201);
    }
  });

  it('another tenant\'s agent gets a 404 for upload, list and download; nothing changes', async () => {
    const row = await order();
    const stored = await (await upload(row.id, PNG)).json();
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(portOrderDocuments).where(eq(portOrderDocuments.orderId, row.id));
    expect((await upload(row.id, PNG, { key: otherSession, origin: other.origin })).status).toBe(404);
    expect((await get(`/v1/port-orders/${row.id}/documents`, otherSession, other.origin)).status).toBe(404);
    const down = await get(`/v1/port-orders/${row.id}/documents/${stored.id}`, otherSession, other.origin);
    expect(down.status).toBe(404);
    expect(Buffer.from(await bytesOf(down)).includes(Buffer.from(PNG))).toBe(false);
    // Its own order with the first tenant's document id: still nothing.
    const own = await order({ owner: other });
    expect((await get(`/v1/port-orders/${own.id}/documents/${stored.id}`, otherSession, other.origin)).status).toBe(404);
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(portOrderDocuments).where(eq(portOrderDocuments.orderId, row.id));
    expect(after).toEqual(before);
  });

  it('cleans hostile file names (paths, control and bidi characters, quotes) and refuses NUL with a 422 naming the field', async () => {
    const row = await order();
    const cases: [string, string][] = [
      ['C:\\Users\\x\\Vollmacht "final".pdf', 'Vollmacht final.png'],
      ['evil\u202egnp.exe', 'evilgnp.exe.png'],
      ['line\r\nbreak.png', 'linebreak.png'],
      ['...', `Vollmacht-${row.reference}-unterschrieben.png`],
      ['Vollmacht Müller & Söhne.jpeg', 'Vollmacht Müller & Söhne.png'],
    ];
    for (const [name, expected] of cases) {
      const res = await upload(row.id, PNG, { query: `?fileName=${encodeURIComponent(name)}` });
      const body = await res.json();
      expect(res.status, name).toBe(201);
      expect(body.fileName, name).toBe(expected);
      const down = await get(`/v1/port-orders/${row.id}/documents/${body.id}`);
      expect(down.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!&+-]+$/);
    }
    const nul = await upload(row.id, PNG, { query: `?fileName=${encodeURIComponent('a\u0000b.png')}` });
    expect(nul.status).toBe(422);
    expect((await nul.json()).errors[0].path).toBe('fileName');
    const long = await upload(row.id, PNG, { query: `?fileName=${'x'.repeat(201)}` });
    expect(long.status).toBe(422);
  });

  it('is rate limited per user: the 61st upload within an hour is a 429', async () => {
    const agent = await seedAgent(t.db, tenant);
    const own = await browser(t, tenant).login(agent);
    const row = await order();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await upload(row.id, PNG, { key: own })).status);
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another agent of the same tenant is not affected.
    expect((await upload(row.id, PNG)).status).toBe(201);
  });

  it('is documented in /openapi.json with its binary body and the PDF answer', async () => {
    const spec = (await call(t.app, 'GET', '/openapi.json')).json;
    const poa = spec.paths['/v1/port-orders/{id}/power-of-attorney'].get;
    expect(poa.responses['200'].content['application/pdf']).toBeDefined();
    expect(poa.responses['409']).toBeDefined();
    const up = spec.paths['/v1/port-orders/{id}/documents'].post;
    expect(Object.keys(up.requestBody.content)).toEqual(expect.arrayContaining(['application/pdf', 'image/png', 'image/jpeg']));
    for (const status of ['201', '409', '413', '415']) expect(up.responses[status]).toBeDefined();
    expect(up.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/PortOrderDocument');
    expect(spec.paths['/v1/port-orders/{id}/documents/{documentId}'].get.responses['200'].content['image/png']).toBeDefined();
  });
});
