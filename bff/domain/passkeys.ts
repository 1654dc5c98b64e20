import type { AuthenticatorTransport } from '@simplewebauthn/server';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { WebauthnCeremony } from '../../contract/factors.js';
import { localeTag } from '../../contract/i18n.js';
import type { Locale } from '../../contract/enums.js';
import type { Executor } from '../db/client.js';
import { type Tenant, type User, users, webauthnChallenges, type WebauthnCredential, webauthnCredentials } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';

// Passkeys (WebAuthn) with `@simplewebauthn/server`, imported lazily (it takes ~300 ms to load).
// The replay protection is the challenge: stored, five minutes, used once (synced passkeys always
// report counter 0, so the counter alone cannot tell a replay).

/** Where a passkey ceremony runs: the tenant's relying party and the page's origin. */
export interface PasskeyContext {
  tenant: Tenant;
  now: Date;
  /** The BFF's `PUBLIC_URL` (its host is the RP ID when the tenant names none). */
  publicUrl: string;
  /** The calling page's origin (`Origin`, already checked against the tenant's allowed origins), or the BFF's own. */
  origin: string;
}

/** How long a ceremony's challenge holds. */
export const PASSKEY_CHALLENGE_MINUTES = 5;

const webauthn = () => import('@simplewebauthn/server');

/** The tenant's relying party: RP ID, name, and whether passkeys work on `origin` (https or localhost, host = RP ID or under it). */
export function relyingParty(o: PasskeyContext): { rpID: string; rpName: string; origin: string; available: boolean } {
  const rpID = o.tenant.webauthnRpId ?? new URL(o.publicUrl).hostname;
  let available = false;
  try {
    const url = new URL(o.origin);
    // Browsers allow WebAuthn only in a secure context: https, or http on localhost (development).
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
    available = secure && (url.hostname === rpID || url.hostname.endsWith(`.${rpID}`));
  } catch {
    available = false;
  }
  return { rpID, rpName: o.tenant.name, origin: o.origin, available };
}

function availableParty(o: PasskeyContext) {
  const rp = relyingParty(o);
  if (!rp.available) throw new ApiError(422, 'passkeys_unavailable');
  return rp;
}

/** The WebAuthn user handle: the user id's 16 bytes, the same for every passkey of the user. */
const userHandle = (user: User) => Buffer.from(user.id.replaceAll('-', ''), 'hex');

type Purpose = (typeof webauthnChallenges.$inferInsert)['purpose'];

async function storeChallenge(
  tx: Executor,
  o: PasskeyContext & { rpID: string; challenge: string; purpose: Purpose; userId?: string; pinChallengeId?: string },
): Promise<string> {
  const [row] = await tx
    .insert(webauthnChallenges)
    .values({
      tenantId: o.tenant.id,
      userId: o.userId ?? null,
      purpose: o.purpose,
      challenge: o.challenge,
      rpId: o.rpID,
      pinChallengeId: o.pinChallengeId ?? null,
      expiresAt: new Date(o.now.getTime() + PASSKEY_CHALLENGE_MINUTES * 60_000),
      createdAt: o.now,
    })
    .returning({ id: webauthnChallenges.id });
  return row!.id;
}

/** Uses up a ceremony's challenge, atomically: the row when it was this tenant's, for `purpose` (and `userId`, `pinChallengeId` when given), unused and not expired. */
export async function consumeChallenge(tx: Executor, o: { tenant: Tenant; now: Date; challengeId: string; purpose: Purpose; userId?: string; pinChallengeId?: string }) {
  const [row] = await tx
    .update(webauthnChallenges)
    .set({ usedAt: o.now })
    .where(
      and(
        eq(webauthnChallenges.id, o.challengeId),
        eq(webauthnChallenges.tenantId, o.tenant.id),
        eq(webauthnChallenges.purpose, o.purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, o.now),
        o.userId === undefined ? undefined : eq(webauthnChallenges.userId, o.userId),
        o.pinChallengeId === undefined ? undefined : eq(webauthnChallenges.pinChallengeId, o.pinChallengeId),
      ),
    )
    .returning();
  return row;
}

