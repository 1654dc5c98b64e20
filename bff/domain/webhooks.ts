import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { WebhookEventType, WebhookSubscription } from '../../contract/webhooks.js';
import type { Executor } from '../db/client.js';
import { outbox, type WebhookEndpoint, webhookEndpoints } from '../db/schema/index.js';
import { randomToken, seal } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { assertPublicUrl, type Resolver, systemResolver, UnsafeUrlError } from '../lib/ssrf.js';
import { sealWebhook, type WebhookPayload } from '../messaging/outbox.js';
import { WEBHOOK_SECRET_PURPOSE } from '../messaging/worker.js';

/** At most this many endpoints per tenant: every event is one message per subscribed endpoint. */
export const MAX_ENDPOINTS = 20;

/**
 * Fires an event to the tenant's webhooks: one outbox message per endpoint subscribed to `type` (or to
 * `*`), written in the caller's transaction by a single statement, so it goes out if and only if the
 * change commits. Without a subscribed endpoint nothing is written. `data` must hold no secret, unless
 * `sensitive`: then only endpoints that subscribe to `type` by name get it (never through `*`, which
 * would hand a new secret to an endpoint that did not ask for it), and its data is purged from the
 * outbox right after delivery.
 */
export async function emitEvent(
  tx: Executor,
  event: { tenantId: string; type: WebhookEventType; data: Record<string, unknown>; sensitive?: boolean; sealWith?: string },
) {
  // `sealWith` (TELKIT_SECRET): the data carries a secret, sealed in the row until delivery (`sealWebhook`).
  const clear: WebhookPayload = { event: event.type, data: event.data };
  const payload = event.sealWith ? sealWebhook(event.sealWith, clear) : clear;
  // Written out: drizzle's insert … select wants every column, the defaults (id, status, times) included.
  // An ordinary event keeps the statement every flow sends (bench/lib/signup-statements.ts measures it).
  const column = (c: { name: string }) => sql.identifier(c.name);
  const [sensitiveColumn, sensitiveValue, subscribed] = event.sensitive
    ? [sql`, ${column(outbox.sensitive)}`, sql`, true`, sql`array[${event.type}]::text[]`]
    : [sql``, sql``, sql`array[${event.type}, '*']::text[]`];
  await tx.execute(sql`
    insert into ${outbox} (${column(outbox.tenantId)}, ${column(outbox.channel)}, ${column(outbox.payload)}, ${column(outbox.endpointId)}${sensitiveColumn})
    select ${webhookEndpoints.tenantId}, 'webhook', ${JSON.stringify(payload)}::jsonb, ${webhookEndpoints.id}${sensitiveValue}
    from ${webhookEndpoints}
    where ${webhookEndpoints.tenantId} = ${event.tenantId} and ${webhookEndpoints.eventTypes} && ${subscribed}`);
}

/** Whether the tenant has an endpoint that subscribes to `type` by name (not through `*`): who a sensitive event would reach. */
export async function subscribedByName(tx: Executor, tenantId: string, type: WebhookEventType): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), sql`${webhookEndpoints.eventTypes} && array[${type}]::text[]`));
  return row!.n > 0;
}

/** A fresh signing secret: `whsec_` and 32 random bytes. */
const mintSecret = () => randomToken('whsec_', 32);

export function presentEndpoint(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    eventTypes: e.eventTypes as WebhookSubscription[],
    description: e.description,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** `*` covers every type, so it stands alone; otherwise each type once, in the order given. */
function normalizeEventTypes(types: readonly WebhookSubscription[]): WebhookSubscription[] {
  return types.includes('*') ? ['*'] : [...new Set(types)];
}

/**
 * In production a webhook URL must be `https:` and its host resolve to public addresses only (SSRF);
 * otherwise a 422 on the `url` field. The worker checks again at each delivery.
 */
async function checkUrl(url: string, resolve: Resolver): Promise<void> {
  try {
    await assertPublicUrl(url, resolve);
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error;
    throw new ApiError(422, 'validation_failed', { errors: [{ path: 'url', code: error.reason, message: '' }] });
  }
}

export interface EndpointOptions {
  /** TELKIT_SECRET, which seals the endpoint's signing secret at rest. */
  serverSecret: string;
  /** Production: https only and public addresses only. */
  publicOnly: boolean;
  resolve?: Resolver;
}

export async function listEndpoints(db: Executor, tenantId: string): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

/**
 * Registers an endpoint; the caller shows `secret` once, only its sealed form is kept. The limit is
 * counted without a lock: two registrations at the same moment may pass it by one, which is harmless.
 */
export async function createEndpoint(
  db: Executor,
  tenantId: string,
  input: { url: string; eventTypes: readonly WebhookSubscription[]; description: string },
  options: EndpointOptions,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  if (options.publicOnly) await checkUrl(input.url, options.resolve ?? systemResolver);
  const [existing] = await db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId));
  if (existing!.n >= MAX_ENDPOINTS) throw new ApiError(409, 'too_many_webhook_endpoints');
  const secret = mintSecret();
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      tenantId,
      url: input.url,
      eventTypes: normalizeEventTypes(input.eventTypes),
      description: input.description,
      secretSealed: seal(options.serverSecret, WEBHOOK_SECRET_PURPOSE, secret),
    })
    .returning();
  return { endpoint: endpoint!, secret };
}

/**
 * Replaces an endpoint's secret; the old one stops at once, also for messages not yet delivered (they
 * are signed when sent). Undefined when the tenant has no such endpoint.
 */
export async function rotateSecret(
  db: Executor,
  tenantId: string,
  id: string,
  options: Pick<EndpointOptions, 'serverSecret'> & { now: Date },
): Promise<{ endpoint: WebhookEndpoint; secret: string } | undefined> {
  const secret = mintSecret();
  const [endpoint] = await db
    .update(webhookEndpoints)
    .set({ secretSealed: seal(options.serverSecret, WEBHOOK_SECRET_PURPOSE, secret), updatedAt: options.now })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, tenantId)))
    .returning();
  return endpoint && { endpoint, secret };
}

/** Deletes an endpoint and its undelivered messages; false when the tenant has no such endpoint. */
export async function deleteEndpoint(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, tenantId)))
    .returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
}
