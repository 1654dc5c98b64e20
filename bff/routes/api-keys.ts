import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { apiKeyIdParamSchema, apiKeySchema, createApiKeySchema, createdApiKeySchema } from '../../contract/api-keys.js';
import { apiKeys } from '../db/schema/index.js';
import { createKey, otherActiveSecretKeys, presentKey } from '../domain/api-keys.js';
import { audit, keyActor } from '../domain/audit.js';
import { clientIp } from '../lib/client-ip.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byTenant, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['keys'];

/** The tenant's own keys, for rotation: create a new key, move over, revoke the old one. */
export const apiKeyRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: "List the tenant's keys (hints only)",
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'Keys', schema: z.object({ keys: z.array(apiKeySchema) }) },
    }),
    async (c) => {
      const { db } = c.get('deps');
      const rows = await db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.tenantId, c.get('caller').tenant.id))
        .orderBy(desc(apiKeys.createdAt));
      return c.json({ keys: rows.map(presentKey) }, 200);
    },
  )
  .post(
    '/',
    endpoint({
      summary:
        'Create a key; the response is the only time the key is shown. A retry with the same Idempotency-Key gets the same answer with `key: null`: the key is never stored in clear, so a lost response cannot be replayed with it (revoke that key by its id and create another)',
      tags,
      auth: ['secret'],
      idempotent: true,
      success: { status: 201, description: 'Created', schema: createdApiKeySchema },
      problems: [400, 409, 413, 415, 422],
    }),
    idempotent({ rule: { name: 'api-keys.create', limit: 30, windowSeconds: 3600 }, by: byTenant }, { secrets: ['key'] }),
    validate('json', createApiKeySchema),
    async (c) => {
      const { kind, label } = c.req.valid('json');
      const caller = c.get('caller');
      const { db, tenantCache } = c.get('deps');
      const { row, key } = await db.transaction(async (tx) => {
        const created = await createKey(tx, caller.tenant.id, kind, label);
        const { hint } = created.row;
        await audit(tx, { tenantId: caller.tenant.id, actor: keyActor(caller), action: 'api_key.created', target: { type: 'api_key', id: created.row.id }, ip: clientIp(c), data: { kind, label, hint } });
        return created;
      });
      tenantCache.invalidate(caller.tenant.id); // here at once; other instances on the database's notification
      return c.json({ ...presentKey(row), key }, 201);
    },
  )
  .delete(
    '/:id',
    endpoint({
      summary: 'Revoke a key; it stops working at once',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'Revoked', schema: apiKeySchema },
      problems: [404, 409, 422],
    }),
    rateLimit({ name: 'api-keys.revoke', limit: 30, windowSeconds: 3600 }, byTenant),
    validate('param', apiKeyIdParamSchema),
    async (c) => {
      const { db, clock, tenantCache } = c.get('deps');
      const tenantId = c.get('caller').tenant.id;
      const { id } = c.req.valid('param');
      const row = await db.transaction(async (tx) => {
        const [key] = await tx
          .select()
          .from(apiKeys)
          .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, tenantId)))
          .for('update');
        if (!key) throw new ApiError(404, 'not_found');
        if (key.revokedAt) return key;
        const caller = c.get('caller');
        await audit(tx, { tenantId, actor: keyActor(caller), action: 'api_key.revoked', target: { type: 'api_key', id: key.id }, ip: clientIp(c), data: { kind: key.kind, label: key.label, hint: key.hint } });
        if (key.kind === 'secret' && (await otherActiveSecretKeys(tx, tenantId, key.id)) === 0) {
          throw new ApiError(409, 'last_secret_key');
        }
        const [revoked] = await tx
          .update(apiKeys)
          .set({ revokedAt: clock.now() })
          .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
          .returning();
        return revoked!;
      });
      tenantCache.invalidate(tenantId); // refused here at once; other instances on the database's notification
      return c.json(presentKey(row), 200);
    },
  );
