import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { encodeQR } from 'qr';
import type { TotpEnrolment } from '../../contract/factors.js';
import type { Executor } from '../db/client.js';
import { type Tenant, totpFactors, type User } from '../db/schema/index.js';
import { seal, unseal } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';

// Authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 seconds) with otplib. A code is accepted one
// step early or late (±30 s of clock drift) and only for a time step after the last accepted one, in one
// atomic update: no code works twice, not even in parallel.

const SEAL = 'totp';
/** ±1 time step. */
const TOLERANCE_SECONDS = 30;
/** Wrong first codes before an enrolment must start again (as for PINs). */
export const TOTP_ENROL_MAX_WRONG = 5;
/** How long a started enrolment waits for its first code (its start needed the password again). */
export const TOTP_ENROL_MINUTES = 15;

const epoch = (now: Date) => Math.floor(now.getTime() / 1000);
/** The time step a valid code belongs to (now's step moved by the code's drift). */
const stepOf = (now: Date, result: { delta: number }) => Math.floor(epoch(now) / 30) + result.delta;

/**
 * Starts adding an app: a new secret (replacing an unconfirmed one), the `otpauth://` URI and its QR
 * code as an SVG data URL. An app that is already confirmed must be removed first (409 `totp_exists`).
 */
export async function startTotpEnrolment(tx: Executor, o: { tenant: Tenant; user: User; secret: string; now: Date }): Promise<TotpEnrolment> {
  const [existing] = await tx.select().from(totpFactors).where(eq(totpFactors.userId, o.user.id)).for('update');
  if (existing?.confirmedAt) throw new ApiError(409, 'totp_exists');
  const secret = generateSecret();
  const values = { secretSealed: seal(o.secret, SEAL, secret), attempts: 0, lastStep: null, createdAt: o.now };
  if (existing) await tx.update(totpFactors).set(values).where(eq(totpFactors.id, existing.id));
  else await tx.insert(totpFactors).values({ tenantId: o.user.tenantId, userId: o.user.id, ...values });
  const uri = generateURI({ issuer: o.tenant.name, label: o.user.username, secret });
  const svg = encodeQR(uri, 'svg', { ecc: 'medium', border: 4 });
  return { secret, uri, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The first code confirms the app: right → confirmed (that step used up), true. Wrong → counted, false;
 * after five wrong codes the enrolment is gone (`totp_not_started`: start again with a new secret).
 * No enrolment under way: 409 `totp_not_started`.
 */
export async function confirmTotpEnrolment(tx: Executor, o: { user: User; code: string; secret: string; now: Date }): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, o.user.id), isNull(totpFactors.confirmedAt)))
    .for('update');
  const stale = row && o.now.getTime() - row.createdAt.getTime() > TOTP_ENROL_MINUTES * 60_000;
  if (!row || row.attempts >= TOTP_ENROL_MAX_WRONG || stale) throw new ApiError(409, 'totp_not_started');
  const result = verifySync({ secret: unseal(o.secret, SEAL, row.secretSealed), token: o.code, epoch: epoch(o.now), epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid) {
    await tx.update(totpFactors).set({ attempts: sql`${totpFactors.attempts} + 1` }).where(eq(totpFactors.id, row.id));
    return false;
  }
  await tx.update(totpFactors).set({ confirmedAt: o.now, lastStep: stepOf(o.now, result), lastUsedAt: o.now }).where(eq(totpFactors.id, row.id));
  return true;
}

/**
 * A code of the user's confirmed app: true when it is right for now ±1 step and its step is later than
 * the last accepted one, which it then becomes (atomically). Counting wrong codes is the caller's (the
 * login's challenge, like a PIN).
 */
export async function verifyTotp(tx: Executor, o: { user: User; code: string; secret: string; now: Date }): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, o.user.id), isNotNull(totpFactors.confirmedAt)));
  if (!row) return false;
  const result = verifySync({ secret: unseal(o.secret, SEAL, row.secretSealed), token: o.code, epoch: epoch(o.now), epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid) return false;
  const step = stepOf(o.now, result);
  const used = await tx
    .update(totpFactors)
    .set({ lastStep: step, lastUsedAt: o.now })
    .where(and(eq(totpFactors.id, row.id), or(isNull(totpFactors.lastStep), lt(totpFactors.lastStep, step))))
    .returning({ id: totpFactors.id });
  return used.length === 1;
}

/** Removes the user's app (confirmed or not); false when there was none. */
export async function removeTotp(tx: Executor, user: User): Promise<boolean> {
  const gone = await tx.delete(totpFactors).where(eq(totpFactors.userId, user.id)).returning({ id: totpFactors.id });
  return gone.length > 0;
}
