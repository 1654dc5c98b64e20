import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../bff/db/client.js';
import { outbox } from '../../../bff/db/schema/index.js';
import type { EmailPayload } from '../../../bff/messaging/outbox.js';

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
