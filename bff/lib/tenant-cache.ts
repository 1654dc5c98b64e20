import { createHash } from 'node:crypto';
import type { Database, Db } from '../db/client.js';
import type { Tariff, Tenant } from '../db/schema/index.js';
import { activeTariffs } from '../domain/tariffs.js';
import { allowedOrigins, findKey, findTenant, isKnownOrigin, tenantConfig } from '../domain/tenants.js';
import { sha256 } from './crypto.js';
import type { Logger } from './logger.js';

/** The channel the database's triggers announce a changed tenant on (migration 0003). */
export const TENANT_CHANGED = 'telkit_tenant_changed';

/** A key as authentication needs it: its tenant and what kind of key it is. */
export interface KeyHit {
  tenant: Tenant;
  keyId: string;
  kind: 'publishable' | 'secret';
}

/** The body of `GET /v1/tenant`, serialized once per fill, with its strong ETag. */
export interface TenantDocument {
  /** UTF-8, encoded once per fill: written to the socket as is. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface TenantCacheOptions {
  /** How to hear about changes: `database.listen`. Without it, nothing is cached (every read goes to the database). */
  listen?: Database['listen'];
  log?: Logger;
  /** At most this many live keys are kept (oldest dropped first). */
  maxKeys?: number;
  /** At most this many unknown keys and origins are remembered as unknown. */
  maxUnknown?: number;
}

interface Slot<T> {
  value: Promise<T>;
  /** Set once `value` resolved, so hits are answered without waiting on a promise. */
  settled?: { value: T };
  /** For keys: the tenant the key belongs to, once known (pending lookups have none). */
  tenantId?: string;
}

/** A value at once when cached, else the promise of it: the hot path awaits only on a miss. */
export type Maybe<T> = T | Promise<T>;

/**
 * An in-process copy of what authentication and `GET /v1/tenant` read, per tenant: key hash → key and
 * tenant, allowed origins, active tariffs, and the tenant document. The database announces every change
 * to these rows on `telkit_tenant_changed` (LISTEN on its own connection, or in process on PGlite), and
 * the cache drops that tenant's entries, so a revoked key is refused by every instance within
 * milliseconds. While the listener is not in place (starting, or reconnecting after its connection
 * dropped) every read goes to the database, and the cache is emptied when it is back.
 *
 * Values are shared between requests: treat them as read-only.
 */
export class TenantCache {
  #live = false;
  #stop: Promise<(() => Promise<void>) | undefined>;
  readonly #db: Db;
  readonly #log: Logger | undefined;
  readonly #maxKeys: number;
  readonly #maxUnknown: number;
  readonly #keys = new Map<string, Slot<KeyHit | undefined>>();
  readonly #unknownKeys = new Set<string>();
  readonly #origins = new Map<string, Slot<ReadonlySet<string>>>();
  readonly #knownOrigins = new Map<string, Slot<boolean>>();
  readonly #tariffs = new Map<string, Slot<Tariff[]>>();
  readonly #documents = new Map<string, Slot<TenantDocument | undefined>>();
  readonly #publishableHashes = new Map<string, string>();

  constructor(db: Db, options: TenantCacheOptions = {}) {
    this.#db = db;
    this.#log = options.log;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#maxUnknown = options.maxUnknown ?? 1_000;
    this.#stop = options.listen
      ? options.listen(TENANT_CHANGED, {
          notify: (tenantId) => this.invalidate(tenantId),
          up: () => {
            this.clear(); // whatever changed while nobody listened
            this.#live = true;
            this.#log?.info('tenant cache live');
          },
          down: () => {
            this.#live = false;
            this.clear();
            this.#log?.warn('tenant cache: listener lost, reading through to the database until it is back');
          },
        }).catch((error: unknown) => {
          this.#log?.error('tenant cache: cannot listen, reading through to the database', { error });
          return undefined;
        })
      : Promise.resolve(undefined);
  }

  /** Whether reads are served from memory (the listener is in place). */
  get live(): boolean {
    return this.#live;
  }

