import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PinPayload, PinPurpose } from '../../contract/links.js';
import type { PinChallenge as IssuedChallenge } from '../../contract/portal.js';
import { maskMobile } from '../../contract/rules.js';
import type { Db, Executor } from '../db/client.js';
import { emailLinks, pinChallenges, type Tenant, tenants, type User, users } from '../db/schema/index.js';
import { hmacSha256, safeEqual } from '../lib/crypto.js';
import { problemTitle } from '../../contract/errors.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { pinSms } from '../messaging/templates/portal.js';
import { audit } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { deliverLinkCode } from './location-codes.js';
import { linkState } from './links.js';

/**
 * The PIN service: every SMS code is sent, checked and resent here. A new purpose is one entry in
 * `PINS` (and its payload in `contract/links.ts`); its routes come from `routes/pin-steps.ts`.
 */
export const PINS = {
  login: { minutes: 10 },
  password_setup: { minutes: 10 },
  mobile_change: { minutes: 10 },
  /** The code goes to another account's admin, who may not answer at once (PRODUCT.md §3.4). */
  location_link: { minutes: 24 * 60 },
} as const satisfies Record<PinPurpose, { minutes: number }>;

export const PIN_MINUTES = 10;
export const PIN_MAX_WRONG = 5;
export const PIN_MAX_SENDS = 5;
export const PIN_SEND_WINDOW_MINUTES = 10;

/** A challenge row with its payload typed by purpose. */
export type Challenge<P extends PinPurpose = PinPurpose> = Omit<typeof pinChallenges.$inferSelect, 'purpose' | 'payload'> & {
  purpose: P;
  payload: Extract<PinPayload, { purpose: P }>;
};

/** Keyed with the server secret and bound to its challenge: a copy of the table reveals no PIN. */
const pinHash = (secret: string, challengeId: string, pin: string) => hmacSha256(secret, `pin:${challengeId}:${pin}`);

export interface PinContext {
  now: Date;
  secret: string;
  locale: Locale;
  /** The client address, counted by the messaging budget across every PIN route. */
  ip?: string;
  /** The messaging budget's settings (from `flowContext`). */
  budget?: BudgetSettings;
  /** The host the SMS binds its code to (WebOTP's `@host #code` line), see `flowContext`. */
  otpHost?: string;
}

/** What a purpose's delivery gets: the code, where it goes, and for whom the challenge is. */
export interface PinDelivery<P extends PinPurpose = PinPurpose> extends PinContext {
  tenant: Tenant;
  /** Who will enter the code (the challenge's user). */
  user: User;
  payload: Extract<PinPayload, { purpose: P }>;
  to: string;
  pin: string;
  minutes: number;
  /** Whether this code replaced an unused one for the same step (a resend, or a new request): the message says the old one no longer works. */
  replaces: boolean;
}

/** The plain SMS of a user's own PIN, on the user's messaging budget. */
const ownSms =
  <P extends 'login' | 'password_setup' | 'mobile_change'>(purpose: P) =>
  async (tx: Executor, o: PinDelivery<P>): Promise<void> => {
    await enqueue(tx, {
      tenantId: o.tenant.id,
      channel: 'sms',
      payload: { to: o.to, text: pinSms(o.tenant.name, o.locale, purpose, o.pin, o.minutes, o.otpHost) },
      budget: { ...o.budget, kind: 'pin', now: o.now, ip: o.ip, userId: o.user.id },
    });
  };

/**
 * How each purpose's code reaches its recipient (and, on resend, again): the user's own SMS, or for a
 * location link the other account's admin by SMS and e-mail, saying who asks (`domain/location-codes.ts`).
 */
const DELIVER: { [P in PinPurpose]: (tx: Executor, o: PinDelivery<P>) => Promise<void> } = {
  login: ownSms('login'),
  password_setup: ownSms('password_setup'),
  mobile_change: ownSms('mobile_change'),
  location_link: deliverLinkCode,
};

/**
 * Sends a new PIN for the payload's purpose and retires the user's unused ones for it. At most five
 * sends per user in ten minutes, counted under the user's row lock so parallel requests cannot exceed it;
 * codes for a location link (which go to another account's admin) are counted apart, so that they never
 * keep the admin from its own login PINs.
 */
