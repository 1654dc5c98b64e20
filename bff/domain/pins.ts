import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import { normalizeRecoveryCode } from '../../contract/factors.js';
import type { PinPayload, PinPurpose } from '../../contract/links.js';
import type { PinChallenge as IssuedChallenge } from '../../contract/portal.js';
import { maskMobile } from '../../contract/rules.js';
import type { Db, Executor } from '../db/client.js';
import { emailLinks, pinChallenges, type Tenant, tenants, type User, users } from '../db/schema/index.js';
import { hmacSha256, safeEqual } from '../lib/crypto.js';
import { problemTitle } from '../../contract/errors.js';
import { ApiError } from '../lib/errors.js';
import { hit, peek, type RateRule, rateLimitError } from '../lib/rate-limit.js';
import { enqueue } from '../messaging/outbox.js';
import { pinSms } from '../messaging/templates/portal.js';
import { audit } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { accountAdminOf, deliverLinkCode } from './location-codes.js';
import { linkState } from './links.js';
import { consumeRecoveryCode, factorChanged, smsSignsIn } from './factors.js';
import { verifyTotp } from './totp.js';

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
  /** None only for a location link whose recipient has no mobile number (the code goes by e-mail). */
  to: P extends 'location_link' ? string | null : string;
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

/** What a step asks for: an SMS PIN, an app's code, a recovery code, a passkey, or (password setup without a mobile number) a factor to add. */
export type StepFactor = (typeof pinChallenges.$inferSelect)['factor'];

/** A step that was opened: `sentTo` is the masked number for an SMS, else null. */
export interface OpenedStep {
  challengeId: string;
  expiresAt: string;
  sentTo: string | null;
}

/**
 * Opens a second-factor step for the payload's purpose and retires the user's unused ones for it; only
 * an `sms` step sends a code. At most five steps per user in ten minutes, whatever their factor (else a
 * TOTP user could restart the login for five more guesses each time), counted under the user's row lock so
 * parallel requests cannot exceed it; codes for a location link (which go to another account's admin) are
 * counted apart, so that they never keep the admin from its own login steps.
 */
export async function openStep(
  tx: Executor,
  o: PinContext & { tenant: Tenant; user: User; payload: PinPayload; factor: StepFactor; to?: string | null },
): Promise<OpenedStep> {
  const { tenant, now, payload, factor } = o;
  // Locked, and fresh: the number may have changed since the caller read the user (say, during a password check).
  const [user] = (await tx.select().from(users).where(eq(users.id, o.user.id)).for('update')) as [User];
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
    .returning({ id: pinChallenges.id, factor: pinChallenges.factor });
  const id = randomUUID();
  const minutes = PINS[payload.purpose].minutes;
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  if (factor !== 'sms') {
    await tx.insert(pinChallenges).values({ id, tenantId: tenant.id, userId: user.id, purpose: payload.purpose, factor, pinHash: null, mobile: null, payload, expiresAt, createdAt: now });
    return { challengeId: id, expiresAt: expiresAt.toISOString(), sentTo: null };
  }
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const to = o.to === undefined ? user.mobile : o.to;
  // Without a number only a location link's code can go out (by e-mail); an own PIN needs the SMS.
  if (!to && payload.purpose !== 'location_link') throw new ApiError(422, 'mobile_required');
  await tx.insert(pinChallenges).values({
    id,
    tenantId: tenant.id,
    userId: user.id,
    purpose: payload.purpose,
    factor: 'sms',
    pinHash: pinHash(o.secret, id, pin),
    mobile: to,
    payload,
    expiresAt,
    createdAt: now,
  });
  // "The old code no longer works" only when an SMS code was replaced, not a step for another factor.
  const replaces = replaced.some((r) => r.factor === 'sms');
  await (DELIVER[payload.purpose] as (tx: Executor, o: PinDelivery) => Promise<void>)(tx, { ...o, payload, to, pin, minutes, replaces });
  return { challengeId: id, expiresAt: expiresAt.toISOString(), sentTo: maskMobile(to) ?? '' };
}

/** Sends a new SMS PIN for the payload's purpose (see `openStep`). */
export async function sendPin(tx: Executor, o: PinContext & { tenant: Tenant; user: User; payload: PinPayload; to?: string | null }): Promise<IssuedChallenge> {
  const step = await openStep(tx, { ...o, factor: 'sms' });
  return { ...step, sentTo: step.sentTo ?? '' };
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
  return replaced.some((r) => r.id !== challenge.id && r.pinHash !== null && safeEqual(pinHash(o.secret, r.id, pin), r.pinHash));
}

/** A field error at `pin` that is not counted (a malformed code, or an old SMS's). */
const fieldError = (code: string, message = '') => new ApiError(422, 'validation_failed', { errors: [{ path: 'pin', code, message }] });

