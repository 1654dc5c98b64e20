import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { FactorKind, Factors, TotpEnrolment } from '../../contract/factors.js';
import type { Locale } from '../../contract/enums.js';
import { maskMobile } from '../../contract/rules.js';
import type { Db, Executor } from '../db/client.js';
import { totpFactors, type User, users, webauthnCredentials } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import type { BudgetSettings } from './budget.js';
import { audit, userActor } from './audit.js';
import { revokeSessions } from './sessions.js';
import { factorChanged, factorsOf, isLastFactor, issueRecoveryCodes, recoveryCodesIfFirst, recoveryCodeState, smsSignsIn } from './factors.js';
import { endSmsSteps } from './pins.js';
import { burnChallenge, type PasskeyContext, relyingParty, verifyPasskeyRegistration } from './passkeys.js';
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment } from './totp.js';

// The profile's factor changes (routes/factors.ts): each in one transaction with its audit entry and
// notice (`factorChanged`). The user's row is locked first, so two changes of one user run one after
// the other: two parallel removals cannot take away the last two factors.

export type ChangeContext = PasskeyContext & {
  /** The session making the change: it stays; the user's other sessions end when a factor goes or codes are made anew. */
  sessionId: string; user: User; secret: string; locale: Locale; ip?: string; budget?: BudgetSettings };

/** The user's row, locked for this transaction (and fresh: the mobile number may have changed). */
async function lockUser(tx: Executor, user: User): Promise<User> {
  const [row] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
  return row!;
}

async function summaryOf(tx: Executor, o: PasskeyContext & { user: User }): Promise<Factors> {
  const [passkeys, [totp], codes] = await Promise.all([
    tx.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, o.user.id)).orderBy(asc(webauthnCredentials.createdAt)),
    tx.select().from(totpFactors).where(and(eq(totpFactors.userId, o.user.id), isNotNull(totpFactors.confirmedAt))),
    recoveryCodeState(tx, o.user),
  ]);
  return {
    passkeys: passkeys.map((p) => ({
      id: p.id,
      label: p.label,
      createdAt: p.createdAt.toISOString(),
      lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
      synced: p.backedUp || p.deviceType === 'multiDevice',
    })),
    totp: totp ? { createdAt: totp.confirmedAt!.toISOString(), lastUsedAt: totp.lastUsedAt?.toISOString() ?? null } : null,
    sms: smsSignsIn(o.user) ? { mobile: maskMobile(o.user.mobile!) } : null,
    mobile: maskMobile(o.user.mobile),
    recoveryCodes: codes && { remaining: codes.remaining, createdAt: codes.createdAt.toISOString() },
    passkeysAvailable: relyingParty(o).available,
  };
}

export async function factorSummary(db: Db, o: PasskeyContext & { user: User }): Promise<Factors> {
  return summaryOf(db, o);
}

/** A new passkey from the profile's ceremony; the first factor besides SMS also brings the recovery codes. */
export async function addPasskey(db: Db, o: ChangeContext & { challengeId: string; credential: Record<string, unknown>; label?: string }): Promise<{ factors: Factors; recoveryCodes: string[] | null }> {
  try {
    return await db.transaction(async (tx) => {
      const user = await lockUser(tx, o.user);
      const passkey = await verifyPasskeyRegistration(tx, { ...o, user, purpose: 'register' });
      const recoveryCodes = await recoveryCodesIfFirst(tx, { user, secret: o.secret, now: o.now });
      await factorChanged(tx, { ...o, user, change: 'passkey_added', data: { label: passkey.label, recoveryCodesIssued: recoveryCodes !== null } });
      return { factors: await summaryOf(tx, { ...o, user }), recoveryCodes };
    });
  } catch (error) {
    // A refused answer ends its challenge too (the rollback above gave it back): each challenge is tried once.
    if (error instanceof ApiError && error.code === 'validation_failed') await burnChallenge(db, o);
    throw error;
  }
}

/** Removes a passkey (by id) or the app: 404 when it is not the user's, 409 `last_factor` when nothing else would remain. */
export async function removeFactor(db: Db, o: ChangeContext & { kind: Extract<FactorKind, 'passkey' | 'totp'>; id?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await lockUser(tx, o.user);
    if (o.kind === 'passkey') {
      const [passkey] = await tx
        .select()
        .from(webauthnCredentials)
        .where(and(eq(webauthnCredentials.id, o.id!), eq(webauthnCredentials.userId, user.id), eq(webauthnCredentials.tenantId, user.tenantId)));
      if (!passkey) throw new ApiError(404, 'not_found');
      if (await isLastFactor(tx, user)) throw new ApiError(409, 'last_factor');
      await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.id, passkey.id));
      await factorChanged(tx, { ...o, user, change: 'passkey_removed', data: { label: passkey.label } });
      await endOtherSessions(tx, user, o);
      return;
    }
    const [totp] = await tx.select().from(totpFactors).where(eq(totpFactors.userId, user.id));
    if (!totp) throw new ApiError(404, 'not_found');
    // An enrolment never confirmed was no factor: it simply goes.
    if (totp.confirmedAt && (await isLastFactor(tx, user))) throw new ApiError(409, 'last_factor');
    if (totp.confirmedAt) await assertWayBack(tx, user, 'totp');
    await removeTotp(tx, user);
    if (totp.confirmedAt) {
      await factorChanged(tx, { ...o, user, change: 'totp_removed' });
      await endOtherSessions(tx, user, o);
    }
  });
}

