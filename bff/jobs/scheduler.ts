import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { scheduledJobs } from '../db/schema/index.js';
import type { Env } from '../env.js';
import type { Clock } from '../lib/context.js';
import { type Logger, redact } from '../lib/logger.js';
import { pollingLoop } from '../lib/poll.js';

/**
 * Scheduled jobs: a small table (`scheduled_jobs`, one row per job) and one conditional claim, not a job
 * library. The well-kept Postgres job libraries (pg-boss, graphile-worker) are built on the `pg` driver
 * with its pool and a LISTEN connection, and create their own schema outside our migrations; neither runs
 * on PGlite (pg-boss only through a hand-written client that inlines parameters into the SQL text) nor
 * through postgres.js, and pg-boss 12 needs Node 22. What we need is small: a handful of periodic jobs,
 * each run once per due time among any number of workers, on both drivers, with an injectable clock.
 *
 * A worker reads the rows of its jobs (one query when nothing is due), then claims each due job with
 * `UPDATE … WHERE name = $1 AND next_run_at <= now AND (locked_until IS NULL OR locked_until < now)
 * RETURNING`: Postgres re-checks that condition on the row after a concurrent update, so of several
 * workers exactly one gets the row for that due time. The claim sets a lease (`locked_until`); if the
 * worker dies mid-run, another one takes the job over once the lease has passed. When the run ends the
 * worker — only if it still holds that lease — records the finish or the error and moves `next_run_at`
 * on from the *due* time (a 1 h job stays on its hour instead of drifting by its run time; runs missed
 * while no worker was up are not repeated).
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** What a job may read from the configuration. */
export type JobEnv = Pick<Env, 'nodeEnv' | 'publicUrl' | 'secret' | 'outboxRetentionDays'>;

export interface JobContext {
  db: Db;
  /** The clock's time when this run was claimed: use it, not `new Date()`, so tests can move time. */
  now: Date;
  /** The time this run was due (≤ `now`). */
  due: Date;
  log: Logger;
  env: JobEnv;
}

/** Counts a run reports (`{ purged: 12 }`); logged when one is not zero. */
export type JobSummary = Record<string, number>;

interface JobBase {
  /** `<area>.<what>`, e.g. `outbox.retention`: the row's key, stable across releases. */
  name: string;
  /**
   * Longer than any run can take (default 5 min): a run still going after that is taken over by another
   * worker, so a run must be safe to repeat — select by state and time (`end_date <= now and status =
   * 'active'`), never "since the last run".
   */
  leaseMs?: number;
  run(ctx: JobContext): Promise<JobSummary | void>;
}

/** Runs every `every` ms, or at the times `next` gives (`next(t)` must be later than `t`). */
export type Job = JobBase & ({ every: number; next?: never } | { next(after: Date): Date; every?: never });

export interface RunDueJobsOptions {
  log: Logger;
  env: JobEnv;
}

export interface JobRun {
  name: string;
  due: Date;
  error?: string;
}

const DEFAULT_LEASE_MS = 5 * MINUTE;

/** The first due time of `job` after `now`, counted on from `due`. */
export function nextDue(job: Job, due: Date, now: Date): Date {
  if (job.every !== undefined) {
    const periods = Math.floor((now.getTime() - due.getTime()) / job.every) + 1;
    return new Date(due.getTime() + Math.max(1, periods) * job.every);
  }
  let next = due;
  do {
    const later = job.next(next);
    if (!(later.getTime() > next.getTime())) throw new Error(`job ${job.name}: next(${next.toISOString()}) is not later`);
    next = later;
  } while (next.getTime() <= now.getTime());
  return next;
}

/**
 * Runs every job of `jobs` that is due on `clock`, one after the other, each claimed just before it runs.
 * A job seen for the first time gets its row (due at once). A job that throws records `last_error`, is
 * logged (redacted) and runs again at its next due time. Returns the runs this call made.
 */