/** Whether a locked challenge can still be answered: unused, the newest, not locked, not expired. */
export function openStepProblem(challenge: Challenge, now: Date): ApiError | undefined {
  if (challenge.usedAt) return new ApiError(410, 'pin_used');
  if (challenge.supersededAt) return new ApiError(410, 'pin_superseded');
  if (challenge.attempts >= PIN_MAX_WRONG) return new ApiError(410, 'pin_locked');
  if (challenge.expiresAt <= now) return new ApiError(410, 'pin_expired');
  return undefined;
}

/**
 * Counts a wrong answer on the step (the caller commits, then reports): the field error `code` at
 * `path` with the attempts left, or after the fifth the step is locked (410 `pin_locked`, audited).
 */
export async function countWrong(tx: Executor, challenge: Challenge, o: { ip?: string; code: string; path?: string }): Promise<ApiError> {
  const [row] = await tx
    .update(pinChallenges)
    .set({ attempts: sql`${pinChallenges.attempts} + 1` })
    .where(eq(pinChallenges.id, challenge.id))
    .returning({ attempts: pinChallenges.attempts });
  const attemptsLeft = PIN_MAX_WRONG - row!.attempts;
  if (attemptsLeft > 0) {
    return new ApiError(422, 'validation_failed', { errors: [{ path: o.path ?? 'pin', code: o.code, message: '' }], extensions: { attemptsLeft } });
  }
  await audit(tx, {
    tenantId: challenge.tenantId,
    actor: { kind: 'system' },
    action: 'pin.locked',
    target: { type: 'user', id: challenge.userId },
    ip: o.ip,
    data: { purpose: challenge.purpose, factor: challenge.factor },
  });
  return new ApiError(410, 'pin_locked');
}

/**
 * Wrong app and recovery codes per user and (UTC) day, across all steps. A step allows five, and a user
 * may open five steps in ten minutes: without this, 3,600 guesses a day would find one of the three valid
 * app codes within months. Beyond it no such code is checked until the next day (SMS and passkeys go on),
 * and the owner is told once. Ten a day leave room for honest typos.
 */
export const CODE_GUESSES: RateRule = { name: 'factor.code-guesses', limit: 10, windowSeconds: 86_400 };

async function guessesBlocked(tx: Executor, userId: string, now: Date): Promise<ApiError | undefined> {
  const state = await peek(tx, CODE_GUESSES, `user:${userId}`, now);
  return state.allowed ? undefined : rateLimitError(state);
}

async function countGuess(tx: Executor, userId: string, o: PinContext & { ip?: string }): Promise<void> {
  const result = await hit(tx, CODE_GUESSES, `user:${userId}`, o.now);
  if (result.remaining > 0 || !result.allowed) return;
  // The tenth: blocked from now on; the owner hears of it once (the e-mail, and an SMS where there is a number).
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  await factorChanged(tx, { ...o, tenant: tenant!, user: user!, change: 'codes_blocked' });
}

/**
 * Checks the answer to a locked challenge by its factor: an SMS PIN, an authenticator app's code (each
 * time step once) or a recovery code (each once). A malformed answer is not counted; a wrong one is (the
 * caller commits, then reports), and after five wrong entries even the right answer fails and the lock
 * is audited. A passkey step is answered at /v1/sessions/passkey, an enrolment step by its own routes.
 */
