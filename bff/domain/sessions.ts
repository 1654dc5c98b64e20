import type { FactorKind } from '../../contract/factors.js';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Profile } from '../../contract/portal.js';
import { maskMobile } from '../../contract/rules.js';
import { type Db, type Executor, perDatabase } from '../db/client.js';
import { accounts, embedSecrets, sessions, tenants, type User, users } from '../db/schema/index.js';
import { randomToken, sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';

export const SESSION_MINUTES = 60;
export const EMBED_SECRET_MINUTES = 5;
/** A session's expiry moves on at most once a minute: one write per minute, not per request. */
const TOUCH_EVERY_MS = 60_000;

const minutes = (now: Date, n: number) => new Date(now.getTime() + n * 60_000);

/** A new session; the token (256 random bits) is returned once and only its hash is kept. */
export async function createSession(
  tx: Executor,
  o: {
    tenantId: string;
    userId: string;
    source: 'login' | 'embed';
    components?: string[] | null;
    /** The second factor a login was completed with (none for an embed session). */
    factor?: FactorKind | null;
    now: Date;
    /** A main account's admin acting on a sub-account (`domain/locations.ts`), and the session it came from. */
    acting?: { accountId: string; parentSessionId: string };
  },
) {
  const token = randomToken('tk_ses_', 32);
  const expiresAt = minutes(o.now, SESSION_MINUTES);
  await tx.insert(sessions).values({
    tenantId: o.tenantId,
    userId: o.userId,
    tokenHash: sha256(token),
    source: o.source,
    components: o.components ?? null,
    factor: o.factor ?? null,
    expiresAt,
    lastSeenAt: o.now,
    createdAt: o.now,
    actingAccountId: o.acting?.accountId ?? null,
    parentSessionId: o.acting?.parentSessionId ?? null,
  });
  return { token, expiresAt };
}

// On every session request: prepared once per database.
const findSession = perDatabase((db) =>
  db
    .select({ session: sessions, user: users, tenant: tenants })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt)))
    .limit(1)
    .prepare('telkit_find_session'),
);

/** The live session a token stands for, its expiry moved on (sliding); undefined when expired or revoked. */
export async function resumeSession(db: Db, token: string, now: Date) {
  const [row] = await findSession(db).execute({ hash: sha256(token) });
  if (!row || row.session.expiresAt <= now) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const expiresAt = minutes(now, SESSION_MINUTES);
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.session.id));
    row.session.expiresAt = expiresAt;
  }
  return row;
}

/** Ends every live session of a user (after a password change); returns how many there were. */
export async function revokeSessions(tx: Executor, userId: string, now: Date, except?: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), except ? ne(sessions.id, except) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

export async function revokeSession(tx: Executor, sessionId: string, now: Date) {
  await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** A single-use client secret for a partner page, valid five minutes. */
export async function mintEmbedSecret(tx: Executor, o: { tenantId: string; userId: string; components: string[]; keyId: string; now: Date }) {
  // A co-user whose contract ended is nobody, for a partner's backend as for the login.
  const [ended] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, o.userId), eq(users.role, 'co_user'), eq(accounts.status, 'cancelled')));
  if (ended) throw new ApiError(404, 'not_found');
  const clientSecret = randomToken('tk_ess_', 32);
  const expiresAt = minutes(o.now, EMBED_SECRET_MINUTES);
  await tx.insert(embedSecrets).values({
    tenantId: o.tenantId,
    userId: o.userId,
    secretHash: sha256(clientSecret),
    components: o.components,
    keyId: o.keyId,
    expiresAt,
    createdAt: o.now,
  });
  return { clientSecret, expiresAt };
}

/** Redeems a client secret once: a second use, an expired one or another tenant's gets nothing. */
export async function redeemEmbedSecret(tx: Executor, tenantId: string, clientSecret: string, now: Date) {
  const [row] = await tx
    .update(embedSecrets)
    .set({ usedAt: now })
    .where(
      and(eq(embedSecrets.secretHash, sha256(clientSecret)), eq(embedSecrets.tenantId, tenantId), isNull(embedSecrets.usedAt), gt(embedSecrets.expiresAt, now)),
    )
    .returning();
  return row;
}

/** What the profile shows of a user: the mobile number masked. */
export async function profileOf(db: Executor, user: User): Promise<Profile> {
  const [account] = user.accountId
    ? await db.select({ customerNumber: accounts.customerNumber, accountType: accounts.accountType }).from(accounts).where(eq(accounts.id, user.accountId))
    : [];
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    email: user.email,
    mobile: maskMobile(user.mobile),
    account: account ?? null,
    acting: null,
  };
}
