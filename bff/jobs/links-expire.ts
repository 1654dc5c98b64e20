import { lt } from 'drizzle-orm';
import { emailLinks, pinChallenges } from '../db/schema/index.js';
import { DAY, HOUR, type Job } from './scheduler.js';

/**
 * How long an expired link or PIN is kept: long enough to answer "this link has expired" (and offer a new
 * one) for a while, then it is useless. PIN rows of the last 10 minutes count the sends against the PIN
 * limit; they are far younger than this.
 */
export const EXPIRED_KEPT_MS = 7 * DAY;

/** Deletes e-mail links and PIN challenges that expired more than {@link EXPIRED_KEPT_MS} ago. */
export const linksExpire: Job = {
  name: 'links.expire',
  every: HOUR,
  async run({ db, now }) {
    const cutoff = new Date(now.getTime() - EXPIRED_KEPT_MS);
    const links = await db.delete(emailLinks).where(lt(emailLinks.expiresAt, cutoff)).returning({ id: emailLinks.id });
    const pins = await db.delete(pinChallenges).where(lt(pinChallenges.expiresAt, cutoff)).returning({ id: pinChallenges.id });
    return { links: links.length, pins: pins.length };
  },
};
