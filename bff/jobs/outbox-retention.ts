import { and, inArray, isNull, lt, or } from 'drizzle-orm';
import { outbox } from '../db/schema/index.js';
import { purgedPayload } from '../messaging/outbox.js';
import { DAY, HOUR, type Job } from './scheduler.js';

/** Rows purged per statement, so a first run over a large outbox holds no long locks. */
const BATCH = 500;

/**
 * Bodies and attachments of messages that are done — `sent`, `dead`, or `held` for the dev outbox — are
 * dropped `OUTBOX_RETENTION_DAYS` after they were sent (created, for those never sent). The row keeps the
 * recipient, the message type, channel, status and times (see `PurgedPayload`). Sensitive messages do not
 * wait for this: the worker purges them right after delivery.
 */
export const outboxRetention: Job = {
  name: 'outbox.retention',
  every: HOUR,
  async run({ db, now, env }) {
    const cutoff = new Date(now.getTime() - env.outboxRetentionDays * DAY);
    const expired = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          inArray(outbox.status, ['sent', 'dead', 'held']),
          isNull(outbox.purgedAt),
          or(lt(outbox.sentAt, cutoff), and(isNull(outbox.sentAt), lt(outbox.createdAt, cutoff))),
        ),
      )
      .limit(BATCH)
      .for('update', { skipLocked: true });
    let purged = 0;
    for (;;) {
      const rows = await db.update(outbox).set({ payload: purgedPayload, purgedAt: now }).where(inArray(outbox.id, expired)).returning({ id: outbox.id });
      purged += rows.length;
      if (rows.length < BATCH) return { purged };
    }
  },
};