/** Options to create a passkey for `user` (`register` from the profile, `password_setup` tied to that step's challenge). */
export async function passkeyRegistrationOptions(
  tx: Executor,
  o: PasskeyContext & { user: User; purpose: 'register' | 'password_setup'; pinChallengeId?: string },
): Promise<WebauthnCeremony> {
  const rp = availableParty(o);
  const { generateRegistrationOptions } = await webauthn();
  const existing = await tx.select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, o.user.id));
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userID: userHandle(o.user),
    userName: o.user.username,
    userDisplayName: o.user.displayName,
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
    attestationType: 'none',
    // A passkey (a discoverable credential) with user verification: it is both factors, no PIN after it.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransport[] })),
  });
  const challengeId = await storeChallenge(tx, { ...o, rpID: rp.rpID, challenge: options.challenge, purpose: o.purpose, userId: o.user.id, pinChallengeId: o.pinChallengeId });
  return { challengeId, options: options as unknown as WebauthnCeremony['options'] };
}

const credentialError = () =>
  new ApiError(422, 'validation_failed', { errors: [{ path: 'credential', code: 'passkey_invalid', message: '' }] });

/** A passkey's name when the user gives none: "Passkey vom 22.11.2026". */
export function defaultPasskeyLabel(locale: Locale, at: Date): string {
  const date = new Intl.DateTimeFormat(localeTag(locale), { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(at);
  return locale === 'de' ? `Passkey vom ${date}` : `Passkey of ${date}`;
}

/**
 * Checks the browser's answer to registration options (challenge consumed once, RP ID, origin, user
 * verification) and stores the passkey. Refused: 422 `validation_failed` at `credential`.
 */
export async function verifyPasskeyRegistration(
  tx: Executor,
  o: PasskeyContext & { user: User; challengeId: string; credential: Record<string, unknown>; label?: string; locale?: Locale; purpose: 'register' | 'password_setup'; pinChallengeId?: string },
): Promise<WebauthnCredential> {
  const rp = availableParty(o);
  const challenge = await consumeChallenge(tx, { tenant: o.tenant, now: o.now, challengeId: o.challengeId, purpose: o.purpose, userId: o.user.id, pinChallengeId: o.pinChallengeId });
  if (!challenge) {
    // This user's, but used or too old: start again. Anyone else's (or none): unknown here.
    const [known] = await tx
      .select({ id: webauthnChallenges.id })
      .from(webauthnChallenges)
      .where(and(eq(webauthnChallenges.id, o.challengeId), eq(webauthnChallenges.tenantId, o.tenant.id), eq(webauthnChallenges.purpose, o.purpose), eq(webauthnChallenges.userId, o.user.id)));
    throw known ? new ApiError(410, 'challenge_expired') : new ApiError(404, 'challenge_invalid');
  }
  const { verifyRegistrationResponse } = await webauthn();
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: o.credential as never,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: challenge.rpId,
      requireUserVerification: true,
    });
    info = result.verified ? result.registrationInfo : undefined;
  } catch {
    // The library's text names internals; the person gets a plain message.
    info = undefined;
  }
  if (!info) throw credentialError();
  const stored = await tx
    .insert(webauthnCredentials)
    .values({
      tenantId: o.tenant.id,
      userId: o.user.id,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      rpId: challenge.rpId,
      label: o.label ?? defaultPasskeyLabel(o.locale ?? (o.tenant.defaultLocale as Locale), o.now),
      createdAt: o.now,
    })
    .onConflictDoNothing()
    .returning();
  // The same authenticator registered twice (in this tenant): refused like any bad answer.
  if (stored.length === 0) throw credentialError();
  return stored[0]!;
}

