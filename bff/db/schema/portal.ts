import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { at, id } from '../columns.js';
import { accounts } from './signup.js';
import { apiKeys, tenants } from './tenancy.js';

export const userRole = pgEnum('user_role', ['account_admin', 'partner_agent']);
export const pinPurpose = pgEnum('pin_purpose', ['login', 'password_setup', 'mobile_change']);
export const sessionSource = pgEnum('session_source', ['login', 'embed']);

/**
 * Who logs in to the portal: the admin of a customer account ("Administrator Kundenportal") or a
 * reseller's partner agent. The password is an Argon2id hash; there is none until the user sets one.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    role: userRole('role').notNull(),
    /** The account an `account_admin` manages; none for a partner agent. */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    /** E.164; the SMS PINs go here. */
    mobile: text('mobile').notNull(),
    passwordHash: text('password_hash'),
    passwordChangedAt: at('password_changed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('users_username_uq').on(t.tenantId, t.username), index('users_email_idx').on(t.tenantId, sql`lower(${t.email})`)],
);

/**
 * One SMS PIN: six digits, kept as an HMAC with the server secret, valid 10 minutes, single use, at most
 * five wrong entries. A resend is a new row that supersedes the old one; rows per user in the last 10
 * minutes are the sends counted against the limit.
 */
export const pinChallenges = pgTable(
  'pin_challenges',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: pinPurpose('purpose').notNull(),
    pinHash: text('pin_hash').notNull(),
    /** The number the PIN went to (the new one for a mobile change). */
    mobile: text('mobile').notNull(),
    /** What a correct PIN completes: the new password's hash and its link, or the new mobile number. */
    payload: jsonb('payload').$type<{ passwordHash?: string; linkId?: string; mobile?: string }>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    supersededAt: at('superseded_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('pin_challenges_user_idx').on(t.userId, t.createdAt)],
);

/** Browser sessions (`tk_ses_…`), stored as SHA-256; one hour sliding, revocable. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    source: sessionSource('source').notNull(),
    /** For a session from an embed session: the only components whose routes it may call. */
    components: text('components').array(),
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    revokedAt: at('revoked_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use client secrets (`tk_ess_…`) minted by a partner backend, valid five minutes. */
export const embedSecrets = pgTable('embed_secrets', {
  id: id(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretHash: text('secret_hash').notNull().unique(),
  components: text('components').array().notNull(),
  /** The secret key that minted it. */
  keyId: uuid('key_id').references(() => apiKeys.id),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type PinChallenge = typeof pinChallenges.$inferSelect;
