import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { type DocumentContentType, MAX_DOCUMENT_BYTES, type PortOrderDocumentInfo } from '../../contract/port-orders.js';
import { closedPortOrderStatuses } from '../../contract/porting.js';
import type { Executor } from '../db/client.js';
import { portOrderDocuments, type User } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { audit, userActor } from './audit.js';
import { findOrder } from './port-order-scope.js';

// The documents of a port order (PRODUCT.md §3.5): the customer's signed power of attorney, uploaded by the
// agent as PDF, PNG or JPEG (told apart by their first bytes, never by name or Content-Type), at most
// 5 MB, kept in Postgres (bytea) with its SHA-256. Downloads answer with the stored type as an attachment.

/**
 * What the bytes are, by their signature: `%PDF-` (a PDF), the 8-byte PNG signature, or a JPEG's start of
 * image followed by a marker (FF D8 FF). Anything else — HTML named `.pdf`, a GIF, nothing — is undefined.
 */
export function sniffDocument(bytes: Uint8Array): DocumentContentType | undefined {
  const starts = (...signature: number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return undefined;
}

const EXTENSION: Record<DocumentContentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only, without
 * control, bidi or reserved characters (`\ / : * ? " < > |`), spaces collapsed, at most 100 characters,
 * and the extension of what the content is (`scan.pdf` that is a PNG becomes `scan.png`). Empty or
 * nothing usable left: `Vollmacht-<reference>-unterschrieben.<ext>`.
 */
export function documentFileName(requested: string | undefined, type: DocumentContentType, reference: string): string {
  const ext = EXTENSION[type];
  const last = (requested ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[:*?"<>|]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = cleaned.replace(/\.(pdf|png|jpe?g)$/i, '').trim().slice(0, 100 - ext.length - 1).trim();
  return `${stem || `Vollmacht-${reference}-unterschrieben`}.${ext}`;
}

const info = (row: Pick<typeof portOrderDocuments.$inferSelect, 'id' | 'kind' | 'fileName' | 'contentType' | 'byteSize' | 'createdAt'>): PortOrderDocumentInfo => ({
  id: row.id,
  kind: row.kind,
  fileName: row.fileName,
  contentType: row.contentType as DocumentContentType,
  byteSize: row.byteSize,
  createdAt: row.createdAt.toISOString(),
});

/** The documents of the tenant's order `orderId`, oldest first, without their content (`documentSchema`). */
export async function listDocuments(db: Executor, tenantId: string, orderId: string): Promise<PortOrderDocumentInfo[]> {
  const rows = await db
    .select({
      id: portOrderDocuments.id,
      kind: portOrderDocuments.kind,
      fileName: portOrderDocuments.fileName,
      contentType: portOrderDocuments.contentType,
      byteSize: portOrderDocuments.byteSize,
      createdAt: portOrderDocuments.createdAt,
    })
    .from(portOrderDocuments)
    .where(and(eq(portOrderDocuments.tenantId, tenantId), eq(portOrderDocuments.orderId, orderId)))
    .orderBy(asc(portOrderDocuments.createdAt), asc(portOrderDocuments.id));
  return rows.map(info);
}

export interface UploadInput {
  tenantId: string;
  agent: User;
  orderId: string;
  bytes: Uint8Array;
  fileName?: string;
  ip: string | null;
  now: Date;
}

/**
 * Stores the signed power of attorney of an order that is not closed: sniffed (415 unless PDF, PNG or
 * JPEG), at most `MAX_DOCUMENT_BYTES` (413; the route refuses more while reading), with its SHA-256;
 * audited as `port_order.document_uploaded` (name, type, size and hash; never the content).
 */
export async function uploadDocument(db: Executor, input: UploadInput): Promise<PortOrderDocumentInfo> {
  if (input.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new ApiError(413, 'document_too_large');
  const type = sniffDocument(input.bytes);
  if (!type) throw new ApiError(415, 'document_type_unsupported');
  return db.transaction(async (tx) => {
    const order = await findOrder(tx, { kind: 'agent', tenantId: input.tenantId, agent: input.agent }, input.orderId, true);
    if ((closedPortOrderStatuses as readonly string[]).includes(order.status)) {
      throw new ApiError(409, 'document_order_closed', { extensions: { currentStatus: order.status } });
    }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const [row] = await tx
      .insert(portOrderDocuments)
      .values({
        tenantId: input.tenantId,
        orderId: order.id,
        kind: 'signed_power_of_attorney',
        fileName: documentFileName(input.fileName, type, order.reference),
        contentType: type,
        byteSize: input.bytes.byteLength,
        sha256,
        content: input.bytes,
        uploadedBy: input.agent.id,
        createdAt: input.now,
      })
      .returning();
    await audit(tx, {
      tenantId: input.tenantId,
      actor: userActor(input.agent),
      action: 'port_order.document_uploaded',
      target: { type: 'port_order', id: order.id },
      ip: input.ip,
      data: { documentId: row!.id, reference: order.reference, kind: row!.kind, fileName: row!.fileName, contentType: type, byteSize: row!.byteSize, sha256 },
      at: input.now,
    });
    return info(row!);
  });
}

/** One document with its content, as bytes on either driver (postgres.js gives a Buffer, PGlite a Uint8Array). */
export async function readDocument(db: Executor, tenantId: string, orderId: string, documentId: string) {
  const [row] = await db
    .select()
    .from(portOrderDocuments)
    .where(and(eq(portOrderDocuments.tenantId, tenantId), eq(portOrderDocuments.orderId, orderId), eq(portOrderDocuments.id, documentId)));
  if (!row) throw new ApiError(404, 'not_found');
  const content = row.content instanceof Uint8Array ? row.content : new Uint8Array(row.content as ArrayLike<number>);
  return { ...info(row), sha256: row.sha256, content };
}

/** `Content-Disposition: attachment` with an ASCII fallback name and the real one (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