/**
 * SMS sign-in off (`on: false`) or on again. Off: 404 without a number, 409 `last_factor` without a passkey
 * or an app, 409 `recovery_codes_needed` with passkeys only and no unused recovery code; the number stays
 * for notices, open SMS steps and the user's other sessions end. On: 404 without a number. Either is a
 * no-op when it is so already (nothing audited, nobody told).
 */
export async function setSmsLogin(db: Db, o: ChangeContext & { on: boolean }): Promise<Factors> {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, o.user);
    if (!before.mobile) throw new ApiError(404, 'not_found');
    if (before.smsLogin === o.on) return summaryOf(tx, { ...o, user: before });
    if (!o.on) {
      if (await isLastFactor(tx, before)) throw new ApiError(409, 'last_factor');
      await assertWayBack(tx, before, 'sms');
    }
    const [user] = await tx.update(users).set({ smsLogin: o.on }).where(eq(users.id, before.id)).returning();
    await factorChanged(tx, { ...o, user: user!, change: o.on ? 'sms_on' : 'sms_off' });
    if (!o.on) {
      // An SMS step opened before (say, by whoever holds a swapped SIM) must not finish afterwards.
      await endSmsSteps(tx, user!.id, o.now);
      await endOtherSessions(tx, user!, o);
    }
    return summaryOf(tx, { ...o, user: user! });
  });
}

/**
 * Passkeys work only on the tenant's own pages and the devices that hold them: without SMS and the app
 * (`without` the one going), an unused recovery code must be left as the way back (409 `recovery_codes_needed`).
 */
async function assertWayBack(tx: Executor, user: User, without: 'sms' | 'totp'): Promise<void> {
  const left = (await factorsOf(tx, user)).filter((k) => k !== without);
  if (!left.includes('sms') && !left.includes('totp') && !left.includes('recovery')) throw new ApiError(409, 'recovery_codes_needed');
}

/** Starts adding an authenticator app: the secret as QR code and as text (`totp.ts`). */
export async function startTotp(db: Db, o: ChangeContext): Promise<TotpEnrolment> {
  return db.transaction(async (tx) => startTotpEnrolment(tx, { ...o, user: await lockUser(tx, o.user) }));
}

/**
 * The app's first code confirms it. A wrong code is counted (committed, then 422 `totp_wrong` at
 * `code`); after five the enrolment is gone (409 `totp_not_started`).
 */
export async function confirmTotp(db: Db, o: ChangeContext & { code: string }): Promise<{ factors: Factors; recoveryCodes: string[] | null }> {
  const added = await db.transaction(async (tx) => {
    const user = await lockUser(tx, o.user);
    if (!(await confirmTotpEnrolment(tx, { user, code: o.code, secret: o.secret, now: o.now }))) return undefined;
    const recoveryCodes = await recoveryCodesIfFirst(tx, { user, secret: o.secret, now: o.now });
    await factorChanged(tx, { ...o, user, change: 'totp_added', data: { recoveryCodesIssued: recoveryCodes !== null } });
    return { factors: await summaryOf(tx, { ...o, user }), recoveryCodes };
  });
  if (!added) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'code', code: 'totp_wrong', message: '' }] });
  return added;
}

/** Ten new recovery codes (shown once); every earlier code stops working. */
export async function issueCodes(db: Db, o: ChangeContext): Promise<string[]> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, o.user);
    const codes = await issueRecoveryCodes(tx, { user, secret: o.secret, now: o.now });
    await factorChanged(tx, { ...o, user, change: 'recovery_codes_issued' });
    await endOtherSessions(tx, user, o);
    return codes;
  });
}

/**
 * A factor gone or the codes made anew: sessions opened with the old one (a lost device, a leaked code) end
 * too; the one making the change stays. Audited like a password change's.
 */
async function endOtherSessions(tx: Executor, user: User, o: ChangeContext): Promise<void> {
  const count = await revokeSessions(tx, user.id, o.now, o.sessionId);
  if (count > 0) await audit(tx, { tenantId: user.tenantId, actor: userActor(user), account: user.accountId, action: 'sessions.revoked', target: { type: 'user', id: user.id }, ip: o.ip, data: { count, reason: 'factor_changed' } });
}
