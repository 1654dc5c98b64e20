import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  createWebhookEndpointSchema,
  webhookEndpointIdParamSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../../contract/webhooks.js';
import { audit, keyActor } from '../domain/audit.js';
import { clientIp } from '../lib/client-ip.js';
import { createEndpoint, deleteEndpoint, listEndpoints, presentEndpoint, rotateSecret } from '../domain/webhooks.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { endpoint } from '../lib/openapi.js';
import { byTenant, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['webhooks'];

/**
 * The tenant's webhook endpoints: where events are POSTed, which event types each wants, and its signing
 * secret. Creating and rotating answer with the secret, so they take no `Idempotency-Key`: a stored
 * response would keep the secret in clear; a retry registers another endpoint or mints another secret.
 */
/** The audit entry of a change to an endpoint (never its secret). */
const recorded = (c: Context<AppEnv>, action: string, id: string, data?: Record<string, unknown>) =>
  audit(c.get('deps').db, { tenantId: c.get('caller').tenant.id, actor: keyActor(c.get('caller')), action, target: { type: 'webhook_endpoint', id }, ip: clientIp(c), data });

export const webhookEndpointRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: "List the tenant's webhook endpoints (never their secrets)",
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'Endpoints, oldest first', schema: z.object({ endpoints: z.array(webhookEndpointSchema) }) },
    }),
    async (c) => {
      const rows = await listEndpoints(c.get('deps').db, c.get('caller').tenant.id);
      return c.json({ endpoints: rows.map(presentEndpoint) }, 200);
    },
  )
  .post(
    '/',
    endpoint({
      summary:
        'Register a webhook endpoint; the response is the only time its signing secret is shown. No Idempotency-Key: the response holds a secret and is never stored',
      tags,
      auth: ['secret'],
      success: { status: 201, description: 'Registered, with its secret', schema: webhookEndpointWithSecretSchema },
      problems: [400, 409, 413, 415, 422],
    }),
    // Registration resolves the host (production) and adds to every event's fan-out; rotating and deleting
    // are single-row writes of the tenant's own server and take no limit.
    rateLimit({ name: 'webhook-endpoints.create', limit: 30, windowSeconds: 3600 }, byTenant),
    validate('json', createWebhookEndpointSchema),
    async (c) => {
      const { db, env } = c.get('deps');
      const { endpoint, secret } = await createEndpoint(db, c.get('caller').tenant.id, c.req.valid('json'), {
        serverSecret: env.secret,
        publicOnly: env.nodeEnv === 'production',
      });
      await recorded(c, 'webhook_endpoint.created', endpoint.id, { url: endpoint.url, eventTypes: endpoint.eventTypes });
      return c.json({ ...presentEndpoint(endpoint), secret }, 201);
    },
  )
  .post(
    '/:id/rotate-secret',
    endpoint({
      summary:
        'Replace the signing secret; the old one stops at once (also for messages not yet delivered). The response is the only time the new secret is shown. No Idempotency-Key',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'The endpoint with its new secret', schema: webhookEndpointWithSecretSchema },
      problems: [404, 422],
    }),
    validate('param', webhookEndpointIdParamSchema),
    async (c) => {
      const { db, env, clock } = c.get('deps');
      const rotated = await rotateSecret(db, c.get('caller').tenant.id, c.req.valid('param').id, { serverSecret: env.secret, now: clock.now() });
      if (!rotated) throw new ApiError(404, 'not_found');
      await recorded(c, 'webhook_endpoint.secret_rotated', rotated.endpoint.id);
      return c.json({ ...presentEndpoint(rotated.endpoint), secret: rotated.secret }, 200);
    },
  )
  .delete(
    '/:id',
    endpoint({
      summary: 'Delete a webhook endpoint; its messages not yet delivered are dropped',
      tags,
      auth: ['secret'],
      success: { status: 204, description: 'Deleted' },
      problems: [404, 422],
    }),
    validate('param', webhookEndpointIdParamSchema),
    async (c) => {
      if (!(await deleteEndpoint(c.get('deps').db, c.get('caller').tenant.id, c.req.valid('param').id))) {
        throw new ApiError(404, 'not_found');
      }
      await recorded(c, 'webhook_endpoint.deleted', c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
