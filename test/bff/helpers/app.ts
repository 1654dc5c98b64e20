import { randomBytes } from 'node:crypto';
import { createApp } from '../../../bff/app.js';
import type { Db } from '../../../bff/db/client.js';
import { tariffs, tenantOrigins, tenants } from '../../../bff/db/schema/index.js';
import { storeKey } from '../../../bff/domain/api-keys.js';
import type { TrustProxy } from '../../../bff/lib/client-ip.js';
import type { Clock, Deps } from '../../../bff/lib/context.js';
import { createLogger } from '../../../bff/lib/logger.js';
import { TenantCache } from '../../../bff/lib/tenant-cache.js';
import { createTestDatabase } from './db.js';

/**
 * A clock tests can move: real time plus an offset that `advance` and `set` change. It keeps running, so
 * rows the database stamps with now() (outbox messages) are due for a worker reading this clock.
 */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
    set(date: Date) {
      offset = date.getTime() - Date.now();
    },
  } satisfies Clock & Record<string, unknown>;
}

export interface TestTenant {
  id: string;
  name: string;
  origin: string;
  publishableKey: string;
  secretKey: string;
}

/** A tenant with one key of each kind, one allowed origin and one tariff per account type. */
export async function seedTenant(db: Db, label: string, options: { parentId?: string } = {}): Promise<TestTenant> {
  const tag = `${label}-${randomBytes(4).toString('hex')}`;
  const origin = `https://${tag}.example`;
  const [tenant] = await db
    .insert(tenants)
    .values({
      kind: options.parentId ? 'reseller' : 'operator',
      parentId: options.parentId ?? null,
      slug: tag,
      name: `Tenant ${tag}`,
      theme: { 'color-primary': '#123456' },
      termsUrl: `${origin}/terms`,
      termsVersion: `v-${tag}`,
      privacyUrl: `${origin}/privacy`,
      imprintUrl: `${origin}/imprint`,
      supportEmail: `support@${tag}.example`,
      mailFromName: `Tenant ${tag}`,
      mailFromAddress: `no-reply@${tag}.example`,
      sipDomain: `sip.${tag}.example`,
      customerNumberPrefix: tag.slice(0, 2).toUpperCase(),
    })
    .returning();
  const id = tenant!.id;
  await db.insert(tenantOrigins).values({ tenantId: id, origin });
  const publishableKey = `tk_pub_${tag}_${randomBytes(8).toString('hex')}`;
  const secretKey = `tk_sec_${tag}_${randomBytes(8).toString('hex')}`;
  await storeKey(db, id, 'publishable', publishableKey, 'test');
  await storeKey(db, id, 'secret', secretKey, 'test');
  await db.insert(tariffs).values([
    { tenantId: id, code: `${tag}-private`, name: `Private ${tag}`, accountTypes: ['private'], monthlyPriceCents: 990, oneOffFeeCents: 0, minimumTermMonths: 1, noticePeriodMonths: 1 },
    { tenantId: id, code: `${tag}-pro`, name: `Pro ${tag}`, accountTypes: ['professional'], monthlyPriceCents: 1490, oneOffFeeCents: 500, minimumTermMonths: 12, noticePeriodMonths: 1 },
    { tenantId: id, code: `${tag}-biz`, name: `Biz ${tag}`, accountTypes: ['business'], monthlyPriceCents: 2990, oneOffFeeCents: 4900, minimumTermMonths: 24, noticePeriodMonths: 3 },
    // For co-users of business accounts only: offered in `tk-sub-users`, not in the signup.
    { tenantId: id, code: `${tag}-co`, name: `Co ${tag}`, accountTypes: [], forSubUsers: true, forPorting: false, monthlyPriceCents: 990, oneOffFeeCents: 0, minimumTermMonths: 12, noticePeriodMonths: 1, sortOrder: 10 },
    { tenantId: id, code: `${tag}-co-flex`, name: `Co flex ${tag}`, accountTypes: [], forSubUsers: true, forPorting: false, monthlyPriceCents: 1490, oneOffFeeCents: 0, minimumTermMonths: 0, noticePeriodMonths: 1, sortOrder: 11 },
  ]);
  return { id, name: tenant!.name, origin, publishableKey, secretKey };
}

/** The app on a fresh database, with a movable clock and the log lines it wrote. */
export async function createTestApp(options: { nodeEnv?: Deps['env']['nodeEnv']; trustProxy?: TrustProxy } = {}) {
  const database = await createTestDatabase();
  const clock = testClock();
  const logLines: string[] = [];
  const log = createLogger('debug', (line) => logLines.push(line));
  const tenantCache = new TenantCache(database.db, { listen: database.listen, log });
  await tenantCache.ready();
  const deps: Deps = {
    db: database.db,
    env: {
      nodeEnv: options.nodeEnv ?? 'test',
      publicUrl: 'http://localhost:8787',
      secret: 'test-secret-test-secret-test-secret-0123',
      // One proxy hop: tests send the client address as the last `X-Forwarded-For` entry.
      trustProxy: options.trustProxy ?? 1,
    },
    clock,
    log,
    tenantCache,
  };
  const app = createApp(deps);
  const close = async () => {
    await tenantCache.close();
    await database.close();
  };
  return { app, db: database.db, database, clock, deps, logLines, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Request helper: JSON in, parsed body out. */
export async function call(
  app: TestApp['app'],
  method: string,
  path: string,
  options: { key?: string; origin?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.origin) headers.origin = options.origin;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
