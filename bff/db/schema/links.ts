import { index, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { LinkPayload } from '../../../contract/links.js';
import { at, id, tenantId } from '../columns.js';

export const linkPurpose = pgEnum('link_purpose', ['signup', 'set_password', 'email_change', 'sub_user']);

/**
 * Single-use links sent by e-mail (see `domain/links.ts`): confirm a signup, set a password, confirm a
 * new e-mail address. Only the hash of the token is kept; `payload` is typed by `purpose`.
 */
export const emailLinks = pgTable(
  'email_links',
  {
    id: id(),
    tenantId: tenantId(),
    purpose: linkPurpose('purpose').notNull(),
    /** The signup or user the link acts on. */
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** Set when a newer link for the same subject and purpose was sent. */
    supersededAt: at('superseded_at'),
    /** What the link carries out when redeemed, e.g. the new address of an e-mail change. */
    payload: jsonb('payload').$type<LinkPayload>(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('email_links_subject_idx').on(t.subjectId, t.purpose), index('email_links_expires_idx').on(t.expiresAt)],
);