/** Options to sign in: for anyone (passkey autofill, "Mit Passkey anmelden") or, after the password, for `user`'s passkeys. */
export async function passkeyLoginOptions(tx: Executor, o: PasskeyContext & { user?: User }): Promise<WebauthnCeremony> {
  const rp = availableParty(o);
  const { generateAuthenticationOptions } = await webauthn();
  const allow = o.user ? await tx.select().from(webauthnCredentials).where(and(eq(webauthnCredentials.userId, o.user.id), eq(webauthnCredentials.rpId, rp.rpID))) : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
    userVerification: 'required',
    allowCredentials: allow.map((c) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransport[] })),
  });
  const challengeId = await storeChallenge(tx, { ...o, rpID: rp.rpID, challenge: options.challenge, purpose: 'login', userId: o.user?.id });
  return { challengeId, options: options as unknown as WebauthnCeremony['options'] };
}

/** A refused passkey sign-in: 401 `passkey_failed`, with why and whose (for the audit entry, never the library's text). */
export class PasskeyRefused extends ApiError {
  constructor(
    readonly reason: 'challenge' | 'unknown_credential' | 'wrong_user' | 'verification',
    readonly user?: User,
  ) {
    super(401, 'passkey_failed');
  }
}

/**
 * Checks a sign-in answer (challenge consumed once, the credential found within the tenant, RP ID,
 * origin, user verification, signature, counter) and returns whose passkey it was. Refused: 401
 * `passkey_failed` (`PasskeyRefused`; the caller audits it, see `completePasskeyLogin`).
 */
export async function verifyPasskeyLogin(tx: Executor, o: PasskeyContext & { challengeId: string; credential: Record<string, unknown>; ip?: string }): Promise<User> {
  const rp = relyingParty(o);
  if (!rp.available) throw new PasskeyRefused('verification');
  const challenge = await consumeChallenge(tx, { tenant: o.tenant, now: o.now, challengeId: o.challengeId, purpose: 'login' });
  if (!challenge) throw new PasskeyRefused('challenge');
  const credentialId = typeof o.credential.id === 'string' ? o.credential.id : '';
  // Only this tenant's passkeys, made for this relying party: another tenant's credential is nobody's here.
  const [found] = await tx
    .select({ credential: webauthnCredentials, user: users })
    .from(webauthnCredentials)
    .innerJoin(users, eq(users.id, webauthnCredentials.userId))
    .where(and(eq(webauthnCredentials.tenantId, o.tenant.id), eq(webauthnCredentials.credentialId, credentialId), eq(webauthnCredentials.rpId, challenge.rpId)));
  if (!found) throw new PasskeyRefused('unknown_credential');
  const { credential, user } = found;
  // After the password the step asked for this user's passkey; and the authenticator's user handle must be the owner's.
  const handle = (o.credential.response as Record<string, unknown> | undefined)?.userHandle;
  if ((challenge.userId && challenge.userId !== user.id) || (typeof handle === 'string' && handle !== userHandle(user).toString('base64url'))) {
    throw new PasskeyRefused('wrong_user', user);
  }
  const { verifyAuthenticationResponse } = await webauthn();
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: o.credential as never,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: challenge.rpId,
      credential: { id: credential.credentialId, publicKey: Buffer.from(credential.publicKey, 'base64url'), counter: credential.counter, transports: credential.transports as AuthenticatorTransport[] },
      // The library refuses a counter that does not grow when either is above 0 (a cloned authenticator).
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('not verified');
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    throw new PasskeyRefused('verification', user);
  }
  await tx
    .update(webauthnCredentials)
    .set({ counter: newCounter, lastUsedAt: o.now })
    .where(eq(webauthnCredentials.id, credential.id));
  return user;
}

/** Ends a challenge whose answer was refused: a refused answer is not retried with the same challenge. */
export async function burnChallenge(tx: Executor, o: { tenant: Tenant; now: Date; challengeId: string }): Promise<void> {
  await tx
    .update(webauthnChallenges)
    .set({ usedAt: o.now })
    .where(and(eq(webauthnChallenges.id, o.challengeId), eq(webauthnChallenges.tenantId, o.tenant.id), isNull(webauthnChallenges.usedAt)));
}

/** Challenges past their five minutes (`jobs/prune.ts`). */
export async function pruneWebauthnChallenges(tx: Executor, now: Date): Promise<number> {
  const gone = await tx.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)).returning({ id: webauthnChallenges.id });
  return gone.length;
}
