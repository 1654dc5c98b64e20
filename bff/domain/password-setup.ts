import { and, eq, or, sql } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { PasswordSetupStep, SetupFactor, TotpEnrolment, WebauthnCeremony } from '../../contract/factors.js';
import type { PinChallenge } from '../../contract/portal.js';
import { burnChallenge, type PasskeyContext, passkeyRegistrationOptions, verifyPasskeyRegistration } from './passkeys.js';
import { factorChanged, factorsOf, recoveryCodesIfFirst, smsSignsIn, tellRecoveryCodeUsed } from './factors.js';
import { confirmTotpEnrolment, startTotpEnrolment } from './totp.js';
import type { Db, Executor } from '../db/client.js';
import { accounts, emailLinks, pinChallenges, signups, type Tenant, tenants, type User, users, webauthnChallenges } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { enqueue } from '../messaging/outbox.js';
import { brandOf } from '../messaging/templates/layout.js';
import { passwordChangedEmail, passwordResetEmail } from '../messaging/templates/portal.js';
import { audit, userActor } from './audit.js';
import { emitEvent } from './webhooks.js';
import { assertRedeemable, issueLink, linkState, linkUrl, lockLink, RESET_LINK_HOURS, useLink } from './links.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { tellPreviousEmailOfReset } from './profile.js';
import { type Challenge, countWrong, lockChallenge, openStep, openStepProblem, type PinContext, sendPin } from './pins.js';
import { revokeSessions } from './sessions.js';

/**
 * Step 1 of setting a password (activation or reset): checks the link and the password, then sends a
 * PIN to the account's mobile, or without one opens a step to add a passkey or an authenticator app.
 * Nothing changes until the PIN or the new factor is confirmed.
 */
export async function startPasswordSetup(tx: Executor, o: PinContext & { token: string; password: string; tenantId?: string }): Promise<PasswordSetupStep> {
  const link = await lockLink(tx, o.token, { tenantId: o.tenantId, purposes: ['set_password'] });
  if (!link) throw new ApiError(404, 'link_invalid');
  assertRedeemable(link, o.now);
  const [user] = await tx.select().from(users).where(and(eq(users.id, link.subjectId), eq(users.tenantId, link.tenantId)));
  if (!user) throw new ApiError(404, 'link_invalid');
  const problem = passwordProblem(o.password, user);
  if (problem) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'password', code: problem, message: '' }] });
  const passwordHash = await hashPassword(o.password);
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user.tenantId));
  const payload = { purpose: 'password_setup' as const, passwordHash, linkId: link.id };
  const own = (await factorsOf(tx, user)).filter((f) => f !== 'sms');
  // The first password of someone who chose a passkey or an app at signup (and gave a number all the same).
  const chosen = !user.passwordHash && own.length === 0 && (await chosenAtSignup(tx, user)) !== 'sms';
  if (!smsSignsIn(user) || chosen) {
    // No SMS (no number, or SMS sign-in turned off). Whoever holds the e-mail link must not add a factor of their own to an account that has one:
    // a reset asks the app's code (or a recovery code) then, or a recovery code; only an account without any
    // such factor yet (the first password) adds a passkey or an app here (`enrol`).
    const factor = own.includes('totp') ? 'totp' : own.length > 0 ? 'recovery' : 'enrol';
    return { ...(await openStep(tx, { ...o, tenant: tenant!, user, payload, factor })), factor };
  }
  const challenge: PinChallenge = await sendPin(tx, { ...o, tenant: tenant!, user, payload });
  return { ...challenge, factor: 'sms' };
}

/**
 * Step 2, after the right PIN: sets the password, uses up the link, ends every session of the user and
 * tells them by e-mail.
 */
