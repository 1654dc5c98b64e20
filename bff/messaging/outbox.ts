import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { outbox } from '../db/schema/index.js';
import { budgetedInsert, type SendBudget } from '../domain/budget.js';
import { seal, unseal } from '../lib/crypto.js';

export type { SendBudget } from '../domain/budget.js';

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

/**
 * A secret in an outbox row (the code that opens a credentials PDF, a new PPPoE password) is sealed until
 * delivery (`seal(TELKIT_SECRET, OUTBOX_SEAL, …)`): the row holds `{ to, sealedText }` for an SMS and
 * `{ event, sealedData }` for a webhook, so neither a database dump nor a backup holds it in clear while
 * a failing transport keeps it waiting. The recipient stays in clear (the budget counts by it). The worker
 * opens it at delivery ({@link openPayload}), the dev outbox for display; the purge stays as it is.
 */
export const OUTBOX_SEAL = 'outbox';
export interface SealedSmsPayload {
  to: string;
  sealedText: string;
}
export interface SealedWebhookPayload {
  event: string;
  sealedData: string;
}

export const sealSms = (secret: string, p: SmsPayload): SealedSmsPayload => ({ to: p.to, sealedText: seal(secret, OUTBOX_SEAL, p.text) });
export const sealWebhook = (secret: string, p: WebhookPayload): SealedWebhookPayload => ({ event: p.event, sealedData: seal(secret, OUTBOX_SEAL, JSON.stringify(p.data)) });

/** A row's payload in clear: a sealed SMS text or webhook data opened, anything else as stored. */
export function openPayload<T>(secret: string, payload: T): T {
  const p = payload as Partial<SealedSmsPayload & SealedWebhookPayload>;
  if (typeof p.sealedText === 'string') return { to: p.to, text: unseal(secret, OUTBOX_SEAL, p.sealedText) } as T;
  if (typeof p.sealedData === 'string') return { event: p.event, data: JSON.parse(unseal(secret, OUTBOX_SEAL, p.sealedData)) as unknown } as T;
  return payload;
}

interface MessageBase {
  tenantId: string;
  /**
   * The message carries a secret (a PIN, a link's token, a credentials PDF, the code that opens it): its
   * body and attachments are purged right after delivery instead of after `OUTBOX_RETENTION_DAYS`.
   * Default: true for the budget kinds `pin` and `link`, false otherwise.
   */
  sensitive?: boolean;
}

/** E-mails and SMS reach people: each passes the messaging budget (`domain/budget.ts`), so it names one. */
interface Budgeted {
  budget: SendBudget;
}

export type OutboxMessage =
  | (MessageBase & Budgeted & { channel: 'email'; payload: EmailPayload })
  | (MessageBase & Budgeted & { channel: 'sms'; payload: SmsPayload | SealedSmsPayload })
  | (MessageBase & { channel: 'webhook'; endpointId: string; payload: WebhookPayload | SealedWebhookPayload });

/**
 * What a purged message keeps of its payload: the recipient and the message's type (`templateId` of an
 * e-mail, `event` of a webhook) — no subject, text, HTML, data or attachments. The row keeps its channel,
 * status and times, and `purgedAt` says when the rest went.
 */
export type PurgedPayload = Pick<EmailPayload, 'to' | 'templateId'> | Pick<SmsPayload, 'to'> | Pick<WebhookPayload, 'event'>;

/** The {@link PurgedPayload} of a row, as an SQL expression for `update(outbox).set({ payload })`. */
export const purgedPayload = sql`case ${outbox.channel}
  when 'email' then jsonb_strip_nulls(jsonb_build_object('to', ${outbox.payload} -> 'to', 'templateId', ${outbox.payload} -> 'templateId'))
  when 'sms' then jsonb_build_object('to', ${outbox.payload} -> 'to')
  else jsonb_build_object('event', ${outbox.payload} -> 'event')
end`;

/**
 * Writes a message in the caller's transaction: it is delivered if and only if that transaction commits.
 * Returns the message id, which also travels as Message-ID / webhook id so receivers can deduplicate.
 * An e-mail or SMS is counted against its budget in the same statement: over budget it is refused (429,
 * the caller's transaction rolls back) or, for notices, dropped (`undefined`).
 */
export function enqueue(tx: Executor, message: OutboxMessage & { budget?: { exhausted: 'reject' | 'count' } }): Promise<string>;
export function enqueue(tx: Executor, message: OutboxMessage): Promise<string | undefined>;
export async function enqueue(tx: Executor, message: OutboxMessage): Promise<string | undefined> {
  if (message.channel !== 'webhook') {
    const sensitive = message.sensitive ?? (message.budget.kind !== 'notice' && message.budget.kind !== 'receipt');
    return budgetedInsert(tx, { tenantId: message.tenantId, channel: message.channel, payload: message.payload, sensitive }, message.budget);
  }
  const [row] = await tx
    .insert(outbox)
    .values({
      tenantId: message.tenantId,
      channel: message.channel,
      payload: message.payload,
      endpointId: message.endpointId,
      sensitive: message.sensitive ?? false,
    })
    .returning({ id: outbox.id });
  return row!.id;
}
