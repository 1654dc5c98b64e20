import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { type Db, type Executor, perDatabase, rowsOf } from '../db/client.js';
import { rateLimits } from '../db/schema/index.js';
import { clientIp, ipKey } from './client-ip.js';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';

// On every limited request: prepared once per database.
const upsert = perDatabase((db) =>
  db
    .insert(rateLimits)
    .values({ bucket: sql.placeholder('bucket'), windowStart: sql.placeholder('start'), windowEnd: sql.placeholder('end'), hits: 1 })
    .onConflictDoUpdate({ target: rateLimits.bucket, set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits })
    .prepare('telkit_rate_limit_hit'),
);

export interface RateRule {
  /** Names the counter, e.g. `api-keys.create`; one counter per name and key. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window ends and the counter starts again. */
  retryAfter: number;
}

/**
 * Counts one hit against `rule` for `key` in Postgres, so the limit holds across BFF instances.
 * Fixed windows aligned to the epoch: one upsert, no read-modify-write race.
 */
export async function hit(db: Db, rule: RateRule, key: string, now: Date): Promise<RateResult> {
  const w = rateWindow(rule, key, now);
  const [row] = await upsert(db).execute({ bucket: w.bucket, start: w.start, end: w.end });
  return rateResult(rule, row?.hits ?? 1, w.end, now);
}

/** The counter `key` counts in now: fixed windows aligned to the epoch. */
export function rateWindow(rule: RateRule, key: string, now: Date) {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { bucket: `${rule.name}|${key}|${start}`, start: new Date(start), end: new Date(start + windowMs) };
}

export function rateResult(rule: RateRule, hits: number, end: Date, now: Date): RateResult {
  return {
    allowed: hits <= rule.limit,
    remaining: Math.max(0, rule.limit - hits),
    retryAfter: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)),
  };
}

/** `RateLimit-*` on the response. */
export function rateHeaders(c: Context<AppEnv>, rule: RateRule, result: RateResult): void {
  c.header('RateLimit-Limit', String(rule.limit));
  c.header('RateLimit-Remaining', String(result.remaining));
  c.header('RateLimit-Reset', String(result.retryAfter));
}

/** The count so far in the current window, without counting: for limits that only failures raise. */
export async function peek(db: Executor, rule: RateRule, key: string, now: Date): Promise<RateResult> {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const [row] = await db.select({ hits: rateLimits.hits }).from(rateLimits).where(eq(rateLimits.bucket, `${rule.name}|${key}|${start}`));
  const hits = row?.hits ?? 0;
  return {
    allowed: hits < rule.limit,
    remaining: Math.max(0, rule.limit - hits),
    retryAfter: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)),
  };
}

export function rateLimitError(result: RateResult): ApiError {
  return new ApiError(429, 'rate_limited', { headers: { 'Retry-After': String(result.retryAfter) } });
}

/** Who a limit counts: the caller's IP, its tenant, its credential, or anything a route derives. */
export const byIp = (c: Context<AppEnv>) => `ip:${ipKey(clientIp(c))}`;
export const byTenant = (c: Context<AppEnv>) => `tenant:${c.get('caller').tenant.id}`;
export const byCredential = (c: Context<AppEnv>) => `credential:${c.get('caller').credential.id}`;
/** The logged-in user, whichever of its sessions calls (a switch or return mints a new one); else the credential. */
export const byUser = (c: Context<AppEnv>) => {
  const { user, credential } = c.get('caller');
  return user ? `user:${user.id}` : `credential:${credential.id}`;
};

/** Declares a limit on a route: `rateLimit({ name, limit, windowSeconds }, byTenant)`. */
export function rateLimit(rule: RateRule, by: (c: Context<AppEnv>) => string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, clock } = c.get('deps');
    const result = await hit(db, rule, by(c), clock.now());
    rateHeaders(c, rule, result);
    if (!result.allowed) throw rateLimitError(result);
    await next();
  };
}

/**
 * Deletes counters that no longer count: the `rate-limits.prune` job (see `jobs/prune.ts`). A sliding
 * limit still reads the window before the current one, so a counter goes one window length after its end.
 */
export async function pruneRateLimits(db: Executor, now: Date): Promise<void> {
  await db
    .delete(rateLimits)
    // A counter still counts for one more window (the sliding count weighs the previous window).
    .where(and(lt(rateLimits.windowEnd, now), sql`${rateLimits.windowEnd} + (${rateLimits.windowEnd} - ${rateLimits.windowStart}) <= ${now.toISOString()}::timestamptz`));
}

/*
 * Sliding windows. A limit "n per window" counts in fixed windows aligned to the epoch and weighs the
 * previous window's count by the share of it that still lies within one window length of now:
 * `current + previous · (1 − elapsed/window)`. Around a window boundary this allows about n, not 2n
 * (a fixed window's worst case). Any number of counters are hit in one statement (`slidingHits`), and
 * callers add to that statement what depends on the outcome (the outbox row of `domain/budget.ts`).
 */