export async function runDueJobs(db: Db, clock: Clock, jobs: readonly Job[], options: RunDueJobsOptions): Promise<JobRun[]> {
  const { log, env } = options;
  if (jobs.length === 0) return [];
  const now = clock.now();
  const rows = await db
    .select({ name: scheduledJobs.name, nextRunAt: scheduledJobs.nextRunAt, lockedUntil: scheduledJobs.lockedUntil })
    .from(scheduledJobs)
    .where(
      inArray(
        scheduledJobs.name,
        jobs.map((j) => j.name),
      ),
    );
  const known = new Map(rows.map((r) => [r.name, r]));
  const unseen = jobs.filter((j) => !known.has(j.name));
  if (unseen.length > 0) {
    await db
      .insert(scheduledJobs)
      .values(unseen.map((j) => ({ name: j.name, nextRunAt: now })))
      .onConflictDoNothing();
  }
  const due = jobs.filter((j) => {
    const row = known.get(j.name);
    return !row || (row.nextRunAt <= now && (!row.lockedUntil || row.lockedUntil < now));
  });

  const runs: JobRun[] = [];
  for (const job of due) {
    const run = await runOne(db, clock, job, log, env);
    if (run) runs.push(run);
  }
  return runs;
}

async function runOne(db: Db, clock: Clock, job: Job, log: Logger, env: JobEnv): Promise<JobRun | undefined> {
  const startedAt = clock.now();
  const lease = new Date(startedAt.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS));
  const [claimed] = await db
    .update(scheduledJobs)
    .set({ lockedUntil: lease, lastStartedAt: startedAt, runs: sql`${scheduledJobs.runs} + 1` })
    .where(
      and(
        eq(scheduledJobs.name, job.name),
        lte(scheduledJobs.nextRunAt, startedAt),
        or(isNull(scheduledJobs.lockedUntil), lt(scheduledJobs.lockedUntil, startedAt)),
      ),
    )
    .returning({ due: scheduledJobs.nextRunAt });
  if (!claimed) return undefined; // another worker has it

  let error: string | undefined;
  let summary: JobSummary | void = undefined;
  try {
    summary = await job.run({ db, now: startedAt, due: claimed.due, log, env });
  } catch (thrown) {
    error = String(redact(thrown instanceof Error ? thrown.message : String(thrown))).slice(0, 500) || 'failed';
  }

  const finishedAt = clock.now();
  const [mine] = await db
    .update(scheduledJobs)
    .set({ lockedUntil: null, lastFinishedAt: finishedAt, lastError: error ?? null, nextRunAt: nextDue(job, claimed.due, startedAt) })
    .where(and(eq(scheduledJobs.name, job.name), eq(scheduledJobs.lockedUntil, lease)))
    .returning({ name: scheduledJobs.name });
  const fields = { job: job.name, due: claimed.due.toISOString(), ms: finishedAt.getTime() - startedAt.getTime() };
  if (!mine) log.warn('job outlived its lease; another worker took it over', fields);
  if (error !== undefined) log.error('job failed', { ...fields, error });
  else if (summary && Object.values(summary).some((n) => n !== 0)) log.info('job finished', { ...fields, ...summary });
  else log.debug('job finished', fields);
  return { name: job.name, due: claimed.due, ...(error !== undefined ? { error } : {}) };
}

export interface JobRunnerOptions extends RunDueJobsOptions {
  db: Db;
  clock: Clock;
  jobs: readonly Job[];
  /** How often to look for due jobs; default 10 s (the jobs run every minute at the most). */
  pollMs?: number;
}

export interface JobRunner {
  /** Runs the due jobs once. */
  runOnce(): Promise<JobRun[]>;
  /** Polls until `stop()`. */
  start(): void;
  /** Waits for a running job to finish. */
  stop(): Promise<void>;
}

/** The loop a worker process runs next to its outbox worker (see `runtime.ts`, `startWorkers`). */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, jobs, log } = options;
  const pollMs = options.pollMs ?? 10 * SECOND;
  const runOnce = () => runDueJobs(db, clock, jobs, options);

  const loop = pollingLoop(async () => {
    await runOnce();
    return false;
  }, { pollMs, log, name: 'job runner' });
  return { runOnce, ...loop };
}