  /** How many entries are kept, for tests and diagnostics. */
  get size() {
    return {
      keys: this.#keys.size,
      unknownKeys: this.#unknownKeys.size,
      knownOrigins: this.#knownOrigins.size,
      tenants: new Set([...this.#origins.keys(), ...this.#tariffs.keys(), ...this.#documents.keys()]).size,
    };
  }

  /** Resolves once the first attempt to listen has finished (tests and start-up wait for it). */
  async ready(): Promise<void> {
    await this.#stop;
  }

  /**
   * The live key `token` is, with its tenant, or undefined. Keys are looked up by their SHA-256; the
   * hashes of publishable keys (public by design: they are in the embedding pages) are remembered, so a
   * hit costs no hashing. Secret keys are hashed each time and never kept.
   */
  key(token: string): Maybe<KeyHit | undefined> {
    const hash = this.#hashOf(token);
    if (!this.#live) return this.#findKey(hash);
    const slot = this.#keys.get(hash);
    if (slot) return slot.settled ? slot.settled.value : slot.value;
    if (this.#unknownKeys.has(hash)) return undefined;
    const fresh: Slot<KeyHit | undefined> = { value: this.#findKey(hash) };
    this.#keys.set(hash, fresh);
    fresh.value.then(
      (hit) => {
        if (this.#keys.get(hash) !== fresh) return; // invalidated meanwhile: keep nothing
        if (hit) {
          fresh.settled = { value: hit };
          fresh.tenantId = hit.tenant.id;
          bound(this.#keys, this.#maxKeys);
        } else {
          this.#keys.delete(hash);
          this.#unknownKeys.add(hash);
          bound(this.#unknownKeys, this.#maxUnknown);
        }
      },
      () => this.#keys.get(hash) === fresh && this.#keys.delete(hash),
    );
    return fresh.value;
  }

  /** Whether the tenant accepts publishable keys and sessions from `origin`. */
  isAllowedOrigin(tenantId: string, origin: string): Maybe<boolean> {
    const origins = this.#memo(this.#origins, tenantId, async () => new Set(await allowedOrigins(this.#db, tenantId)));
    return origins instanceof Promise ? origins.then((set) => set.has(origin)) : origins.has(origin);
  }

  /** Whether any tenant allows `origin` (CORS preflight). Remembers at most `maxUnknown` origins. */
  isKnownOrigin(origin: string): Maybe<boolean> {
    const known = this.#memo(this.#knownOrigins, origin, () => isKnownOrigin(this.#db, origin));
    bound(this.#knownOrigins, this.#maxUnknown);
    return known;
  }

  /** The tenant's active tariffs, in display order. */
  tariffs(tenantId: string): Maybe<Tariff[]> {
    return this.#memo(this.#tariffs, tenantId, () => activeTariffs(this.#db, tenantId));
  }

  /** `GET /v1/tenant`'s body and ETag, built once per fill from the tenant row and its tariffs. */
  document(tenantId: string): Maybe<TenantDocument | undefined> {
    return this.#memo(this.#documents, tenantId, async () => {
      const [tenant, offered] = await Promise.all([findTenant(this.#db, tenantId), this.tariffs(tenantId)]);
      if (!tenant) return undefined;
      const body = JSON.stringify(tenantConfig(tenant, offered));
      return { body: Buffer.from(body), etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    });
  }

  /** Drops everything known about one tenant, and every unknown key or origin (it may exist now). */
  invalidate(tenantId: string): void {
    for (const [hash, slot] of this.#keys) if (slot.tenantId === undefined || slot.tenantId === tenantId) this.#keys.delete(hash);
    this.#unknownKeys.clear();
    this.#knownOrigins.clear();
    this.#origins.delete(tenantId);
    this.#tariffs.delete(tenantId);
    this.#documents.delete(tenantId);
  }

  clear(): void {
    this.#keys.clear();
    this.#unknownKeys.clear();
    this.#knownOrigins.clear();
    this.#origins.clear();
    this.#tariffs.clear();
    this.#documents.clear();
  }

  /** Stops listening; later reads go to the database. */
  async close(): Promise<void> {
    this.#live = false;
    this.clear();
    await (await this.#stop)?.();
  }

  async #findKey(hash: string): Promise<KeyHit | undefined> {
    const row = await findKey(this.#db, hash);
    return row && { tenant: Object.freeze(row.tenant), keyId: row.keyId, kind: row.kind };
  }

  /**
   * Reads `key` through `map`: the pending or settled promise is shared, so concurrent misses make one
   * query. A fill that an invalidation overtook is returned to its callers but not kept.
   */
  #memo<T>(map: Map<string, Slot<T>>, key: string, load: () => Promise<T>): Maybe<T> {
    if (!this.#live) return load();
    const slot = map.get(key);
    if (slot) return slot.settled ? slot.settled.value : slot.value;
    const fresh: Slot<T> = { value: load() };
    map.set(key, fresh);
    fresh.value.then(
      (value) => (fresh.settled = { value }),
      () => map.get(key) === fresh && map.delete(key),
    );
    return fresh.value;
  }

  /** SHA-256 of a key; remembered for publishable keys (at most `maxKeys`). */
  #hashOf(token: string): string {
    if (!token.startsWith('tk_pub_')) return sha256(token);
    let hash = this.#publishableHashes.get(token);
    if (hash === undefined) {
      if (this.#publishableHashes.size >= this.#maxKeys) this.#publishableHashes.clear();
      this.#publishableHashes.set(token, (hash = sha256(token)));
    }
    return hash;
  }
}

/** Drops the oldest entries (Map and Set iterate in insertion order) beyond `max`. */
function bound(collection: Map<string, unknown> | Set<string>, max: number): void {
  for (const key of collection.keys()) {
    if (collection.size <= max) return;
    collection.delete(key);
  }
}
