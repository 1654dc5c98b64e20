import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js/session';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Applies the committed migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /**
   * Listens for `NOTIFY` on `channel`: on Postgres on a dedicated connection of its own (reconnected
   * after a drop), on PGlite in process. `up` runs each time the listener is in place (again); `down` when
   * its connection dropped, so notifications may be missed until the next `up`. Resolves to a stop function.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  notify(payload: string): void;
  up(): void;
  down(): void;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Arbitrary constant: serializes migrations of BFF instances starting at the same time. */
const MIGRATION_LOCK = 7_411_001;

/**
 * drizzle sends every query it did not name with `prepare: false`, so postgres.js parses it anew and,
 * when it has parameters, describes it first: two round trips per statement. Here the client's own
 * `prepare` option decides instead (postgres.js: on by default, cached per connection by SQL text);
 * behind a transaction-mode pooler, open the client with `prepare: false`.
 */
Object.defineProperty(PostgresJsPreparedQuery.prototype, 'prepare', {
  get(this: { client: { options?: { prepare?: boolean } } }) {
    return this.client.options?.prepare !== false;
  },
  set() {},
});

export type DatabaseOptions =
  | { url: string; poolSize?: number; /** postgres.js `debug`: told every statement sent (tests count them). */ debug?: (connection: number, sql: string, parameters: unknown[]) => void }
  | { pgliteDir: string | undefined /* undefined: in memory */ };

export function openDatabase(options: DatabaseOptions): Database {
  if ('url' in options) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      ...(options.debug && { debug: options.debug }),
      connection: { application_name: 'telkit' },
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      async migrate() {
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
          lock.release();
        }
      },
      listen: (channel, handlers) => listenPostgres(options.url, channel, handlers),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  const client = new PGlite(options.pgliteDir);
  const pglite = drizzlePglite({ client, schema });
  return {
    db: pglite as unknown as Db,
    driver: 'pglite',
    migrate: () => migratePglite(pglite, { migrationsFolder }),
    async listen(channel, handlers) {
      const unlisten = await client.listen(channel, handlers.notify);
      handlers.up();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

/** How long to wait before listening again after the listening connection failed: 0.1 s doubling to 5 s. */
const relistenDelay = (attempt: number) => Math.min(100 * 2 ** attempt, 5_000);
/** The listening connection is asked `select 1` this often; unanswered for HEARTBEAT_TIMEOUT_MS it counts as down. */
const HEARTBEAT_MS = 2_000;
const HEARTBEAT_TIMEOUT_MS = 4_000;

/**
 * A connection of its own for LISTEN (postgres.js `sql.listen` reconnects too, but does not say when its
 * connection drops, and a drop is when notifications get lost). After a drop it reports `down`, then
 * listens again until it succeeds, and reports `up`. A connection that stops answering without closing
 * (a half-open TCP connection, which keep-alive finds only after minutes) is reported `down` after a
 * heartbeat goes unanswered for HEARTBEAT_TIMEOUT_MS, and `up` again if it answers after all.
 */
async function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<() => Promise<void>> {
  let stopped = false;
  let reported: 'up' | 'down' | undefined;
  const report = (state: 'up' | 'down') => {
    if (stopped || reported === state) return;
    reported = state;
    state === 'up' ? handlers.up() : handlers.down();
  };
  // Each drop starts a new connection: `epoch` counts them, `listening` is the one the LISTEN is on.
  let epoch = 0;
  let listening = -1;
  let pingSince: number | undefined;
  let retry: NodeJS.Timeout | undefined;
  const client = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'telkit-listen' },
    // postgres.js passes NOTIFY messages to `onnotify`; it is not in its typings.
    ...({ onnotify: (from: string, payload: string) => from === channel && handlers.notify(payload) } as object),
    onclose: () => {
      if (stopped) return;
      epoch++;
      pingSince = undefined;
      report('down');
      relisten(0);
    },
  });
  const statement = `listen "${channel.replace(/"/g, '""')}"`;
  const listen = async () => {
    const at = epoch;
    await client.unsafe(statement);
    if (at === epoch) {
      listening = at;
      report('up');
    }
  };
  function relisten(attempt: number) {
    clearTimeout(retry);
    // onclose may fire as well as the failure and restart the wait: either way one retry runs
    retry = setTimeout(() => !stopped && listen().catch(() => relisten(attempt + 1)), relistenDelay(attempt));
  }
  const heartbeat = setInterval(() => {
    if (stopped || listening !== epoch) return;
    if (pingSince !== undefined) {
      if (Date.now() - pingSince > HEARTBEAT_TIMEOUT_MS) report('down');
      return;
    }
    const at = epoch;
    pingSince = Date.now();
    client`select 1`.then(
      () => {
        if (at !== epoch) return; // answered on a new connection, which has no LISTEN
        pingSince = undefined;
        report('up');
      },
      () => {}, // the connection closed: onclose listens again
    );
  }, HEARTBEAT_MS).unref();

  await listen().catch(() => relisten(0)); // reads go to the database until it works
  return async () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(heartbeat);
    await client.end({ timeout: 1 });
  };
}

/** Rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Memoizes something built from a database, once per database: used for prepared statements on hot
 * paths, so drizzle does not rebuild their SQL on every request.
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) cache.set(db, (value = build(db)));
    return value;
  };
}
