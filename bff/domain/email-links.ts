import { and, eq, isNull } from 'drizzle-orm';
import type { LinkPayload } from '../../contract/links.js';
import type { Executor } from '../db/client.js';
import { emailLinks } from '../db/schema/index.js';
import { randomToken, sha256 } from '../lib/crypto.js';

export type LinkPurpose = (typeof emailLinks.$inferSelect)['purpose'];

/**
 * A new single-use link for a subject; every older unused link for the same subject and purpose stops
 * working. Returns the token for the e-mail; only its hash is stored.
 */
export async function issueLink(
  tx: Executor,
  tenantId: string,
  purpose: LinkPurpose,
  subjectId: string,
  now: Date,
  ttlMs: number,
  options: { payload?: LinkPayload } = {},
) {
  await tx
    .update(emailLinks)
    .set({ supersededAt: now })
    .where(and(eq(emailLinks.subjectId, subjectId), eq(emailLinks.purpose, purpose), isNull(emailLinks.usedAt), isNull(emailLinks.supersededAt)));
  const token = randomToken('', 32);
  await tx
    .insert(emailLinks)
    .values({ tenantId, purpose, subjectId, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + ttlMs), payload: options.payload ?? ({ purpose } as LinkPayload) });
  return token;
}

/**
 * The link a token stands for, locked for this transaction: within the tenant and of the purpose when
 * they are given (a link token alone names its tenant on the BFF's own pages).
 */
export async function lockLink(tx: Executor, tenantId: string | undefined, purpose: LinkPurpose | undefined, token: string) {
  const [link] = await tx
    .select()
    .from(emailLinks)
    .where(
      and(
        eq(emailLinks.tokenHash, sha256(token)),
        tenantId ? eq(emailLinks.tenantId, tenantId) : undefined,
        purpose ? eq(emailLinks.purpose, purpose) : undefined,
      ),
    )
    .for('update');
  return link;
}
