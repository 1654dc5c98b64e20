import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type OutboxRow, outbox, webhookEndpoints } from '../db/schema/index.js';
import type { Clock } from '../lib/context.js';
import { unseal } from '../lib/crypto.js';
import type { Logger } from '../lib/logger.js';
import { redact } from '../lib/logger.js';
import { pollingLoop } from '../lib/poll.js';
import { type EmailPayload, openPayload, purgedPayload, type SmsPayload, type WebhookPayload } from './outbox.js';
import type { Transports } from './transports.js';

export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

export interface WorkerOptions {
  db: Db;
  transports: Transports;
  clock: Clock;
  log: Logger;
  /** TELKIT_SECRET, to unseal tenants' webhook secrets. */
  secret: string;
  batchSize?: number;
  /** After this many failed attempts a message is `dead`. */
  maxAttempts?: number;
  /** Delay before attempt n+1 after n failures. Default 10 s · 2^(n-1), at most 1 h. */
  backoffMs?: (failures: number) => number;
  /**
   * A claimed message whose worker has not renewed the lease by then is taken by another worker: 30 s. A
   * worker renews the lease of what it is sending every `heartbeatMs` (a third of the lease), so a slow
   * delivery keeps its message and a crashed worker's message is sent again within the lease.
   */
  leaseMs?: number;
  heartbeatMs?: number;
  pollMs?: number;
}

export interface Worker {
  /** Claims one batch of due messages and delivers it; returns how many it claimed. */
  runOnce(): Promise<number>;
  /** Polls until `stop()`. */
  start(): void;
  stop(): Promise<void>;
}

class NoTransport extends Error {}

export function createWorker(options: WorkerOptions): Worker {
  const { db, transports, clock, log, secret } = options;
  const batchSize = options.batchSize ?? 10;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? ((n: number) => Math.min(10_000 * 2 ** (n - 1), 3_600_000));
  const leaseMs = options.leaseMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.floor(leaseMs / 3);
  const pollMs = options.pollMs ?? 1000;

  async function claim(now: Date): Promise<OutboxRow[]> {
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
          and(eq(outbox.status, 'sending'), lt(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return db
      .update(outbox)
      .set({ status: 'sending', lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due))
      .returning();
  }

  async function deliver(row: OutboxRow, now: Date): Promise<void> {
    const base = { id: row.id, tenantId: row.tenantId, createdAt: row.createdAt, now };
    switch (row.channel) {
      case 'email':
        if (!transports.email) throw new NoTransport();
        return transports.email({ ...base, payload: row.payload as EmailPayload });
      case 'sms':
        if (!transports.sms) throw new NoTransport();
        return transports.sms({ ...base, payload: openPayload(secret, row.payload as SmsPayload) });
      case 'webhook': {
        const [endpoint] = row.endpointId
          ? await db
              .select({ url: webhookEndpoints.url, sealed: webhookEndpoints.secretSealed })
              .from(webhookEndpoints)
              .where(and(eq(webhookEndpoints.id, row.endpointId), eq(webhookEndpoints.tenantId, row.tenantId)))
          : [];
        if (!transports.webhook || !endpoint) throw new NoTransport();
        const webhookSecret = unseal(secret, WEBHOOK_SECRET_PURPOSE, endpoint.sealed);
        return transports.webhook({ ...base, payload: openPayload(secret, row.payload as WebhookPayload), url: endpoint.url, secret: webhookSecret });
      }
    }
  }

  async function settle(row: OutboxRow, error: unknown): Promise<void> {
    const now = clock.now();
    // Still ours: another worker that took the row over after our lease ran out has counted an attempt.
    const mine = and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.attempts, row.attempts));
    // A sensitive message keeps its body only as long as it may still be sent.
    const purge = row.sensitive ? { payload: purgedPayload, purgedAt: now } : {};
    if (error === undefined) {
      await db.update(outbox).set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null, ...purge }).where(mine);
      return;
    }
    if (error instanceof NoTransport) {
      await db.update(outbox).set({ status: 'held', lockedUntil: null, lastError: 'no transport configured' }).where(mine);
      return;
    }
    const message = String(redact(error instanceof Error ? error.message : String(error))).slice(0, 500);
    const dead = row.attempts >= maxAttempts;
    await db
      .update(outbox)
      .set({
        status: dead ? 'dead' : 'pending',
        lockedUntil: null,
        lastError: message,
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
        ...(dead ? purge : {}),
      })
      .where(mine);
    log[dead ? 'error' : 'warn']('outbox delivery failed', {
      messageId: row.id,
      channel: row.channel,
      attempt: row.attempts,
      dead,
      error: message,
    });
  }

  /** While `rows` are being sent: renews their lease every `heartbeatMs`, until each is `done` — only while still ours. */
  function heartbeat(rows: OutboxRow[]) {
    const inFlight = new Map(rows.map((r) => [r.id, r.attempts]));
    const timer = setInterval(() => {
      if (inFlight.size === 0) return;
      db.update(outbox)
        .set({ lockedUntil: new Date(clock.now().getTime() + leaseMs) })
        .where(and(eq(outbox.status, 'sending'), or(...[...inFlight].map(([id, attempts]) => and(eq(outbox.id, id), eq(outbox.attempts, attempts))))))
        .catch((error: unknown) => log.warn('outbox lease renewal failed', { error: String(redact(error instanceof Error ? error.message : error)) }));
    }, heartbeatMs);
    timer.unref?.();
    return { done: (id: string) => inFlight.delete(id), stop: () => clearInterval(timer) };
  }

  async function runOnce(): Promise<number> {
    const claimed = await claim(clock.now());
    if (claimed.length === 0) return 0;
    const beat = heartbeat(claimed);
    try {
      await Promise.all(
        claimed.map(async (row) => {
          let failure: unknown;
          try {
            await deliver(row, clock.now());
          } catch (error) {
            failure = error ?? new Error('delivery failed');
          }
          beat.done(row.id);
          await settle(row, failure);
        }),
      );
    } finally {
      beat.stop();
    }
    return claimed.length;
  }

  const loop = pollingLoop(async () => (await runOnce()) === batchSize, { pollMs, log, name: 'outbox worker' });
  return { runOnce, ...loop };
}
