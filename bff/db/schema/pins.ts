import { index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { PinPayload } from '../../../contract/links.js';
import { at, id, tenantId } from '../columns.js';
import { users } from './users.js';

export const pinPurpose = pgEnum('pin_purpose', ['login', 'password_setup', 'mobile_change', 'location_link']);
/**
 * What answers a challenge: an SMS PIN (`pin_hash` set), an authenticator app's code, a recovery code, a
 * passkey (the login's step when the passkey is asked for), or a factor enrolled during password setup.
 * Every kind counts wrong answers and sends alike (5 each), so no factor guesses more than the PIN.
 */
export const pinFactor = pgEnum('pin_factor', ['sms', 'totp', 'recovery', 'passkey', 'enrol']);

/**
 * One SMS PIN (see `domain/pins.ts`): six digits, kept as an HMAC with the server secret, valid 10
 * minutes, single use, at most five wrong entries. A resend is a new row that supersedes the old one;
 * rows per user in the last 10 minutes are the sends counted against the limit.
 */
export const pinChallenges = pgTable(
  'pin_challenges',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: pinPurpose('purpose').notNull(),
    factor: pinFactor('factor').notNull().default('sms'),
    /** The SMS PIN's HMAC; none for the other factors. */
    pinHash: text('pin_hash'),
    /** The number the PIN went to (the new one for a mobile change); none for the other factors. */
    mobile: text('mobile'),
    /** What a correct PIN completes, typed by purpose. */
    payload: jsonb('payload').$type<PinPayload>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    supersededAt: at('superseded_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('pin_challenges_user_idx').on(t.userId, t.createdAt), index('pin_challenges_expires_idx').on(t.expiresAt)],
);