/** One counter of a sliding hit: a rule and the key it counts, e.g. `{ rule: SMS_PER_NUMBER_HOUR, key: 'to:…' }`. */
export interface Counted {
  rule: RateRule;
  key: string;
}

export interface SlidingResult extends RateResult {
  rule: RateRule;
  key: string;
  /** Hits in the current window, this one included. */
  hits: number;
  /** Hits in the previous window. */
  previous: number;
}

/** The current and previous buckets of a sliding counter, and the previous one's weight now. */
function slidingWindow(rule: RateRule, key: string, now: Date) {
  const w = rateWindow(rule, key, now);
  const windowMs = rule.windowSeconds * 1000;
  const weight = 1 - (now.getTime() - w.start.getTime()) / windowMs;
  return { ...w, previousBucket: `${rule.name}|${key}|${w.start.getTime() - windowMs}`, weight };
}

/**
 * Seconds until a counter standing at `committed` hits (current window) and `previous` (the one before)
 * lets one more through: the previous window's weight falls, then the current one becomes the previous.
 */
export function slidingRetryAfter(rule: RateRule, committed: number, previous: number, now: Date): number {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  let at: number;
  if (committed + 1 <= rule.limit) {
    // Within this window, once previous · (1 − e) ≤ limit − committed − 1.
    at = previous > 0 ? start + windowMs * (1 - (rule.limit - committed - 1) / previous) : now.getTime();
  } else {
    // In the next window, once 1 + committed · (1 − f) ≤ limit.
    at = start + windowMs + windowMs * Math.max(0, 1 - (rule.limit - 1) / committed);
  }
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * The common table expressions of a sliding hit on `counters`: `counted (bucket, hits, previous, over)`,
 * one row per counter, after counting one hit in each. Buckets are upserted in a fixed order (sorted),
 * so concurrent statements lock shared counters in the same order and cannot deadlock. Duplicate
 * buckets are counted once.
 */
export function slidingHitsCte(counters: readonly Counted[], now: Date): { cte: SQL; windows: Map<string, Counted & ReturnType<typeof slidingWindow>> } {
  const windows = new Map<string, Counted & ReturnType<typeof slidingWindow>>();
  for (const c of counters) {
    const w = slidingWindow(c.rule, c.key, now);
    windows.set(w.bucket, { ...c, ...w });
  }
  const rows = [...windows.values()]
    .sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0))
    .map(
      (w) =>
        sql`(${w.bucket}, ${w.previousBucket}, ${w.start.toISOString()}::timestamptz, ${w.end.toISOString()}::timestamptz, ${w.rule.limit}::int, ${w.weight}::float8)`,
    );
  const cte = sql`b (bucket, previous_bucket, window_start, window_end, lim, weight) as (values ${sql.join(rows, sql`, `)}),
hit as (
  insert into rate_limits (bucket, window_start, window_end, hits)
  select bucket, window_start, window_end, 1 from b order by bucket
  on conflict (bucket) do update set hits = rate_limits.hits + 1
  returning bucket, hits
),
counted as (
  select b.bucket, hit.hits, coalesce(p.hits, 0) as previous, hit.hits + coalesce(p.hits, 0) * b.weight > b.lim as over
  from b join hit on hit.bucket = b.bucket left join rate_limits p on p.bucket = b.previous_bucket
)`;
  return { cte, windows };
}

/** Reads the rows of `select bucket, hits, previous from counted`: every counter's outcome, in `counters`' order. */
export function slidingResults(
  windows: ReturnType<typeof slidingHitsCte>['windows'],
  rows: readonly { bucket: string; hits: number | string; previous: number | string }[],
  now: Date,
): SlidingResult[] {
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  return [...windows.values()].map((w) => {
    const row = byBucket.get(w.bucket);
    const hits = Number(row?.hits ?? 1);
    const previous = Number(row?.previous ?? 0);
    const estimate = hits + previous * w.weight;
    return {
      rule: w.rule,
      key: w.key,
      hits,
      previous,
      allowed: estimate <= w.rule.limit,
      remaining: Math.max(0, Math.floor(w.rule.limit - estimate)),
      // This hit counts (it is committed): the next one waits for room beside it.
      retryAfter: slidingRetryAfter(w.rule, hits, previous, now),
    };
  });
}

/**
 * Counts one hit on every counter in one statement, atomically (two BFF instances on one database
 * cannot both pass the last free hit), and returns each counter's outcome.
 */
export async function slidingHits(db: Executor, counters: readonly Counted[], now: Date): Promise<SlidingResult[]> {
  const { cte, windows } = slidingHitsCte(counters, now);
  const rows = rowsOf<{ bucket: string; hits: number; previous: number }>(await db.execute(sql`with ${cte} select bucket, hits, previous from counted`));
  return slidingResults(windows, rows, now);
}

/** Takes back one hit of a counter counted `now` (e.g. a login that turned out right). */
export async function refund(db: Executor, counter: Counted, now: Date): Promise<void> {
  const { bucket } = rateWindow(counter.rule, counter.key, now);
  await db.update(rateLimits).set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` }).where(eq(rateLimits.bucket, bucket));
}
