import { eq, lt, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { type Db, type Executor, perDatabase } from '../db/client.js';
import { rateLimits } from '../db/schema/index.js';
import { clientIp } from './client-ip.js';
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
export const byIp = (c: Context<AppEnv>) => `ip:${clientIp(c)}`;
export const byTenant = (c: Context<AppEnv>) => `tenant:${c.get('caller').tenant.id}`;
export const byCredential = (c: Context<AppEnv>) => `credential:${c.get('caller').credential.id}`;

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

/** Deletes counters whose window has passed: the `rate-limits.prune` job (see `jobs/prune.ts`). */
export async function pruneRateLimits(db: Executor, now: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowEnd, now));
}