export async function sendPin(tx: Executor, o: PinContext & { tenant: Tenant; user: User; payload: PinPayload; to?: string }): Promise<IssuedChallenge> {
  const { tenant, user, now, payload } = o;
  await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
  const windowStart = new Date(now.getTime() - PIN_SEND_WINDOW_MINUTES * 60_000);
  const recent = await tx
    .select({ createdAt: pinChallenges.createdAt })
    .from(pinChallenges)
    .where(
      and(
        eq(pinChallenges.userId, user.id),
        gt(pinChallenges.createdAt, windowStart),
        payload.purpose === 'location_link' ? eq(pinChallenges.purpose, 'location_link') : ne(pinChallenges.purpose, 'location_link'),
      ),
    )
    .orderBy(asc(pinChallenges.createdAt));
  if (recent.length >= PIN_MAX_SENDS) {
    const retryAfter = Math.ceil((recent[0]!.createdAt.getTime() + PIN_SEND_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000);
    throw new ApiError(429, 'rate_limited', { headers: { 'Retry-After': String(Math.max(1, retryAfter)) } });
  }
  const replaced = await tx
    .update(pinChallenges)
    .set({ supersededAt: now })
    .where(
      and(
        eq(pinChallenges.userId, user.id),
        eq(pinChallenges.purpose, payload.purpose),
        isNull(pinChallenges.usedAt),
        isNull(pinChallenges.supersededAt),
        // An admin may ask several accounts at once: a new code replaces only the one for the same account.
        payload.purpose === 'location_link' ? sql`${pinChallenges.payload}->>'subAccountId' = ${payload.subAccountId}` : undefined,
      ),
    )
    .returning({ id: pinChallenges.id });
  const id = randomUUID();
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const to = o.to ?? user.mobile;
  const minutes = PINS[payload.purpose].minutes;
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await tx.insert(pinChallenges).values({
    id,
    tenantId: tenant.id,
    userId: user.id,
    purpose: payload.purpose,
    pinHash: pinHash(o.secret, id, pin),
    mobile: to,
    payload,
    expiresAt,
    createdAt: now,
  });
  await (DELIVER[payload.purpose] as (tx: Executor, o: PinDelivery) => Promise<void>)(tx, { ...o, payload, to, pin, minutes, replaces: replaced.length > 0 });
  return { challengeId: id, expiresAt: expiresAt.toISOString(), sentTo: maskMobile(to) };
}

export interface ChallengeScope<P extends PinPurpose> {
  purposes: readonly P[];
  /** When the tenant is known (a key or session named it), only its challenges. */
  tenantId?: string;
  /** With a session: only the logged-in user's challenges. */
  userId?: string;
}

/** A challenge of one of `purposes`, locked for this transaction; anything else is `challenge_invalid`. */
export async function lockChallenge<P extends PinPurpose>(tx: Executor, challengeId: string, scope: ChallengeScope<P>): Promise<Challenge<P>> {
  const [row] = await tx
    .select()
    .from(pinChallenges)
    .where(and(eq(pinChallenges.id, challengeId), scope.tenantId ? eq(pinChallenges.tenantId, scope.tenantId) : undefined))
    .for('update');
  if (!row || !scope.purposes.includes(row.purpose as P) || (scope.userId && row.userId !== scope.userId)) {
    throw new ApiError(404, 'challenge_invalid');
  }
  return row as Challenge<P>;
}

type PinFailure = { ok: false; error: ApiError };

/** Whether `pin` is the code of one of the user's unused challenges for the same step that a resend replaced (last 10 minutes). */
async function isSupersededPin(tx: Executor, challenge: Challenge, pin: string, o: PinContext): Promise<boolean> {
  const since = new Date(o.now.getTime() - PIN_SEND_WINDOW_MINUTES * 60_000);
  const replaced = await tx
    .select({ id: pinChallenges.id, pinHash: pinChallenges.pinHash })
    .from(pinChallenges)
    .where(
      and(
        eq(pinChallenges.userId, challenge.userId),
        eq(pinChallenges.purpose, challenge.purpose),
        isNotNull(pinChallenges.supersededAt),
        isNull(pinChallenges.usedAt),
        gt(pinChallenges.createdAt, since),
      ),
    )
    .limit(PIN_MAX_SENDS);
  return replaced.some((r) => r.id !== challenge.id && safeEqual(pinHash(o.secret, r.id, pin), r.pinHash));
}

/**
 * Checks a PIN against a locked challenge. A wrong PIN is counted (the caller commits, then reports);
 * after five wrong entries even the right PIN fails, and the lock is audited.
 */
async function checkPin(tx: Executor, challenge: Challenge, pin: string, o: PinContext & { ip?: string }): Promise<{ ok: true } | PinFailure> {
  if (challenge.usedAt) return { ok: false, error: new ApiError(410, 'pin_used') };
  if (challenge.supersededAt) return { ok: false, error: new ApiError(410, 'pin_superseded') };
  if (challenge.attempts >= PIN_MAX_WRONG) return { ok: false, error: new ApiError(410, 'pin_locked') };
  if (challenge.expiresAt <= o.now) return { ok: false, error: new ApiError(410, 'pin_expired') };
  if (!safeEqual(pinHash(o.secret, challenge.id, pin), challenge.pinHash)) {
    // The code of a challenge this one replaced: not a guess, but the SMS before the newest one. (Its text
    // is the problem's: field-error texts travel with every widget, this one only comes from the BFF.)
    if (await isSupersededPin(tx, challenge, pin, o)) {
      const message = problemTitle('pin_superseded', o.locale);
      return { ok: false, error: new ApiError(422, 'validation_failed', { errors: [{ path: 'pin', code: 'pin_superseded', message }] }) };
    }
    const [row] = await tx
      .update(pinChallenges)
      .set({ attempts: sql`${pinChallenges.attempts} + 1` })
      .where(eq(pinChallenges.id, challenge.id))
      .returning({ attempts: pinChallenges.attempts });
    const attemptsLeft = PIN_MAX_WRONG - row!.attempts;
    if (attemptsLeft > 0) {
      return {
        ok: false,
        error: new ApiError(422, 'validation_failed', { errors: [{ path: 'pin', code: 'pin_wrong', message: '' }], extensions: { attemptsLeft } }),
      };
    }
    await audit(tx, {
      tenantId: challenge.tenantId,
      actor: { kind: 'system' },
      action: 'pin.locked',
      target: { type: 'user', id: challenge.userId },
      ip: o.ip,
      data: { purpose: challenge.purpose },
    });
    return { ok: false, error: new ApiError(410, 'pin_locked') };
  }
  await tx.update(pinChallenges).set({ usedAt: o.now }).where(eq(pinChallenges.id, challenge.id));
  return { ok: true };
}

/**
 * Verifies a PIN and, when it is right, completes the step in the same transaction. A wrong PIN's count
 * is committed first and only then reported, so failed attempts cannot be rolled back by the error.
 */
export async function verifyPin<P extends PinPurpose, R>(
  db: Db,
  o: PinContext & ChallengeScope<P> & { challengeId: string; pin: string; ip?: string },
  complete: (tx: Executor, challenge: Challenge<P>) => Promise<R>,
): Promise<R> {
  const result = await db.transaction(async (tx): Promise<{ ok: true; value: R } | PinFailure> => {
    const challenge = await lockChallenge(tx, o.challengeId, o);
    const check = await checkPin(tx, challenge, o.pin, o);
    if (!check.ok) return check;
    return { ok: true, value: await complete(tx, challenge) };
  });
  if (!result.ok) throw result.error;
  return result.value;
}

/** How long after its code expired a challenge may still ask for a new one. */
export const RESEND_GRACE_MINUTES = 30;

/** A new PIN for an open challenge (the old one stops working), to the same number, for the same step. */
export async function resendPin<P extends PinPurpose>(tx: Executor, o: PinContext & ChallengeScope<P> & { challengeId: string }): Promise<IssuedChallenge> {
  const challenge = await lockChallenge(tx, o.challengeId, o);
  if (challenge.usedAt) throw new ApiError(410, 'pin_used');
  // Only the newest code can ask for another: an old challenge id replayed cannot send more SMS.
  if (challenge.supersededAt) throw new ApiError(410, 'pin_superseded');
  // A code that expired long ago cannot start a new round of SMS: the step starts again (login: the password).
  if (challenge.expiresAt.getTime() + RESEND_GRACE_MINUTES * 60_000 <= o.now.getTime()) throw new ApiError(410, 'challenge_expired');
  // Password setup: only while its e-mail link still could be redeemed (not beyond the link's 48 hours).
  const payload: PinPayload = challenge.payload;
  if (payload.purpose === 'password_setup') {
    const [link] = await tx.select().from(emailLinks).where(eq(emailLinks.id, payload.linkId));
    const state = link ? linkState(link, o.now) : 'used';
    if (state !== 'usable') throw new ApiError(410, state === 'expired' ? 'link_expired' : 'link_invalid');
  }
  const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  return sendPin(tx, { ...o, tenant: tenant!, user: user!, to: challenge.mobile, payload: challenge.payload });
}
