import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { at } from '../columns.js';

/**
 * One row per scheduled job (see `jobs/`): a worker claims a due job with one conditional update, so
 * among several workers exactly one runs it per due time.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: at('next_run_at').notNull(),
  /** Set while a worker runs the job; another worker may take it over once this has passed. */
  lockedUntil: at('locked_until'),
  lastStartedAt: at('last_started_at'),
  lastFinishedAt: at('last_finished_at'),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
});
