import { z } from 'zod';

/**
 * Every event a tenant's webhook endpoints can subscribe to. A flow that fires a new event adds one line
 * here; `emitEvent` (bff/domain/webhooks.ts) accepts only these.
 */
export const webhookEventTypes = [
  'signup.created',
  'signup.confirmed',
  'password.changed',
  'profile.email_changed',
  'profile.mobile_changed',
  'sub_user.created',
  'sub_user.confirmed',
  'sub_user.updated',
  'sub_user.cancellation_scheduled',
  'sub_user.cancellation_withdrawn',
  'sub_user.cancelled',
  'sub_user.expired',
  'location.linked',
  'location.unlinked',
  'location.invoice_changed',
  'port_order.status_changed',
  'contract.credentials_rotated',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** An endpoint subscribes to event types by name, or to all of them (also future ones) with `*`. */
export const webhookSubscriptionSchema = z.enum([...webhookEventTypes, '*']);
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

export const createWebhookEndpointSchema = z
  .object({
    /** In production `https:` only, and the host must resolve to public addresses (checked by the BFF). */
    url: z.url({ protocol: /^https?$/ }).max(2048),
    eventTypes: z.array(webhookSubscriptionSchema).min(1).max(webhookEventTypes.length + 1),
    description: z.string().trim().max(200).default(''),
  })
  .strict()
  .meta({ id: 'CreateWebhookEndpoint' });

/** An endpoint as listed: never its secret. */
export const webhookEndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(webhookSubscriptionSchema),
    description: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });

/** The answer to creating an endpoint or rotating its secret: the only time the secret is shown. */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({
    secret: z
      .string()
      .startsWith('whsec_')
      .describe('The signing secret. Shown only in this response; store it now. Verify `Telkit-Signature` with it.'),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const webhookEndpointIdParamSchema = z.object({ id: z.uuid() });

/**
 * The body POSTed to an endpoint. `id` is the delivery's id (also in `Telkit-Message-Id`), the same on
 * every retry: drop duplicates by it. `created` is when the event happened.
 */
export const webhookEventSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(webhookEventTypes),
    created: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WebhookEvent' });
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
