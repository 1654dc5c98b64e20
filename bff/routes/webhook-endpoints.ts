import { Hono } from 'hono';
import { z } from 'zod';
import {
  createWebhookEndpointSchema,
  webhookEndpointIdParamSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../../contract/webhooks.js';
import { createEndpoint, deleteEndpoint, listEndpoints, presentEndpoint, rotateSecret } from '../domain/webhooks.js';
import { auth } from '../lib/auth.js';
import type { AppEnv } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';
import { doc } from '../lib/openapi.js';
import { byTenant, rateLimit } from '../lib/rate-limit.js';
import { requireJson, validate } from '../lib/validate.js';

const tags = ['webhooks'];

/**
 * The tenant's webhook endpoints: where events are POSTed, which event types each wants, and its signing
 * secret. Creating and rotating answer with the secret, so they take no `Idempotency-Key`: a stored
 * response would keep the secret in clear; a retry registers another endpoint or mints another secret.
 */
export const webhookEndpointRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({
      summary: "List the tenant's webhook endpoints (never their secrets)",
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'Endpoints, oldest first', schema: z.object({ endpoints: z.array(webhookEndpointSchema) }) },
    }),
    auth('secret'),
    async (c) => {
      const rows = await listEndpoints(c.get('deps').db, c.get('caller').tenant.id);
      return c.json({ endpoints: rows.map(presentEndpoint) }, 200);
    },
  )
  .post(
    '/',
    doc({
      summary:
        'Register a webhook endpoint; the response is the only time its signing secret is shown. No Idempotency-Key: the response holds a secret and is never stored',
      tags,
      auth: ['secret'],
      success: { status: 201, description: 'Registered, with its secret', schema: webhookEndpointWithSecretSchema },
      problems: [400, 409, 413, 415, 422],
    }),
    auth('secret'),
    // Registration resolves the host (production) and adds to every event's fan-out; rotating and deleting
    // are single-row writes of the tenant's own server and take no limit.
    rateLimit({ name: 'webhook-endpoints.create', limit: 30, windowSeconds: 3600 }, byTenant),
    requireJson,
    validate('json', createWebhookEndpointSchema),
    async (c) => {
      const { db, env } = c.get('deps');
      const { endpoint, secret } = await createEndpoint(db, c.get('caller').tenant.id, c.req.valid('json'), {
        serverSecret: env.secret,
        publicOnly: env.nodeEnv === 'production',
      });
      return c.json({ ...presentEndpoint(endpoint), secret }, 201);
    },
  )
  .post(
    '/:id/rotate-secret',
    doc({
      summary:
        'Replace the signing secret; the old one stops at once (also for messages not yet delivered). The response is the only time the new secret is shown. No Idempotency-Key',
      tags,
      auth: ['secret'],
      success: { status: 200, description: 'The endpoint with its new secret', schema: webhookEndpointWithSecretSchema },
      problems: [404, 422],
    }),
    auth('secret'),
    validate('param', webhookEndpointIdParamSchema),
    async (c) => {
      const { db, env, clock } = c.get('deps');
      const rotated = await rotateSecret(db, c.get('caller').tenant.id, c.req.valid('param').id, { serverSecret: env.secret, now: clock.now() });
      if (!rotated) throw new ApiError(404, 'not_found');
      return c.json({ ...presentEndpoint(rotated.endpoint), secret: rotated.secret }, 200);
    },
  )
  .delete(
    '/:id',
    doc({
      summary: 'Delete a webhook endpoint; its messages not yet delivered are dropped',
      tags,
      auth: ['secret'],
      success: { status: 204, description: 'Deleted' },
      problems: [404, 422],
    }),
    auth('secret'),
    validate('param', webhookEndpointIdParamSchema),
    async (c) => {
      if (!(await deleteEndpoint(c.get('deps').db, c.get('caller').tenant.id, c.req.valid('param').id))) {
        throw new ApiError(404, 'not_found');
      }
      return c.body(null, 204);
    },
  );
