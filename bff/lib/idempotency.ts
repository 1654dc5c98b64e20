import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { type Db, type Executor, perDatabase } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';
import type { AppEnv } from './context.js';
import { sha256 } from './crypto.js';
import { ApiError } from './errors.js';

const KEEP_MS = 24 * 60 * 60 * 1000;
/** How long one request may hold its key before another instance may take it over (a crashed holder). */
const LEASE_MS = 60_000;
/** How long a concurrent duplicate waits for the first request before it gets a 409 with Retry-After. */
const WAIT_MS = 10_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `Idempotency-Key` for creating POSTs (after `auth`). The first request with a key runs; its 2xx
 * response is kept for 24 h and replayed to every retry with the same body. The same key with another
 * body is a 409. A duplicate that arrives while the first still runs waits for its result. A response
 * that is not 2xx releases the key, so a corrected request may use it again.
 */
export function idempotent(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY_FORMAT.test(key)) throw new ApiError(400, 'invalid_idempotency_key');

    const { db, clock } = c.get('deps');
    const caller = c.get('caller');
    const scope = `${caller.tenant.id}:${caller.credential.id}`;
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const giveUpAt = Date.now() + WAIT_MS;

    for (let attempt = 0; ; attempt++) {
      if (await claim(db, { scope, key, tenantId: caller.tenant.id, requestHash }, clock.now())) break;
      const [row] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      if (!row) continue; // released in between: try to claim it again
      if (row.requestHash !== requestHash) throw new ApiError(409, 'idempotency_key_reused');
      if (row.state === 'done' && row.responseStatus !== null) {
        return c.body(row.responseBody ?? '', row.responseStatus as 200, {
          ...row.responseHeaders,
          'Idempotency-Replayed': 'true',
        });
      }
      if (Date.now() > giveUpAt) throw new ApiError(409, 'idempotency_in_progress', { headers: { 'Retry-After': '1' } });
      await sleep(Math.min(25 * 2 ** attempt, 400));
    }

    const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
    try {
      await next();
    } catch (error) {
      await db.delete(idempotencyKeys).where(where);
      throw error;
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (c.res.headers.has(h) ? [[h, c.res.headers.get(h)!]] : [])));
      await storeQuery(db).execute({ status: c.res.status, body: await c.res.clone().text(), headers, scope, key });
    } else {
      await db.delete(idempotencyKeys).where(where);
    }
  };
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

export async function pruneIdempotencyKeys(db: Executor, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now));
}
