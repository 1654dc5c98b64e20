import { bigint, boolean, index, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { webauthnPurposes } from '../../../contract/factors.js';
import { at, id, tenantId } from '../columns.js';
import { users } from './users.js';

export const webauthnPurpose = pgEnum('webauthn_purpose', webauthnPurposes);

/**
 * A user's passkeys (WebAuthn credentials, `domain/passkeys.ts`): the public key and what the
 * authenticator said at registration, bound to the relying party (RP ID) it was made for. Looked up by
 * credential id only within the tenant.
 */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** base64url, as the browser reports it. */
    credentialId: text('credential_id').notNull(),
    /** The COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    /** `singleDevice` or `multiDevice` (synced passkey). */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    /** The RP ID it was registered for: a passkey works only there. */
    rpId: text('rp_id').notNull(),
    /** The user's name for it ("iPad", "Laptop"); defaults to the date it was added. */
    label: text('label').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [unique('webauthn_credentials_uq').on(t.tenantId, t.credentialId), index('webauthn_credentials_user_idx').on(t.userId)],
);

/**
 * An authenticator app (TOTP, RFC 6238): the secret sealed with the server secret (`lib/crypto.ts`
 * `seal`), unconfirmed until the first right code. `lastStep` is the time step of the last accepted
 * code: a code is accepted only for a later step, atomically, so none works twice.
 */
export const totpFactors = pgTable(
  'totp_factors',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretSealed: text('secret_sealed').notNull(),
    confirmedAt: at('confirmed_at'),
    lastStep: bigint('last_step', { mode: 'number' }),
    /** Wrong first codes during enrolment (at most 5, then the enrolment starts again). */
    attempts: integer('attempts').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [unique('totp_factors_user_uq').on(t.userId)],
);

/** Single-use recovery codes: an HMAC with the server secret bound to the user, never the code. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    usedAt: at('used_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * A WebAuthn challenge: single use, five minutes, consumed atomically (`used_at`), which is the replay
 * protection (synced passkeys report counter 0). `userId` is empty for a login that does not yet know
 * who (passkey autofill); `pinChallengeId` ties a password setup's passkey to its step.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    purpose: webauthnPurpose('purpose').notNull(),
    challenge: text('challenge').notNull(),
    /** The RP ID and origins the options were made for. */
    rpId: text('rp_id').notNull(),
    pinChallengeId: uuid('pin_challenge_id'),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);

export type WebauthnCredential = typeof webauthnCredentials.$inferSelect;
export type TotpFactor = typeof totpFactors.$inferSelect;