async function checkPin(tx: Executor, challenge: Challenge, pin: string, o: PinContext & { ip?: string }): Promise<{ ok: true; answered: StepFactor } | PinFailure> {
  const problem = openStepProblem(challenge, o.now);
  if (problem) return { ok: false, error: problem };
  const wrong = async (code: string): Promise<PinFailure> => ({ ok: false, error: await countWrong(tx, challenge, { ip: o.ip, code }) });
  // App and recovery codes cost no SMS to ask for: beyond the step's five, a cap per user and day across steps.
  const guessed = async (code: string): Promise<PinFailure> => {
    await countGuess(tx, challenge.userId, o);
    return wrong(code);
  };
  // An app's step also takes a recovery code (the way in without the app, in the same field).
  const answered: StepFactor = challenge.factor === 'totp' && normalizeRecoveryCode(pin) ? 'recovery' : challenge.factor;
  switch (answered) {
    case 'sms': {
      // The login's verify takes any code (its format depends on the factor): an SMS PIN has 6 digits.
      if (!/^\d{6}$/.test(pin)) return { ok: false, error: fieldError('pin_format') };
      if (await smsRecipientChanged(tx, challenge)) return { ok: false, error: new ApiError(410, 'pin_superseded') };
      if (challenge.pinHash === null || !safeEqual(pinHash(o.secret, challenge.id, pin), challenge.pinHash)) {
        // The code of a challenge this one replaced: not a guess, but the SMS before the newest one. (Its text
        // is the problem's: field-error texts travel with every widget, this one only comes from the BFF.)
        if (await isSupersededPin(tx, challenge, pin, o)) return { ok: false, error: fieldError('pin_superseded', problemTitle('pin_superseded', o.locale)) };
        return wrong('pin_wrong');
      }
      break;
    }
    case 'totp': {
      const code = pin.replace(/\s/g, '');
      if (!/^\d{6}$/.test(code)) return { ok: false, error: fieldError('totp_format') };
      const blocked = await guessesBlocked(tx, challenge.userId, o.now);
      if (blocked) return { ok: false, error: blocked };
      const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
      // A code of a time step already used (a replay) is as wrong as a false one.
      if (!(await verifyTotp(tx, { user: user!, code, secret: o.secret, now: o.now }))) return guessed('totp_wrong');
      break;
    }
    case 'recovery': {
      const code = normalizeRecoveryCode(pin);
      if (!code) return { ok: false, error: fieldError('recovery_format') };
      const blocked = await guessesBlocked(tx, challenge.userId, o.now);
      if (blocked) return { ok: false, error: blocked };
      const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
      if (!(await consumeRecoveryCode(tx, { user: user!, secret: o.secret, now: o.now, code }))) return guessed('recovery_wrong');
      break;
    }
    default:
      // A passkey step or a password setup's enrolment: no code answers it (not counted, nothing to guess).
      return { ok: false, error: new ApiError(409, 'step_factor_mismatch') };
  }
  await tx.update(pinChallenges).set({ usedAt: o.now }).where(eq(pinChallenges.id, challenge.id));
  return { ok: true, answered };
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
    // The step completes with the factor that answered it (a recovery code in an app's step).
    return { ok: true, value: await complete(tx, { ...challenge, factor: check.answered }) };
  });
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Whether an SMS code went to a number that no longer stands for its recipient: the user's own login or
 * password setup when SMS no longer signs them in or the number changed; a location link when its account's
 * admin turned SMS sign-in off or changed the number since. Such a code is not taken (410 `pin_superseded`,
 * not counted), however it was sent — the steps ended by `endSmsSteps` aside, this also covers a step opened
 * from a read taken just before the change, and the link codes, which are the asking admin's challenges.
 */
async function smsRecipientChanged(tx: Executor, challenge: Challenge): Promise<boolean> {
  if (!challenge.mobile) return false;
  const payload: PinPayload = challenge.payload;
  if (payload.purpose === 'login' || payload.purpose === 'password_setup') {
    const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
    return !user || !smsSignsIn(user) || user.mobile !== challenge.mobile;
  }
  if (payload.purpose === 'location_link') {
    const target = await accountAdminOf(tx, challenge.tenantId, payload.subAccountId);
    return !target || !smsSignsIn(target) || target.mobile !== challenge.mobile;
  }
  return false;
}

/**
 * Ends the user's open SMS steps of their own login and password setup (they answer `pin_superseded`, and
 * cannot ask for another code): when SMS stops signing in, or the number changes — a PIN on its way to the
 * old number, or a step opened before, must not finish the login or the reset afterwards.
 */
export async function endSmsSteps(tx: Executor, userId: string, now: Date): Promise<void> {
  await tx
    .update(pinChallenges)
    .set({ supersededAt: now })
    .where(
      and(
        eq(pinChallenges.userId, userId),
        eq(pinChallenges.factor, 'sms'),
        sql`${pinChallenges.purpose} in ('login', 'password_setup')`,
        isNull(pinChallenges.usedAt),
        isNull(pinChallenges.supersededAt),
      ),
    );
}

/** How long after its code expired a challenge may still ask for a new one. */
export const RESEND_GRACE_MINUTES = 30;

/**
 * A new PIN for an open challenge (the old one stops working), for the same step: to the same number, or to
 * `to` where the caller knows better (a location link's recipient may have turned SMS sign-in off meanwhile).
 */
export async function resendPin<P extends PinPurpose>(tx: Executor, o: PinContext & ChallengeScope<P> & { challengeId: string; to?: string | null }): Promise<IssuedChallenge> {
  const challenge = await lockChallenge(tx, o.challengeId, o);
  // Only an SMS step has a code to send again (an app's code or a recovery code is the user's own).
  if (challenge.factor !== 'sms') throw new ApiError(409, 'step_factor_mismatch');
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
  // An own step whose number no longer signs in (turned off, or changed) sends nothing more.
  if (payload.purpose !== 'location_link' && (await smsRecipientChanged(tx, challenge))) throw new ApiError(410, 'pin_superseded');
  const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  return sendPin(tx, { ...o, tenant: tenant!, user: user!, to: o.to === undefined ? challenge.mobile : o.to, payload: challenge.payload });
}
