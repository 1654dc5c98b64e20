import { index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { PinPayload } from '../../../contract/links.js';
import { at, id, tenantId } from '../columns.js';
import { users } from './users.js';

export const pinPurpose = pgEnum('pin_purpose', ['login', 'password_setup', 'mobile_change', 'location_link']);

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
    pinHash: text('pin_hash').notNull(),
    /** The number the PIN went to (the new one for a mobile change). */
    mobile: text('mobile').notNull(),
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