export async function completePasswordSetup(tx: Executor, challenge: Challenge<'password_setup'>, o: PinContext & { ip?: string }) {
  const [link] = await tx.select().from(emailLinks).where(eq(emailLinks.id, challenge.payload.linkId)).for('update');
  // The link may pass its expiry during the PIN step; used or replaced meanwhile, it no longer counts.
  if (!link || ['used', 'superseded'].includes(linkState(link, o.now))) throw new ApiError(410, 'link_invalid');
  await useLink(tx, link, o.now);
  const [user] = await tx
    .update(users)
    .set({ passwordHash: challenge.payload.passwordHash, passwordChangedAt: o.now })
    .where(eq(users.id, challenge.userId))
    .returning();
  const revoked = await revokeSessions(tx, user!.id, o.now);
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  const mail = passwordChangedEmail(brandOf(tenant!), o.locale, { name: user!.displayName, username: user!.username, at: o.now });
  const common = { tenantId: user!.tenantId, actor: userActor(user!), account: user!.accountId, target: { type: 'user', id: user!.id }, ip: o.ip };
  await Promise.all([
    enqueue(tx, { tenantId: tenant!.id, channel: 'email', payload: { to: user!.email, ...mail }, budget: { kind: 'notice', now: o.now } }),
    audit(tx, { ...common, action: 'password.changed' }),
    emitEvent(tx, { tenantId: user!.tenantId, type: 'password.changed', data: { userId: user!.id, username: user!.username, accountId: user!.accountId } }),
    revoked > 0 && audit(tx, { ...common, action: 'sessions.revoked', data: { count: revoked, reason: 'password_changed' } }),
  ]);
  if (challenge.factor === 'recovery') await tellRecoveryCodeUsed(tx, { ...o, tenant: tenant!, user: user! });
  return { status: 'password_set' as const, username: user!.username };
}

/**
 * "Forgot password": a set-password link to every user the username or e-mail address names. The
 * caller answers the same whether or not there was one.
 */
export async function requestPasswordReset(tx: Executor, o: { tenant: Tenant; login: string; now: Date; publicUrl: string; locale: Locale }) {
  const login = o.login.toLowerCase();
  const found = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, o.tenant.id), or(eq(users.username, login), eq(sql`lower(${users.email})`, login))));
  for (const user of found) {
    const token = await issueLink(tx, { tenantId: o.tenant.id, subjectId: user.id, payload: { purpose: 'set_password' }, now: o.now, hours: RESET_LINK_HOURS });
    const mail = passwordResetEmail(brandOf(o.tenant), o.locale, {
      name: user.displayName,
      username: user.username,
      link: linkUrl(o.publicUrl, 'set_password', token, o.locale),
      minutes: RESET_LINK_HOURS * 60,
    });
    // Over budget, dropped: the answer must not tell whether the account exists. Not on the account's
    // budget: anyone may ask for a reset, and that must not use up the owner's login PINs.
    await enqueue(tx, { tenantId: o.tenant.id, channel: 'email', payload: { to: user.email, ...mail }, budget: { kind: 'link', now: o.now, exhausted: 'drop' } });
    await tellPreviousEmailOfReset(tx, { ...o, user });
  }
}

// Password setup without SMS (no mobile number): a passkey or an authenticator app instead, on the
// step's challenge (factor `enrol`), with the PIN's rules: unused, the newest, not locked, not expired;
// wrong app codes count on the step like wrong PINs (5 lock it).

type SetupContext = PinContext & { tenantId?: string; ip?: string };
/**
 * Where a passkey is created, without the tenant: the BFF's own page calls without a key, so the tenant
 * is the step's (its user's).
 */
type SetupPasskeyContext = Omit<PasskeyContext, 'tenant'>;
type SetWithFactor = { status: 'password_set'; username: string; recoveryCodes: string[] | null };

/** The enrolment step `challengeId`, locked, with its user and tenant; anything else as for a PIN. */
async function lockEnrolStep(tx: Executor, o: SetupContext & { challengeId: string }) {
  const challenge = await lockChallenge(tx, o.challengeId, { purposes: ['password_setup'], tenantId: o.tenantId });
  if (challenge.factor !== 'enrol') throw new ApiError(409, 'step_factor_mismatch');
  const problem = openStepProblem(challenge, o.now);
  if (problem) throw problem;
  const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId));
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, user!.tenantId));
  return { challenge, user: user!, tenant: tenant! };
}

/** The password holds (as after the SMS PIN), the step is used, and the new factor is recorded: recovery codes when it is the first. */
async function finishSetup(tx: Executor, challenge: Challenge<'password_setup'>, o: SetupContext & { tenant: Tenant; change: 'passkey_added' | 'totp_added' }): Promise<SetWithFactor> {
  await tx.update(pinChallenges).set({ usedAt: o.now }).where(eq(pinChallenges.id, challenge.id));
  const done = await completePasswordSetup(tx, challenge, o);
  // A passkey or an app chosen instead of SMS: the choice holds, SMS does not sign in — with a number given
  // at signup (it stays for notices) or one added later; the profile turns SMS sign-in on.
  const [user] = await tx.update(users).set({ smsLogin: false }).where(eq(users.id, challenge.userId)).returning();
  const recoveryCodes = await recoveryCodesIfFirst(tx, { user: user!, secret: o.secret, now: o.now });
  await factorChanged(tx, { ...o, user: user!, change: o.change });
  return { ...done, recoveryCodes };
}

