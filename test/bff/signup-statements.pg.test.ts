import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSignup, SIGNUP_ROUND_TRIPS, signupSample } from '../../bench/lib/signup-statements.js';
import { createApp } from '../../bff/app.js';
import { type Database, openDatabase } from '../../bff/db/client.js';
import { signups, tariffs } from '../../bff/db/schema/index.js';
import { createLogger } from '../../bff/lib/logger.js';
import { TenantCache } from '../../bff/lib/tenant-cache.js';
import { privateSignup } from '../contract/fixtures.js';
import { call, createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';

// Postgres only (postgres.js `debug` sees every statement sent). The bench's baseline must send what the
// BFF sends for one signup: the same SQL, in the same order, in the same round trips.

interface Sent {
  sql: string;
  parameters: number;
  /** Event-loop turn it was sent in: statements sent in one turn go out together (pipelined). */
  turn: number;
}

/** Records statements sent through `debug` while `capture` runs, with the event-loop turn of each. */
function recorder() {
  const sent: Sent[] = [];
  let turn = 0;
  let on = false;
  const tick = () => {
    turn++;
    if (on) setImmediate(tick);
  };
  return {
    debug: (_connection: number, sql: string, parameters: unknown[]) => on && sent.push({ sql, parameters: parameters.length, turn }),
    async capture(run: () => Promise<unknown>): Promise<Sent[]> {
      sent.length = 0;
      on = true;
      tick();
      try {
        await run();
      } finally {
        on = false;
      }
      return [...sent];
    },
  };
}

/** Consecutive statements of one turn form one round trip. */
const roundTrips = (sent: Sent[]) =>
  sent.reduce<Sent[][]>((trips, s) => {
    const last = trips.at(-1);
    if (last && last[0]!.turn === s.turn) last.push(s);
    else trips.push([s]);
    return trips;
  }, []);

let t: TestApp;
let tenant: TestTenant;
let tariffId: string;
const bff = recorder();
const raw = recorder();
let bffDatabase: Database;
let app: ReturnType<typeof createApp>;
let cache: TenantCache;
let rawSql: postgres.Sql;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'statements');
  tariffId = (await t.db.select().from(tariffs).where(eq(tariffs.tenantId, tenant.id))).find((r) => r.accountTypes.includes('private'))!.id;
  // One connection each, so the warm-up prepares every statement on the connection the capture uses
  // (a statement's first use on a connection is described first, which stops pipelining).
  bffDatabase = openDatabase({ url: t.database.url!, poolSize: 1, debug: bff.debug });
  cache = new TenantCache(bffDatabase.db, { listen: bffDatabase.listen });
  await cache.ready();
  app = createApp({ ...t.deps, db: bffDatabase.db, log: createLogger('silent'), tenantCache: cache });
  rawSql = postgres(t.database.url!, { max: 1, onnotice: () => {}, debug: raw.debug });
});
afterAll(async () => {
  await rawSql?.end();
  await cache?.close();
  await bffDatabase?.close();
  await t?.close();
});

let n = 0;
function signUp() {
  const body: Record<string, any> = privateSignup();
  body.tariffId = tariffId;
  body.terms.version = `v-${tenant.name.replace('Tenant ', '')}`;
  body.person.email = `statements${n}@example.com`;
  return call(app, 'POST', '/v1/signups', {
    key: tenant.publishableKey,
    body,
    headers: { 'idempotency-key': `statements-${n}`, 'x-forwarded-for': `198.51.100.${n++}` },
  });
}

describe('one signup', () => {
  it('the BFF sends the statements of bench/lib/signup-statements.ts, and so does the baseline', async () => {
    // Warm: the cache holds the key and the tariffs, and the seed's notifications have all arrived (two
    // lookups 50 ms apart send nothing).
    const getTenant = () => bff.capture(() => call(app, 'GET', '/v1/tenant', { key: tenant.publishableKey }));
    const statementsOfTwo = async () => {
      const first = await getTenant();
      await new Promise((r) => setTimeout(r, 50));
      return first.length + (await getTenant()).length;
    };
    await expect.poll(statementsOfTwo, { timeout: 3000 }).toBe(0);
    expect((await signUp()).status).toBe(201);

    let status = 0;
    const fromBff = await bff.capture(async () => (status = (await signUp()).status));
    expect(status).toBe(201);
    // The baseline, warmed like the BFF (its statements prepared on its connection).
    const sample = await signupSample(rawSql, tenant.id);
    await rawSignup(rawSql, sample);
    const rawSignupStatements = await raw.capture(() => rawSignup(rawSql, sample));

    const texts = (trips: Sent[][]) => trips.map((trip) => trip.map((s) => s.sql));
    expect(texts(roundTrips(fromBff))).toEqual(SIGNUP_ROUND_TRIPS);
    expect(texts(roundTrips(rawSignupStatements))).toEqual(SIGNUP_ROUND_TRIPS);
    expect(rawSignupStatements.map((s) => s.parameters)).toEqual(fromBff.map((s) => s.parameters));
  });

  it("the baseline's rows are stored like the BFF's", async () => {
    const before = (await t.db.select().from(signups).where(eq(signups.tenantId, tenant.id))).length;
    await rawSignup(rawSql, await signupSample(rawSql, tenant.id));
    expect(await t.db.select().from(signups).where(eq(signups.tenantId, tenant.id))).toHaveLength(before + 1);
  });
});
