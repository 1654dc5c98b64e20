import nodemailer from 'nodemailer';
import type { EmailPayload, SmsPayload, WebhookPayload } from './outbox.js';
import { signedPost } from './signed-post.js';

export interface Delivery<P> {
  id: string;
  tenantId: string;
  payload: P;
  now: Date;
}

/** How the worker delivers each channel. A channel without a transport is held in the dev outbox. */
export interface Transports {
  email?: (d: Delivery<EmailPayload>) => Promise<void>;
  sms?: (d: Delivery<SmsPayload>) => Promise<void>;
  webhook?: (d: Delivery<WebhookPayload> & { url: string; secret: string }) => Promise<void>;
}

export function smtpTransport(smtpUrl: string, defaultFrom: string): NonNullable<Transports['email']> {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return async ({ id, payload }) => {
    await transporter.sendMail({
      messageId: `<${id}@telkit>`,
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

/** The SMS gateway adapter: signed JSON to SMS_WEBHOOK_URL, signed with TELKIT_SECRET. */
export function smsGateway(url: string, secret: string): NonNullable<Transports['sms']> {
  return ({ id, tenantId, payload, now }) => signedPost(url, secret, id, { id, tenantId, to: payload.to, text: payload.text }, now);
}

/** Tenant webhooks: signed with the tenant's own webhook secret. */
export const webhookTransport: NonNullable<Transports['webhook']> = ({ id, payload, now, url, secret }) =>
  signedPost(url, secret, id, { id, type: payload.event, createdAt: now.toISOString(), data: payload.data }, now);
