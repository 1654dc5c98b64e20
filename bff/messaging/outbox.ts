import type { Executor } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export interface Attachment {
  filename: string;
  contentType: string;
  /** The file, base64-encoded. */
  content: string;
}

export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Sender: an address object (`{ name, address }`, the tenant's) or `Name <address>`; defaults to MAIL_FROM. */
  from?: string | { name: string; address: string };
  attachments?: Attachment[];
  /** Which template and version produced the text, kept as evidence (e.g. double opt-in). */
  templateId?: string;
}

export interface SmsPayload {
  /** E.164 number. */
  to: string;
  text: string;
}

export interface WebhookPayload {
  /** Event type, e.g. `port_order.approved`. */
  event: string;
  data: unknown;
}

export type OutboxMessage =
  | { tenantId: string; channel: 'email'; payload: EmailPayload }
  | { tenantId: string; channel: 'sms'; payload: SmsPayload }
  | { tenantId: string; channel: 'webhook'; endpointId: string; payload: WebhookPayload };

/**
 * Writes a message in the caller's transaction: it is delivered if and only if that transaction commits.
 * Returns the message id, which also travels as Message-ID / webhook id so receivers can deduplicate.
 */
export async function enqueue(tx: Executor, message: OutboxMessage): Promise<string> {
  const [row] = await tx
    .insert(outbox)
    .values({
      tenantId: message.tenantId,
      channel: message.channel,
      payload: message.payload,
      endpointId: message.channel === 'webhook' ? message.endpointId : null,
    })
    .returning({ id: outbox.id });
  return row!.id;
}
