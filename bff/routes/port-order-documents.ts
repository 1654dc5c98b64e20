import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import {
  documentIdParamSchema,
  documentListSchema,
  documentSchema,
  documentUploadQuerySchema,
  MAX_DOCUMENT_BYTES,
  portOrderIdParamSchema,
  powerOfAttorneyQuerySchema,
} from '../../contract/port-orders.js';
import { problemSchema } from '../../contract/problem.js';
import { attachment, listDocuments, readDocument, uploadDocument } from '../domain/port-order-documents.js';
import { tenants } from '../db/schema/index.js';
import { agentOnly, findOrder, orderScope, requireAgent } from '../domain/port-order-scope.js';
import { documentLocale, powerOfAttorney } from '../domain/power-of-attorney.js';
import { readBinaryBody } from '../lib/body.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byUser, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['port-orders'];
/** The agent's widgets: the wizard prints the power of attorney, the order list takes the signed copy. */
const access = { auth: ['session' as const], component: ['tk-porting', 'tk-port-orders'] as const };
/** Reading: the order's agents, and the operator with its secret key (it checks the signatures). */
const readAccess = { auth: ['session' as const, 'secret' as const], component: ['tk-porting', 'tk-port-orders'] as const };

/** The order in the caller's reach (an agent's tenant, or the operator's resellers except drafts), and its tenant. */
async function orderInReach(c: Context<AppEnv>, id: string) {
  const { db } = c.get('deps');
  const order = await findOrder(db, orderScope(c.get('caller')), id);
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, order.tenantId));
  return { order, tenant: tenant! };
}
const binary = { type: 'string', format: 'binary' } as const;
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: resolver(problemSchema) } } });

/**
 * The power of attorney of a port order (a PDF to sign) and its signed copy (PDF, PNG or JPEG, at most
 * 5 MB), for the order's tenant's partner agents (PRODUCT.md §3.5). Another tenant's order is a 404.
 */
export const portOrderDocumentRoutes = new Hono<AppEnv>()
  .get(
    '/:id/power-of-attorney',
    endpoint({
      summary:
        'The power of attorney to sign, as a PDF: customer, numbers (blocks as ranges), current provider, porting date, scope, and a signature line per signer; in `?locale=`, else the request\'s language (`Accept-Language`) when the tenant offers it, else the tenant\'s default. The order\'s agents, and the operator (secret key)',
      tags,
      ...readAccess,
      success: { status: 200, description: 'The PDF (`application/pdf`), as an attachment `Vollmacht-<reference>.pdf`; never cached' },
      problems: [404, 409, 422],
    }),
    describeRoute({
      responses: {
        200: { description: 'The PDF (`application/pdf`), as an attachment `Vollmacht-<reference>.pdf`; never cached', content: { 'application/pdf': { schema: binary } } },
        409: problem('`power_of_attorney_incomplete`: the draft has no customer or no valid number yet (`detail` says which)'),
      },
    }),
    rateLimit({ name: 'port-orders.power-of-attorney', limit: 120, windowSeconds: 3600 }, byUser),
    validate('param', portOrderIdParamSchema),
    validate('query', powerOfAttorneyQuerySchema),
    async (c) => {
      const { db, clock } = c.get('deps');
      const { order, tenant } = await orderInReach(c, c.req.valid('param').id);
      const locale = documentLocale(tenant, c.req.valid('query').locale ?? c.get('locale'));
      const pdf = await powerOfAttorney(db, tenant, order, { locale, now: clock.now() });
      return c.body(pdf.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachment(pdf.fileName),
        'Cache-Control': 'no-store',
      });
    },
  )
  .get(
    '/:id/documents',
    endpoint({
      summary: 'The documents uploaded for a port order (the signed power of attorney), oldest first, without their content. The order\'s agents, and the operator (secret key)',
      tags,
      ...readAccess,
      success: { status: 200, description: 'Documents', schema: documentListSchema },
      problems: [404, 422],
    }),
    rateLimit({ name: 'port-orders.documents', limit: 600, windowSeconds: 3600 }, byUser),
    validate('param', portOrderIdParamSchema),
    async (c) => {
      const { order } = await orderInReach(c, c.req.valid('param').id);
      return c.json({ items: await listDocuments(c.get('deps').db, order.tenantId, order.id) }, 200);
    },
  )
  .post(
    '/:id/documents',
    endpoint({
      summary:
        'Upload the signed power of attorney as the raw request body (any Content-Type): PDF, PNG or JPEG, recognised by its content, at most 5 MB; `?fileName=` optional. Not after the order is closed (rejected, ported, failed, cancelled)',
      tags,
      ...access,
      idempotent: true,
      success: { status: 201, description: 'Stored', schema: documentSchema },
      problems: [404, 409, 413, 415, 422],
    }),
    describeRoute({
      requestBody: {
        required: true,
        description: 'The file itself (not multipart, not base64); its type is recognised by its first bytes',
        content: { 'application/pdf': { schema: binary }, 'image/png': { schema: binary }, 'image/jpeg': { schema: binary }, 'application/octet-stream': { schema: binary } },
      },
      responses: {
        409: problem('`document_order_closed`: the order is rejected, ported, failed or cancelled (`currentStatus` says which); or an Idempotency-Key reused with another body'),
        413: problem('`document_too_large`: more than 5 MB (5 × 1024 × 1024 bytes)'),
        415: problem('`document_type_unsupported`: the content is no PDF, PNG or JPEG (whatever the name or Content-Type says)'),
      },
    }),
    // Only an agent gets its body read: anyone else is refused before 5 MB arrive.
    agentOnly,
    readBinaryBody(MAX_DOCUMENT_BYTES, () => new ApiError(413, 'document_too_large')),
    idempotent({ rule: { name: 'port-orders.document-upload', limit: 60, windowSeconds: 3600 }, by: byUser }),
    validate('param', portOrderIdParamSchema),
    validate('query', documentUploadQuerySchema),
    async (c) => {
      const { tenant } = c.get('caller');
      const agent = requireAgent(c.get('caller'));
      const { db } = c.get('deps');
      const { now, ip } = flowContext(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const stored = await uploadDocument(db, {
        tenantId: tenant.id,
        agent,
        orderId: c.req.valid('param').id,
        bytes,
        fileName: c.req.valid('query').fileName,
        ip,
        now,
      });
      return c.json(stored, 201);
    },
  )
  .get(
    '/:id/documents/:documentId',
    endpoint({
      summary: 'Download a document as uploaded: its recognised type, as an attachment, never cached. The order\'s agents, and the operator (secret key)',
      tags,
      ...readAccess,
      success: { status: 200, description: 'The file (`application/pdf`, `image/png` or `image/jpeg`), with `X-Content-Type-Options: nosniff`' },
      problems: [404, 422],
    }),
    describeRoute({
      responses: {
        200: {
          description: 'The file, with `X-Content-Type-Options: nosniff`',
          content: { 'application/pdf': { schema: binary }, 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } },
        },
      },
    }),
    rateLimit({ name: 'port-orders.document-download', limit: 300, windowSeconds: 3600 }, byUser),
    validate('param', documentIdParamSchema),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      const { order } = await orderInReach(c, id);
      const document = await readDocument(c.get('deps').db, order.tenantId, order.id, documentId);
      return c.body(document.content as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': document.contentType,
        'Content-Disposition': attachment(document.fileName),
        'Content-Length': String(document.byteSize),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  );
