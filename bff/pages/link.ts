import { eq } from 'drizzle-orm';
import { emailLinks, signups, tenants } from '../db/schema/index.js';
import type { AppEnv } from '../lib/context.js';
import { sha256 } from '../lib/crypto.js';

/** The e-mail link a page was opened with: the link, its tenant (for branding) and the signup's language. */
export async function linkOf(db: AppEnv['Variables']['deps']['db'], token: string) {
  if (!token) return undefined;
  const [row] = await db
    .select({ tenant: tenants, locale: signups.locale, purpose: emailLinks.purpose, link: emailLinks })
    .from(emailLinks)
    .innerJoin(tenants, eq(tenants.id, emailLinks.tenantId))
    .leftJoin(signups, eq(signups.id, emailLinks.subjectId))
    .where(eq(emailLinks.tokenHash, sha256(token)))
    .limit(1);
  return row;
}
