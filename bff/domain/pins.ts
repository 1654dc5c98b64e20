import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PinChallenge } from '../../contract/portal.js';
import { maskMobile } from '../../contract/rules.js';
import type { Executor } from '../db/client.js';
import { pinChallenges, type Tenant, type User, users } from '../db/schema/index.js';
import { hmacSha256, safeEqual } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { pinSms } from '../messaging/templates/portal.js';

export const PIN_MINUTES = 10;
export const PIN_MAX_WRONG = 5;
export const PIN_MAX_SENDS = 5;
export const PIN_SEND_WINDOW_MINUTES = 10;

type Purpose = (typeof pinChallenges.$inferSelect)['purpose'];
type Payload = (typeof pinChallenges.$inferSelect)['payload'];

/** Keyed with the server secret and bound to its challenge: a copy of the table reveals no PIN. */
const pinHash = (secret: string, challengeId: string, pin: string) => hmacSha256(secret, `pin:${challengeId}:${pin}`);

/**
 * Sends a new SMS PIN for `purpose` and retires the user's unused ones for it. At most five sends per
 * user in ten minutes, counted under the user's row lock so parallel requests cannot exceed it.
 */
export async function sendPin(
  tx: Executor,
  o: { tenant: Tenant; user: User; purpose: Purpose; to?: string; payload?: Payload; now: Date; secret: string; locale: Locale },
): Promise<PinChallenge> {
  const { tenant, user, now } = o;
  await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
  const windowStart = new Date(now.getTime() - PIN_SEND_WINDOW_MINUTES * 60_000);
  const recent = await tx
    .select({ createdAt: pinChallenges.createdAt })
    .from(pinChallenges)
    .where(and(eq(pinChallenges.userId, user.id), gt(pinChallenges.createdAt, windowStart)))
    .orderBy(asc(pinChallenges.createdAt));
  if (recent.length >= PIN_MAX_SENDS) {
    const retryAfter = Math.ceil((recent[0]!.createdAt.getTime() + PIN_SEND_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000);
    throw new ApiError(429, 'rate_limited', { headers: { 'Retry-After': String(Math.max(1, retryAfter)) } });
  }
  await tx
    .update(pinChallenges)
    .set({ supersededAt: now })
    .where(and(eq(pinChallenges.userId, user.id), eq(pinChallenges.purpose, o.purpose), isNull(pinChallenges.usedAt), isNull(pinChallenges.supersededAt)));
  const id = randomUUID();
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const to = o.to ?? user.mobile;
  const expiresAt = new Date(now.getTime() + PIN_MINUTES * 60_000);
  await tx.insert(pinChallenges).values({
    id,
    tenantId: tenant.id,
    userId: user.id,
    purpose: o.purpose,
    pinHash: pinHash(o.secret, id, pin),
    mobile: to,
    payload: o.payload ?? ({ purpose: o.purpose } as Payload),
    expiresAt,
    createdAt: now,
  });
  await enqueue(tx, { tenantId: tenant.id, channel: 'sms', payload: { to, text: pinSms(tenant.name, o.locale, o.purpose, pin, PIN_MINUTES) } });
  return { challengeId: id, expiresAt: expiresAt.toISOString(), sentTo: maskMobile(to) };
}

/** A challenge of one of `purposes`, locked for this transaction; tenant-scoped when the tenant is known. */
export async function lockChallenge(tx: Executor, challengeId: string, purposes: Purpose[], tenantId: string | undefined) {
  const [row] = await tx
    .select()
    .from(pinChallenges)
    .where(and(eq(pinChallenges.id, challengeId), tenantId ? eq(pinChallenges.tenantId, tenantId) : undefined))
    .for('update');
  if (!row || !purposes.includes(row.purpose)) throw new ApiError(404, 'challenge_invalid');
  return row;
}

export type PinFailure = { ok: false; error: ApiError };

/**
 * Checks a PIN against a locked challenge. A wrong PIN is counted, so the caller must commit and only
 * then report `error`; after five wrong entries even the right PIN fails.
 */
export async function checkPin(tx: Executor, challenge: typeof pinChallenges.$inferSelect, pin: string, now: Date, secret: string): Promise<{ ok: true } | PinFailure> {
  if (challenge.usedAt || challenge.supersededAt) return { ok: false, error: new ApiError(410, 'pin_used') };
  if (challenge.attempts >= PIN_MAX_WRONG) return { ok: false, error: new ApiError(410, 'pin_locked') };
  if (challenge.expiresAt <= now) return { ok: false, error: new ApiError(410, 'pin_expired') };
  if (!safeEqual(pinHash(secret, challenge.id, pin), challenge.pinHash)) {
    const [row] = await tx
      .update(pinChallenges)
      .set({ attempts: sql`${pinChallenges.attempts} + 1` })
      .where(eq(pinChallenges.id, challenge.id))
      .returning({ attempts: pinChallenges.attempts });
    const attemptsLeft = PIN_MAX_WRONG - row!.attempts;
    return {
      ok: false,
      error:
        attemptsLeft <= 0
          ? new ApiError(410, 'pin_locked')
          : new ApiError(422, 'validation_failed', { errors: [{ path: 'pin', code: 'pin_wrong', message: '' }], extensions: { attemptsLeft } }),
    };
  }
  await tx.update(pinChallenges).set({ usedAt: now }).where(eq(pinChallenges.id, challenge.id));
  return { ok: true };
}
