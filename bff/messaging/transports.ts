import nodemailer from 'nodemailer';
import type { WebhookEvent } from '../../contract/webhooks.js';
import { assertPublicUrl, publicOnlyLookup, type Resolver, systemResolver, UnsafeUrlError } from '../lib/ssrf.js';
import type { EmailPayload, SmsPayload, WebhookPayload } from './outbox.js';
import { signedPost } from './signed-post.js';

export interface Delivery<P> {
  id: string;
  tenantId: string;
  payload: P;
  /** When the message was written: the time of the change that caused it. */
  createdAt: Date;
  now: Date;
}

/** How the worker delivers each channel. A channel without a transport is held in the dev outbox. */
export interface Transports {
  email?: (d: Delivery<EmailPayload>) => Promise<void>;
  sms?: (d: Delivery<SmsPayload>) => Promise<void>;
  webhook?: (d: Delivery<WebhookPayload> & { url: string; secret: string }) => Promise<void>;
}

/**
 * E-mail over SMTP. Every message carries `Message-ID: <outbox id@host of PUBLIC_URL>`: delivery is at
 * least once (a worker that dies after sending but before recording it sends again after the lease), and
 * a second copy has the same Message-ID, so mail clients and receivers recognise it.
 */
export function smtpTransport(smtpUrl: string, defaultFrom: string, messageIdHost = 'telkit'): NonNullable<Transports['email']> {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return async ({ id, payload }) => {
    await transporter.sendMail({
      messageId: messageId(id, messageIdHost),
      from: payload.from ?? defaultFrom,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      attachments: payload.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, 'base64'),
      })),
    });
  };
}

/** The stable Message-ID of an outbox message: `<id@host>`, `host` from PUBLIC_URL. */
export const messageId = (id: string, host: string) => `<${id}@${host}>`;

/** The SMS gateway adapter: signed JSON to SMS_WEBHOOK_URL, signed with TELKIT_SECRET. */
export function smsGateway(url: string, secret: string): NonNullable<Transports['sms']> {
  return ({ id, tenantId, payload, now }) => signedPost(url, secret, id, { id, tenantId, to: payload.to, text: payload.text }, now);
}

/**
 * Tenant webhooks: `{ id, type, created, data }`, signed with the endpoint's own secret. Unless
 * `allowPrivate` (outside production: http and loopback for local receivers), only to `https:` URLs
 * whose host resolves to public addresses: checked before every delivery and again in the connection's
 * own lookup, so it connects only to addresses that passed (see lib/ssrf.ts).
 */
export function webhookTransport(options: { allowPrivate?: boolean; resolve?: Resolver } = {}): NonNullable<Transports['webhook']> {
  const resolve = options.resolve ?? systemResolver;
  const lookup = options.allowPrivate ? undefined : publicOnlyLookup(resolve);
  return async ({ id, payload, createdAt, now, url, secret }) => {
    const event = { id, type: payload.event, created: createdAt.toISOString(), data: payload.data } satisfies Record<keyof WebhookEvent, unknown>;
    try {
      if (!options.allowPrivate) await assertPublicUrl(url, resolve);
      await signedPost(url, secret, id, event, now, { lookup });
    } catch (error) {
      throw error instanceof UnsafeUrlError ? new Error(`webhook URL refused: ${error.message}`) : error;
    }
  };
}
