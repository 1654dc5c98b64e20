import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { at, id, tenantId } from '../columns.js';
import { userRoles } from '../../../contract/enums.js';
import { factorKinds } from '../../../contract/factors.js';
import { accounts } from './accounts.js';
import { apiKeys } from './tenancy.js';

export const userRole = pgEnum('user_role', userRoles);
export const sessionSource = pgEnum('session_source', ['login', 'embed']);
export const sessionFactor = pgEnum('session_factor', factorKinds);

/**
 * Who logs in to the portal: the admin of a customer account ("Administrator Kundenportal") or a
 * reseller's partner agent. The password is an Argon2id hash; there is none until the user sets one.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: tenantId(),
    role: userRole('role').notNull(),
    /** The account an `account_admin` manages, or a `co_user`'s own account; none for a partner agent. */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    /** E.164; the SMS PINs go here. None when the user signs in with a passkey or an authenticator app only. */
    mobile: text('mobile'),
    /**
     * Whether SMS PINs sign this user in (and reset the password). Off, the number stays for notices and
     * the credentials' code, and only a passkey or the app (or a recovery code) is asked: a SIM swap no
     * longer opens the account. Off only while a passkey or an app exists (the last-factor rule).
     */
    smsLogin: boolean('sms_login').notNull().default(true),
    passwordHash: text('password_hash'),
    passwordChangedAt: at('password_changed_at'),
    /** The address before the last e-mail change, and when it changed: a reset soon after also tells it. */
    previousEmail: text('previous_email'),
    emailChangedAt: at('email_changed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('users_username_uq').on(t.tenantId, t.username), index('users_email_idx').on(t.tenantId, sql`lower(${t.email})`)],
);

/** Browser sessions (`tk_ses_…`), stored as SHA-256; one hour sliding, revocable. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    source: sessionSource('source').notNull(),
    /** The second factor a login session was opened with; none for an embed session. */
    factor: sessionFactor('factor'),
    /** For a session from an embed session: the only components whose routes it may call. */
    components: text('components').array(),
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    revokedAt: at('revoked_at'),
    /** When the user last re-entered the password in this session (step-up before changing a factor). */
    steppedUpAt: at('stepped_up_at'),
    /**
     * A main account's admin acting on one of its sub-accounts ("Zu diesem Standort wechseln"): the
     * sub-account every route of this session works on. The user stays the acting admin (audit: actor).
     */
    actingAccountId: uuid('acting_account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** For an acting session: the main-account session it was switched from (ended at the switch). */
    parentSessionId: uuid('parent_session_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_acting_idx').on(t.actingAccountId).where(sql`${t.actingAccountId} is not null`)],
);

/** Single-use client secrets (`tk_ess_…`) minted by a partner backend, valid five minutes. */
export const embedSecrets = pgTable('embed_secrets', {
  id: id(),
  tenantId: tenantId(),
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
