import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { type Db, type Executor, perDatabase, rowsOf } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';
import type { AppEnv } from './context.js';
import { sha256 } from './crypto.js';
import { ApiError } from './errors.js';
import { type RateResult, type RateRule, rateHeaders, rateLimit, rateLimitError, rateResult, rateWindow } from './rate-limit.js';

const KEEP_MS = 24 * 60 * 60 * 1000;
/** How long one request may hold its key before another instance may take it over (a crashed holder). */
const LEASE_MS = 60_000;
/** How long a concurrent duplicate waits for the first request before it gets a 409 with Retry-After. */
const WAIT_MS = 10_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The route's rate limit, when `idempotent` counts it (see there). */
export interface CountedLimit {
  rule: RateRule;
  by: (c: Context<AppEnv>) => string;
}

/**
 * `Idempotency-Key` for creating POSTs (after `auth`). The first request with a key runs; its 2xx
 * response is kept for 24 h and replayed to every retry with the same body. The same key with another
 * body is a 409. A duplicate that arrives while the first still runs waits for its result. A response
 * that is not 2xx releases the key, so a corrected request may use it again.
 *
 * With `limit`, it also is the route's rate limit (in place of `rateLimit(rule, by)`): a request with a
 * key counts its hit and claims the key in one statement, one round trip less on the hot path. A request
 * over the limit claims nothing and gets a 429, unless its key holds a stored response, which it gets.
 * Unlike `rateLimit` after `idempotent`, retries and waiting duplicates count against the limit too.
 *
 * With `secrets` (top-level fields of the response that carry a secret the route mints, e.g. an API
 * key): the stored response holds `null` in their place, so no secret is kept in clear, and a replay
 * answers with the same status and body but the secret `null` (the client lost it with the first
 * response: revoke what it names and create another). Say so in the route's documentation.
 */
export function idempotent(limit?: CountedLimit, options: { secrets?: readonly string[] } = {}): MiddlewareHandler<AppEnv> {
  const limited = limit && rateLimit(limit.rule, limit.by);
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return limited ? limited(c, next) : next();
    if (!KEY_FORMAT.test(key)) throw new ApiError(400, 'invalid_idempotency_key');

    const { db, clock } = c.get('deps');
    const caller = c.get('caller');
    const scope = `${caller.tenant.id}:${caller.credential.id}`;
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const row = { scope, key, tenantId: caller.tenant.id, requestHash };
    const giveUpAt = Date.now() + WAIT_MS;

    let over: RateResult | undefined;
    if (limit) {
      const now = clock.now();
      const counted = await claimCounted(db, row, now, limit.rule, limit.by(c));
      rateHeaders(c, limit.rule, counted.result);
      if (!counted.result.allowed) over = counted.result;
      else if (counted.claimed) return run(c, next, db, scope, key, options.secrets);
    }
    for (let attempt = 0; ; attempt++) {
      if (!over && (attempt > 0 || !limit) && (await claim(db, row, clock.now()))) break;
      const [stored] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      if (stored?.requestHash === requestHash && stored.state === 'done' && stored.responseStatus !== null) {
        return c.body(stored.responseBody ?? '', stored.responseStatus as 200, {
          ...stored.responseHeaders,
          'Idempotency-Replayed': 'true',
        });
      }
      if (over) throw rateLimitError(over);
      if (!stored) continue; // released in between: try to claim it again
      if (stored.requestHash !== requestHash) throw new ApiError(409, 'idempotency_key_reused');
      if (Date.now() > giveUpAt) throw new ApiError(409, 'idempotency_in_progress', { headers: { 'Retry-After': '1' } });
      await sleep(Math.min(25 * 2 ** attempt, 400));
    }
    return run(c, next, db, scope, key, options.secrets);
  };
}

/** A response body as it may be stored: the `secrets` fields of a JSON object replaced by `null`. */
function withheld(object: unknown, secrets: readonly string[] | undefined): unknown {
  if (!secrets?.length || object === null || typeof object !== 'object' || Array.isArray(object)) return object;
  const copy: Record<string, unknown> = { ...(object as Record<string, unknown>) };
  for (const field of secrets) if (field in copy) copy[field] = null;
  return copy;
}

/** Runs the route as the key's holder; stores a 2xx response, releases the key otherwise. */
async function run(c: Context<AppEnv>, next: Next, db: Db, scope: string, key: string, secrets?: readonly string[]): Promise<void> {
  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  // The JSON the route answers with, kept as it is serialized: reading it back from the response
  // (`c.res.clone().text()`) builds a fetch Response and a tee'd stream, a twentieth of a signup's CPU.
  let sent: { res: Response; body: string } | undefined;
  const json = c.json;
  c.json = ((object: unknown, ...rest: unknown[]) => {
    const res = (json as (...args: unknown[]) => Response)(object, ...rest);
    sent = { res, body: JSON.stringify(withheld(object, secrets)) };
    return res;
  }) as typeof c.json;
  try {
    await next();
  } catch (error) {
    await db.delete(idempotencyKeys).where(where);
    throw error;
  }
  if (c.res.status >= 200 && c.res.status < 300) {
    const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (c.res.headers.has(h) ? [[h, c.res.headers.get(h)!]] : [])));
    const body = sent?.res === c.res ? sent.body : secrets?.length ? JSON.stringify(withheld(await c.res.clone().json(), secrets)) : await c.res.clone().text();
    await storeQuery(db).execute({ status: c.res.status, body, headers, scope, key });
  } else {
    await db.delete(idempotencyKeys).where(where);
  }
}