/** With a passkey, step 2: the options to create it, tied to this step. */
export async function setupPasskeyOptions(tx: Executor, o: SetupContext & SetupPasskeyContext & { challengeId: string }): Promise<WebauthnCeremony> {
  const { challenge, user, tenant } = await lockEnrolStep(tx, o);
  return passkeyRegistrationOptions(tx, { ...o, tenant, user, purpose: 'password_setup', pinChallengeId: challenge.id });
}

/**
 * With a passkey, step 3: the browser's answer to the ceremony `challengeId` (the WebAuthn challenge's
 * id, which names the step it was made for); the passkey is stored and the password holds.
 */
export async function completeSetupWithPasskey(db: Db, o: SetupContext & SetupPasskeyContext & { challengeId: string; credential: Record<string, unknown> }): Promise<SetWithFactor> {
  let stepTenant: Tenant | undefined;
  try {
    return await db.transaction(async (tx) => {
      const [ceremony] = await tx
        .select({ pinChallengeId: webauthnChallenges.pinChallengeId })
        .from(webauthnChallenges)
        .where(and(eq(webauthnChallenges.id, o.challengeId), o.tenantId ? eq(webauthnChallenges.tenantId, o.tenantId) : undefined, eq(webauthnChallenges.purpose, 'password_setup')));
      if (!ceremony?.pinChallengeId) throw new ApiError(404, 'challenge_invalid');
      const { challenge, user, tenant } = await lockEnrolStep(tx, { ...o, challengeId: ceremony.pinChallengeId });
      stepTenant = tenant;
      await verifyPasskeyRegistration(tx, { ...o, tenant, user, purpose: 'password_setup', pinChallengeId: challenge.id });
      return finishSetup(tx, challenge, { ...o, tenant, change: 'passkey_added' });
    });
  } catch (error) {
    // A refused answer spends its challenge (the rollback undid that): the next try needs new options.
    if (stepTenant && error instanceof ApiError && error.code === 'validation_failed') await burnChallenge(db, { tenant: stepTenant, now: o.now, challengeId: o.challengeId });
    throw error;
  }
}

/** With an authenticator app, step 2: a new secret as QR code and text (again on each call, until confirmed). */
export async function setupTotpStart(tx: Executor, o: SetupContext & { challengeId: string }): Promise<TotpEnrolment> {
  const { user, tenant } = await lockEnrolStep(tx, o);
  return startTotpEnrolment(tx, { tenant, user, secret: o.secret, now: o.now });
}

/**
 * With an authenticator app, step 3: its first code confirms it and the password holds. A wrong code
 * counts on the step (committed, then reported: field `code` `totp_wrong` with the attempts left; the
 * fifth locks the step, 410 `pin_locked`).
 */
export async function completeSetupWithTotp(db: Db, o: SetupContext & { challengeId: string; code: string }): Promise<SetWithFactor> {
  const result = await db.transaction(async (tx): Promise<{ ok: true; value: SetWithFactor } | { ok: false; error: ApiError }> => {
    const { challenge, user, tenant } = await lockEnrolStep(tx, o);
    if (!(await confirmTotpEnrolment(tx, { user, code: o.code, secret: o.secret, now: o.now }))) {
      return { ok: false, error: await countWrong(tx, challenge, { ip: o.ip, code: 'totp_wrong', path: 'code' }) };
    }
    return { ok: true, value: await finishSetup(tx, challenge, { ...o, tenant, change: 'totp_added' }) };
  });
  if (!result.ok) throw result.error;
  return result.value;
}

/** How the account's signup chose to confirm logins (`secondFactor`); SMS when it said nothing or there was none. */
async function chosenAtSignup(tx: Executor, user: User): Promise<SetupFactor> {
  if (!user.accountId) return 'sms';
  const [row] = await tx
    .select({ data: signups.data })
    .from(accounts)
    .innerJoin(signups, eq(signups.id, accounts.signupId))
    .where(eq(accounts.id, user.accountId));
  return row?.data.secondFactor ?? 'sms';
}
