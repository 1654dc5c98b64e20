import { and, eq, isNull } from 'drizzle-orm';
import type { Locale } from '../../contract/enums.js';
import type { LinkPayload, LinkPurpose } from '../../contract/links.js';
import { SUB_USER_LINK_DAYS } from '../../contract/sub-users.js';
import type { Executor } from '../db/client.js';
import { emailLinks } from '../db/schema/index.js';
import { randomToken, sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';

/**
 * The one-time link service: every e-mail link is issued, built into a URL, looked up and checked here.
 * A new purpose is one entry in `LINKS` (and its payload in `contract/links.ts`).
 */
export const LINKS = {
  /** Double opt-in of a signup. */
  signup: { hours: 24, page: '/confirm' },
  /** Activation (after confirmation) and reset; a reset link lives an hour (`RESET_LINK_HOURS`). */
  set_password: { hours: 48, page: '/set-password' },
  /** A new e-mail address, confirmed from its own inbox. */
  email_change: { hours: 24, page: '/confirm' },
  /** Double opt-in of a co-user: 7 days, the co-user does not expect the e-mail. */
  sub_user: { hours: SUB_USER_LINK_DAYS * 24, page: '/confirm' },
} as const satisfies Record<LinkPurpose, { hours: number; page: string }>;

export const RESET_LINK_HOURS = 1;

/** A link row with its payload typed by purpose. */
export type Link<P extends LinkPurpose = LinkPurpose> = Omit<typeof emailLinks.$inferSelect, 'purpose' | 'payload'> & {
  purpose: P;
  payload: Extract<LinkPayload, { purpose: P }>;
};

export type LinkState = 'usable' | 'used' | 'superseded' | 'expired';

/** The one check of a link's state: used, superseded, expired (at its expiry instant), or usable. */
export function linkState(link: Pick<Link, 'usedAt' | 'supersededAt' | 'expiresAt'>, now: Date): LinkState {
  if (link.usedAt) return 'used';
  if (link.supersededAt) return 'superseded';
  if (link.expiresAt <= now) return 'expired';
  return 'usable';
}

export const redeemable = (link: Pick<Link, 'usedAt' | 'supersededAt' | 'expiresAt'>, now: Date) => linkState(link, now) === 'usable';

/** Throws the problem a link that cannot be redeemed gives: 410 with `link_invalid`, `link_superseded` or `link_expired`. */
export function assertRedeemable(link: Pick<Link, 'usedAt' | 'supersededAt' | 'expiresAt'>, now: Date): void {
  const state = linkState(link, now);
  if (state === 'used') throw new ApiError(410, 'link_invalid');
  if (state === 'superseded') throw new ApiError(410, 'link_superseded');
  if (state === 'expired') throw new ApiError(410, 'link_expired');
}

/** Where a link leads: the BFF's page for its purpose, with the e-mail's language. */
export function linkUrl(publicUrl: string, purpose: LinkPurpose, token: string, locale: Locale): string {
  return `${publicUrl}${LINKS[purpose].page}?token=${token}&lang=${locale}`;
}

/**
 * A new link's token and row, not yet stored: for a subject that cannot have older links (a new
 * signup), so the insert can go out together with the subject's own.
 */
export function newLink(o: { tenantId: string; subjectId: string; payload: LinkPayload; now: Date; hours?: number }) {
  const token = randomToken('', 32);
  const hours = o.hours ?? LINKS[o.payload.purpose].hours;
  const values = {
    tenantId: o.tenantId,
    purpose: o.payload.purpose,
    subjectId: o.subjectId,
    tokenHash: sha256(token),
    expiresAt: new Date(o.now.getTime() + hours * 3_600_000),
    payload: o.payload,
    createdAt: o.now,
  };
  return { token, values };
}

/**
 * Issues a link: every older unused link of the subject for the same purpose stops working. Returns the
 * token for the e-mail; only its hash is stored.
 */
export async function issueLink(tx: Executor, o: Parameters<typeof newLink>[0]): Promise<string> {
  const { token, values } = newLink(o);
  await tx
    .update(emailLinks)
    .set({ supersededAt: o.now })
    .where(and(eq(emailLinks.subjectId, o.subjectId), eq(emailLinks.purpose, values.purpose), isNull(emailLinks.usedAt), isNull(emailLinks.supersededAt)));
  await tx.insert(emailLinks).values(values);
  return token;
}

/**
 * The link a token stands for, locked for this transaction: within the tenant and of one of `purposes`
 * when given (a token alone names its tenant on the BFF's own pages). Undefined when there is none.
 */
export async function lockLink<P extends LinkPurpose = LinkPurpose>(
  tx: Executor,
  token: string,
  o: { tenantId?: string; purposes?: readonly P[] } = {},
): Promise<Link<P> | undefined> {
  const [link] = await tx
    .select()
    .from(emailLinks)
    .where(and(eq(emailLinks.tokenHash, sha256(token)), o.tenantId ? eq(emailLinks.tenantId, o.tenantId) : undefined))
    .for('update');
  if (!link || (o.purposes && !o.purposes.includes(link.purpose as P))) return undefined;
  return { ...link, payload: link.payload ?? { purpose: link.purpose } } as Link<P>;
}

/** Marks a redeemed link used. */
export async function useLink(tx: Executor, link: Pick<Link, 'id'>, now: Date): Promise<void> {
  await tx.update(emailLinks).set({ usedAt: now }).where(eq(emailLinks.id, link.id));
}
