import { and, eq, lt, or } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Executor } from '../db/client.js';
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
      await db
        .update(idempotencyKeys)
        .set({ state: 'done', responseStatus: c.res.status, responseBody: await c.res.clone().text(), responseHeaders: headers })
        .where(where);
    } else {
      await db.delete(idempotencyKeys).where(where);
    }
  };
}

/** Takes the key if it is new, expired, or held by a request whose lease ran out. */
async function claim(
  db: Executor,
  row: { scope: string; key: string; tenantId: string; requestHash: string },
  now: Date,
): Promise<boolean> {
  const fresh = {
    requestHash: row.requestHash,
    state: 'in_progress' as const,
    responseStatus: null,
    responseBody: null,
    responseHeaders: null,
    lockedUntil: new Date(now.getTime() + LEASE_MS),
    expiresAt: new Date(now.getTime() + KEEP_MS),
    createdAt: now,
  };
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ ...row, ...fresh })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: fresh,
      setWhere: or(
        lt(idempotencyKeys.expiresAt, now),
        and(eq(idempotencyKeys.state, 'in_progress'), lt(idempotencyKeys.lockedUntil, now)),
      ),
    })
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

/** Deletes stored responses past their expiry: the `idempotency.prune` job (see `jobs/prune.ts`). */
export async function pruneIdempotencyKeys(db: Executor, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now));
}
