import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { type ApiKey, apiKeys } from '../db/schema/index.js';
import { KEY_PREFIX, type KeyKind } from '../lib/auth.js';
import { randomToken, sha256 } from '../lib/crypto.js';

export function keyHint(token: string): string {
  return `${token.slice(0, KEY_PREFIX.publishable.length + 4)}…`;
}

/** Stores a key by its hash. Inserting a key that exists already changes nothing (used by the demo seed). */
export async function storeKey(db: Executor, tenantId: string, kind: KeyKind, token: string, label: string) {
  await db
    .insert(apiKeys)
    .values({ tenantId, kind, tokenHash: sha256(token), hint: keyHint(token), label })
    .onConflictDoNothing({ target: apiKeys.tokenHash });
}

/** Mints a new key; the caller shows `key` once, only its hash is kept. */
export async function createKey(db: Executor, tenantId: string, kind: KeyKind, label: string) {
  const key = randomToken(KEY_PREFIX[kind]);
  const [row] = await db
    .insert(apiKeys)
    .values({ tenantId, kind, tokenHash: sha256(key), hint: keyHint(key), label })
    .returning();
  return { row: row!, key };
}

export function presentKey(k: ApiKey) {
  return {
    id: k.id,
    kind: k.kind,
    hint: k.hint,
    label: k.label,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export async function otherActiveSecretKeys(db: Executor, tenantId: string, exceptId: string): Promise<number> {
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.kind, 'secret'), isNull(apiKeys.revokedAt), ne(apiKeys.id, exceptId)));
  return rows.length;
}
