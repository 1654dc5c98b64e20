import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../bff/db/client.js';
import { outbox } from '../../../bff/db/schema/index.js';
import type { EmailPayload, SendBudget, SmsPayload } from '../../../bff/messaging/outbox.js';

/** For tests that enqueue directly: counted by the messaging budget, never refused or dropped. */
export const TEST_BUDGET = { kind: 'notice', now: new Date(), exhausted: 'count' } as const satisfies SendBudget;

/** The e-mails a tenant's outbox holds, oldest first. */
export async function emailsOf(db: Db, tenantId: string): Promise<(EmailPayload & { id: string })[]> {
  const rows = await db.select().from(outbox).where(eq(outbox.tenantId, tenantId)).orderBy(asc(outbox.createdAt));
  return rows.filter((r) => r.channel === 'email').map((r) => ({ id: r.id, ...(r.payload as EmailPayload) }));
}

/** The token of the first link with `path` in an e-mail's text. */
export function tokenIn(mail: EmailPayload, path: string): string {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!;
}

/** The PIN of the newest SMS to `to` (E.164) in a tenant's outbox. */
export async function lastPin(db: Db, tenantId: string, to: string): Promise<string> {
  const rows = await db.select().from(outbox).where(eq(outbox.tenantId, tenantId)).orderBy(asc(outbox.createdAt));
  const sms = rows.filter((r) => r.channel === 'sms' && (r.payload as SmsPayload).to === to).at(-1);
  const pin = sms && /\b(\d{6})\b/.exec((sms.payload as SmsPayload).text)?.[1];
  if (!pin) throw new Error(`no PIN sent to ${to}`);
  return pin;
}