// On every creating POST with a key: prepared once per database, so drizzle does not rebuild them.
/**
 * A placeholder where drizzle's types want a value (`set` of an update or upsert). At run time drizzle
 * wraps it with the column's encoder like any value, so dates and JSON are encoded as usual.
 */
const placeholder = <T>(name: string) => sql.placeholder(name) as unknown as T;

const claimQuery = perDatabase((db) => {
  const fresh = {
    requestHash: placeholder<string>('requestHash'),
    state: 'in_progress' as const,
    responseStatus: null,
    responseBody: null,
    responseHeaders: null,
    lockedUntil: placeholder<Date>('lockedUntil'),
    expiresAt: placeholder<Date>('expiresAt'),
    createdAt: placeholder<Date>('now'),
  };
  return db
    .insert(idempotencyKeys)
    .values({ scope: sql.placeholder('scope'), key: sql.placeholder('key'), tenantId: sql.placeholder('tenantId'), ...fresh })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: fresh,
      // Placeholders in conditions get no column encoder: `nowText` is the ISO string.
      setWhere: or(
        lt(idempotencyKeys.expiresAt, sql.placeholder('nowText')),
        and(eq(idempotencyKeys.state, 'in_progress'), lt(idempotencyKeys.lockedUntil, sql.placeholder('nowText'))),
      ),
    })
    .returning({ key: idempotencyKeys.key })
    .prepare('telkit_idempotency_claim');
});

const storeQuery = perDatabase((db) =>
  db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: placeholder<number>('status'), responseBody: placeholder<string>('body'), responseHeaders: placeholder<Record<string, string>>('headers') })
    .where(and(eq(idempotencyKeys.scope, sql.placeholder('scope')), eq(idempotencyKeys.key, sql.placeholder('key'))))
    .prepare('telkit_idempotency_store'),
);

/** Takes the key if it is new, expired, or held by a request whose lease ran out. */
async function claim(
  db: Db,
  row: { scope: string; key: string; tenantId: string; requestHash: string },
  now: Date,
): Promise<boolean> {
  const claimed = await claimQuery(db).execute({
    ...row,
    lockedUntil: new Date(now.getTime() + LEASE_MS),
    expiresAt: new Date(now.getTime() + KEEP_MS),
    now,
    nowText: now.toISOString(),
  });
  return claimed.length > 0;
}

/**
 * Counts the rate-limit hit and, when it is within the limit, claims the key: one statement (its SQL
 * is sent as one prepared statement by postgres.js). Claims like `claim`.
 */
async function claimCounted(
  db: Db,
  row: { scope: string; key: string; tenantId: string; requestHash: string },
  now: Date,
  rule: RateRule,
  by: string,
): Promise<{ result: RateResult; claimed: boolean }> {
  const w = rateWindow(rule, by, now);
  const at = now.toISOString();
  const [counted] = rowsOf<{ hits: number; claimed: boolean }>(
    await db.execute(sql`with hit as (
  insert into rate_limits (bucket, window_start, window_end, hits) values (${w.bucket}, ${w.start.toISOString()}, ${w.end.toISOString()}, 1)
  on conflict (bucket) do update set hits = rate_limits.hits + 1
  returning hits
), claim as (
  insert into idempotency_keys (scope, key, tenant_id, request_hash, state, locked_until, expires_at, created_at)
  select ${row.scope}, ${row.key}, ${row.tenantId}, ${row.requestHash}, 'in_progress', ${new Date(now.getTime() + LEASE_MS).toISOString()}, ${new Date(now.getTime() + KEEP_MS).toISOString()}, ${at}
  from hit where hit.hits <= ${rule.limit}
  on conflict (scope, key) do update set request_hash = excluded.request_hash, state = 'in_progress', response_status = null,
    response_body = null, response_headers = null, locked_until = excluded.locked_until, expires_at = excluded.expires_at, created_at = excluded.created_at
  where idempotency_keys.expires_at < excluded.created_at or (idempotency_keys.state = 'in_progress' and idempotency_keys.locked_until < excluded.created_at)
  returning 1
)
select hit.hits, exists (select 1 from claim) as claimed from hit`),
  );
  return { result: rateResult(rule, Number(counted!.hits), w.end, now), claimed: counted!.claimed };
}

/** Deletes stored responses past their expiry: the `idempotency.prune` job (see `jobs/prune.ts`). */
export async function pruneIdempotencyKeys(db: Executor, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now));
}
