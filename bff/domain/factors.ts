import { and, count, eq, isNotNull, isNull, min } from 'drizzle-orm';
import { type FactorKind, formatRecoveryCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT } from '../../contract/factors.js';
import type { Executor } from '../db/client.js';
import type { Locale } from '../../contract/enums.js';
import { recoveryCodes, type Tenant, totpFactors, type User, webauthnCredentials } from '../db/schema/index.js';
import { audit, userActor } from './audit.js';
import type { BudgetSettings } from './budget.js';
import { hmacSha256 } from '../lib/crypto.js';
import { randomInt } from 'node:crypto';
import { enqueue } from '../messaging/outbox.js';
import { factorChangedEmail, factorChangedSms } from '../messaging/templates/factors.js';
import { brandOf } from '../messaging/templates/layout.js';

// The second factors of a user, together: which they have (strongest first), the rule that the last one
// stays, and the recovery codes. Passkeys: `passkeys.ts`; authenticator apps: `totp.ts`; SMS: `pins.ts`.

/** Whether SMS PINs sign the user in: a mobile number, and SMS sign-in not turned off. */
export const smsSignsIn = (user: User) => Boolean(user.mobile) && user.smsLogin;

/** The user's factors, strongest first: passkey, app, SMS (`smsSignsIn`), recovery codes while unused ones remain. */
export async function factorsOf(tx: Executor, user: User): Promise<FactorKind[]> {
  const [[passkeys], [totp], [codes]] = await Promise.all([
    tx.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id)),
    tx.select({ n: count() }).from(totpFactors).where(and(eq(totpFactors.userId, user.id), isNotNull(totpFactors.confirmedAt))),
    tx.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt))),
  ]);
  const kinds: FactorKind[] = [];
  if (passkeys!.n > 0) kinds.push('passkey');
  if (totp!.n > 0) kinds.push('totp');
  if (smsSignsIn(user)) kinds.push('sms');
  if (codes!.n > 0) kinds.push('recovery');
  return kinds;
}

/**
 * Whether removing one passkey, the app or SMS would leave the user without a factor besides the password.
 * Recovery codes do not count: they are the way back in, not a way to sign in every day.
 */
export async function isLastFactor(tx: Executor, user: User): Promise<boolean> {
  const [[passkeys], [totp]] = await Promise.all([
    tx.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id)),
    tx.select({ n: count() }).from(totpFactors).where(and(eq(totpFactors.userId, user.id), isNotNull(totpFactors.confirmedAt))),
  ]);
  return passkeys!.n + totp!.n + (smsSignsIn(user) ? 1 : 0) <= 1;
}

/** A change to a user's factors: audited, and the user told by e-mail (and SMS where a number exists). */
export type FactorChange = 'passkey_added' | 'passkey_removed' | 'totp_added' | 'totp_removed' | 'sms_off' | 'sms_on' | 'recovery_codes_issued' | 'recovery_code_used' | 'codes_blocked';

/**
 * Records a factor change: the audit entry `factor.<change>` (with `data`, never a secret), an e-mail
 * to the user and, where the user has a mobile number, an SMS — so that someone who took over a session
 * cannot quietly add their own factor. `data.label` (a passkey's name) goes into the notice; for
 * `recovery_code_used` the notice and the entry say how many codes are left.
 */
export async function factorChanged(
  tx: Executor,
  o: { tenant: Tenant; user: User; change: FactorChange; now: Date; locale: Locale; ip?: string; budget?: BudgetSettings; data?: Record<string, unknown> },
): Promise<void> {
  const { user } = o;
  const data = { ...o.data };
  if (o.change === 'recovery_code_used') data.remaining = (await recoveryCodeState(tx, user))?.remaining ?? 0;
  await audit(tx, { tenantId: user.tenantId, actor: userActor(user), account: user.accountId, action: `factor.${o.change}`, target: { type: 'user', id: user.id }, ip: o.ip, data });
  const brand = brandOf(o.tenant);
  const notice = { name: user.displayName, username: user.username, at: o.now, label: typeof data.label === 'string' ? data.label : undefined, remaining: data.remaining as number | undefined };
  const mail = factorChangedEmail(brand, o.locale, o.change, notice);
  // The e-mail before the SMS, in every flow: budget counters are always locked in one order.
  await enqueue(tx, { tenantId: user.tenantId, channel: 'email', payload: { to: user.email, ...mail }, budget: { kind: 'notice', now: o.now, userId: user.id } });
  if (user.mobile) {
    await enqueue(tx, { tenantId: user.tenantId, channel: 'sms', payload: { to: user.mobile, text: factorChangedSms(brand, o.locale, o.change, notice) }, budget: { ...o.budget, kind: 'notice', now: o.now, userId: user.id } });
  }
}

/** Keyed with the server secret and bound to the user: a copy of the table reveals no code and matches no other user. */
export const recoveryCodeHash = (secret: string, userId: string, code: string) => hmacSha256(secret, `recovery:${userId}:${code}`);

/**
 * Ten new recovery codes for the user; every earlier one stops working. Returns them formatted
 * (`XXXX-XXXX-XXXX`): the only time anyone sees them.
 */
export async function issueRecoveryCodes(tx: Executor, o: { user: User; secret: string; now: Date }): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, o.user.id));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ tenantId: o.user.tenantId, userId: o.user.id, codeHash: recoveryCodeHash(o.secret, o.user.id, code), createdAt: o.now })));
  return codes.map(formatRecoveryCode);
}

/** Recovery codes at the first factor besides SMS: when the user has none yet, ten (shown once); otherwise null. */
export async function recoveryCodesIfFirst(tx: Executor, o: { user: User; secret: string; now: Date }): Promise<string[] | null> {
  const [existing] = await tx.select({ n: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, o.user.id));
  return existing!.n > 0 ? null : issueRecoveryCodes(tx, o);
}

/** Uses up one recovery code (normalised, see `normalizeRecoveryCode`), atomically: true when it was the user's and unused. */
export async function consumeRecoveryCode(tx: Executor, o: { user: User; secret: string; now: Date; code: string }): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: o.now })
    .where(and(eq(recoveryCodes.userId, o.user.id), eq(recoveryCodes.codeHash, recoveryCodeHash(o.secret, o.user.id, o.code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

/** How many unused codes are left, and since when the set exists (null: none issued). */
export async function recoveryCodeState(tx: Executor, user: User): Promise<{ remaining: number; createdAt: Date } | null> {
  const [row] = await tx
    .select({ total: count(), used: count(recoveryCodes.usedAt), createdAt: min(recoveryCodes.createdAt) })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, user.id));
  if (!row || row.total === 0) return null;
  return { remaining: row.total - row.used, createdAt: row.createdAt! };
}

/** A recovery code was used up (login or password reset): the user is told (someone else may have it), with how many are left. */
export async function tellRecoveryCodeUsed(tx: Executor, o: { tenant: Tenant; user: User; now: Date; locale: Locale; ip?: string; budget?: BudgetSettings }): Promise<void> {
  const left = await recoveryCodeState(tx, o.user);
  await factorChanged(tx, { ...o, change: 'recovery_code_used', data: { remaining: left?.remaining ?? 0 } });
}
