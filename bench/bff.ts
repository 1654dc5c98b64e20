/**
 * BFF throughput against its baselines, in one run on this machine (see bench/README.md).
 *
 *   npm run bench:bff        (needs a Postgres server: DATABASE_URL, default the local `test` database)
 *
 * - `GET /v1/tenant` on a real `bff/server.ts` process against a bare node:http hello-world (and, for
 *   context, a bare Hono app), each in its own process, all loaded by wrk with the same threads,
 *   connections and duration.
 * - `POST /v1/signups` on the BFF (loaded by wrk) against postgres.js sending the statements the BFF
 *   sends for one signup (bench/lib/signup-statements.ts), without HTTP.
 * - `POST /v1/numbers/check` (10 numbers and a DDI block, a partner agent's session) on the BFF against
 *   bare node:http + postgres.js sending the same statements (bench/lib/numbers-raw.ts), both under wrk.
 *
 * Exits non-zero when a ratio is under its budget or a side had errors.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { freePort } from '../test/e2e/helpers/server.js';
import { load } from './lib/load.js';
import { rawSignup, signupSample } from './lib/signup-statements.js';
import { ensureWrk, headersLua, type Measured, wrk } from './lib/wrk.js';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Each side is measured this many times, alternating, and its best run counts. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? process.env.BENCH_CONCURRENCY ?? 32);
/** One wrk thread: the load generator takes at most one of the machine's cores. */
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
/** `tenant`, `signups` or `numbers` runs that scenario alone. */
const ONLY = process.env.BENCH_ONLY;
const TENANT = 'GET /v1/tenant';
const SIGNUPS = 'POST /v1/signups';
const NUMBERS = 'POST /v1/numbers/check';
/** Budgets: the BFF's requests/s as a share of its baseline's. */
const BUDGETS: Record<string, number> = { [TENANT]: 0.4, [SIGNUPS]: 0.5, [NUMBERS]: 0.5 };
const runs = (scenario: string) => !ONLY || ONLY === scenario;

ensureWrk();

/** Starts a node process and resolves when it prints `listening`. */
async function start(args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // the BFF's request log goes to a pipe, as it would to a log collector
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The best of the rounds: load on a shared machine only ever slows a side down. */
function best(runs: Measured[]): Measured {
  return runs.reduce((a, b) => (b.rps > a.rps ? b : a));
}

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const dbName = `telkit_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database "${dbName}"`);
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${dbName}`;

const children: ChildProcess[] = [];
const raw = postgres(dbUrl.toString(), { max: 10, onnotice: () => {} });
const rows: { scenario: string; side: string; m: Measured; of?: string }[] = [];
try {
  const bffPort = await freePort();
  const bffUrl = `http://127.0.0.1:${bffPort}`;
  const origin = `http://localhost:${bffPort}`; // the demo tenants' allowed origin (PUBLIC_URL's default)
  // BENCH_PROFILE=dir writes a V8 CPU profile of the BFF process there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  children.push(
    await start([...profile, '--import', 'tsx', 'bff/server.ts'], {
      DATABASE_URL: dbUrl.toString(),
      PORT: String(bffPort),
      TELKIT_DEV: '1', // the demo tenants and keys the load uses
      LOG_LEVEL: 'info',
      // TRUST_PROXY: the load comes from "many clients" (X-Forwarded-For), as behind a load balancer.
      TRUST_PROXY: 'true',
      // The request path alone; delivery is measured apart from it.
      OUTBOX_WORKER: 'off',
    }),
  );
  const wrkRun = (url: string, lua: string, seconds: number) => wrk({ url, threads: THREADS, connections: CONNECTIONS, seconds, lua });

  if (runs('tenant')) {
    // GET /v1/tenant: what a browser on the tenant's site sends; every server gets the same request.
    const lua = headersLua({ authorization: 'Bearer tk_pub_demo', origin, 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' });
    const sides: { side: string; url: string; of?: string; runs: Measured[] }[] = [
      { side: 'bare node:http hello-world', url: '', runs: [] },
      { side: 'bare Hono hello-world', url: '', runs: [] },
      { side: 'BFF', url: `${bffUrl}/v1/tenant`, of: 'bare node:http hello-world', runs: [] },
    ];
    for (const [i, kind] of ['node', 'hono'].entries()) {
      const port = await freePort();
      children.push(await start(['--import', 'tsx', 'bench/lib/hello.ts', kind, String(port)]));
      sides[i]!.url = `http://127.0.0.1:${port}/`;
    }
    for (const s of sides) await wrkRun(s.url, lua, WARMUP);
    for (let round = 0; round < ROUNDS; round++) for (const s of sides) s.runs.push(await wrkRun(s.url, lua, SECONDS));
    for (const s of sides) rows.push({ scenario: TENANT, side: s.side, m: best(s.runs), of: s.of });
  }

  if (runs('signups')) {
    // POST /v1/signups: each request a new client address (per-IP limit), e-mail and Idempotency-Key.
    const [tariff] = await raw`select id from tariffs where code = 'partner-privat'`;
    const [reseller] = await raw`select id, terms_version from tenants where slug = 'demo-reseller'`;
    const body = JSON.stringify({
      accountType: 'private',
      person: {
        salutation: 'ms',
        firstName: 'Anna',
        lastName: 'Muster',
        birthDate: '1985-03-27',
        email: 'EMAIL',
        mobile: '0170 1234567',
        address: { street: 'Musterstraße', houseNumber: '1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      },
      tariffId: tariff!.id,
      payment: { method: 'sepa', accountHolder: 'Anna Muster', iban: 'DE89 3704 0044 0532 0130 00', mandateAccepted: true },
      terms: { accepted: true, version: reseller!.terms_version },
    });
    let run = 0;
    // A Lua script per run: its number keeps e-mails, keys and client addresses apart from other runs'.
    const signupLua = () => `
      local threads = 0
      function setup(thread) thread:set("tid", threads); threads = threads + 1 end
      local n = 0
      local run = ${run++}
      local body = ${JSON.stringify(body)}
      function request()
        n = n + 1
        local id = string.format("%d-%d-%d", run, tid, n)
        return wrk.format("POST", "/v1/signups", {
          ["authorization"] = "Bearer tk_pub_demo_reseller",
          ["content-type"] = "application/json",
          ["origin"] = "${origin}",
          ["idempotency-key"] = "bench-" .. id,
          ["x-forwarded-for"] = string.format("10.%d.%d.%d", (run * 8 + tid) % 256, math.floor(n / 256) % 256, n % 256),
        }, (body:gsub("EMAIL", "bench-" .. id .. "@example.com")))
      end`;
    const bffRuns: Measured[] = [];
    const rawRuns: Measured[] = [];
    await wrkRun(bffUrl, signupLua(), WARMUP);
    const sample = await signupSample(raw, reseller!.id); // the rows the BFF just wrote, as the baseline's values
    await load(() => rawSignup(raw, sample), { concurrency: CONNECTIONS, seconds: WARMUP });
    for (let round = 0; round < ROUNDS; round++) {
      bffRuns.push(await wrkRun(bffUrl, signupLua(), SECONDS));
      rawRuns.push(await load(() => rawSignup(raw, sample), { concurrency: CONNECTIONS, seconds: SECONDS }));
    }
    const baseline = 'raw postgres.js, same statements';
    rows.push({ scenario: SIGNUPS, side: 'BFF', m: best(bffRuns), of: baseline }, { scenario: SIGNUPS, side: baseline, m: best(rawRuns) });
  }

  if (runs('numbers')) {
    // POST /v1/numbers/check: 10 single numbers and a block of 10, from partner agents' sessions of the
    // demo reseller (256 agents, so that the per-agent limit of the route is not what is measured), with
    // an open order of the reseller in the table so that the overlap statement finds something.
    const [reseller] = await raw`select id from tenants where slug = 'demo-reseller'`;
    const tenantId = reseller!.id as string;
    const AGENTS = 256;
    const tokens: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const [user] = await raw`
        insert into users (tenant_id, role, username, display_name, email, mobile)
        values (${tenantId}, 'partner_agent', ${`bench.agent.${i}`}, ${`Bench Agent ${i}`}, ${`bench.agent.${i}@example.com`}, ${`+4917600${String(i).padStart(5, '0')}`})
        returning id`;
      const token = `tk_ses_bench_${randomBytes(24).toString('base64url')}`;
      const hash = createHash('sha256').update(token).digest('hex');
      await raw`
        insert into sessions (tenant_id, user_id, token_hash, source, expires_at, last_seen_at)
        values (${tenantId}, ${user!.id}, ${hash}, 'login', now() + interval '2 hours', now())`;
      tokens.push(token);
    }
    const [agent] = await raw`select id from users where tenant_id = ${tenantId} and role = 'partner_agent' limit 1`;
    const [order] = await raw`insert into port_orders (tenant_id, reference, created_by, status) values (${tenantId}, 'PO-BENCH1', ${agent!.id}, 'submitted') returning id`;
    await raw`
      insert into port_order_numbers (tenant_id, order_id, position, input, kind, range_first, range_last)
      values (${tenantId}, ${order!.id}, 0, '+41 44 999 00 0x', 'block', '+41449990000', '+41449990009')`;
    const body = JSON.stringify({
      country: 'CH',
      lines: [...Array.from({ length: 10 }, (_, i) => `044 123 45 ${String(10 + i)}`), '+41 44 123 46 0x'],
    });
    const numbersLua = `
      local tokens = { ${tokens.map((tk) => JSON.stringify(tk)).join(', ')} }
      local n = 0
      function request()
        n = n + 1
        return wrk.format("POST", "/v1/numbers/check", {
          ["authorization"] = "Bearer " .. tokens[(n % #tokens) + 1],
          ["content-type"] = "application/json",
          ["origin"] = "${origin}",
        }, ${JSON.stringify(body)})
      end`;
    const rawPort = await freePort();
    children.push(await start(['--import', 'tsx', 'bench/lib/numbers-raw.ts', String(rawPort), dbUrl.toString()]));
    const rawUrl = `http://127.0.0.1:${rawPort}/v1/numbers/check`;
    const bffRuns: Measured[] = [];
    const rawRuns: Measured[] = [];
    await wrkRun(`${bffUrl}/v1/numbers/check`, numbersLua, WARMUP);
    await wrkRun(rawUrl, numbersLua, WARMUP);
    for (let round = 0; round < ROUNDS; round++) {
      bffRuns.push(await wrkRun(`${bffUrl}/v1/numbers/check`, numbersLua, SECONDS));
      rawRuns.push(await wrkRun(rawUrl, numbersLua, SECONDS));
    }
    const baseline = 'raw node:http + postgres.js';
    rows.push({ scenario: NUMBERS, side: 'BFF', m: best(bffRuns), of: baseline }, { scenario: NUMBERS, side: baseline, m: best(rawRuns) });
  }
} finally {
  for (const child of children) await stop(child);
  await raw.end();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}

let failed = false;
console.log(`\nwrk: ${THREADS} thread, ${CONNECTIONS} connections; raw: ${CONNECTIONS} concurrent loops; best of ${ROUNDS} runs of ${SECONDS} s per side, after ${WARMUP} s warm-up\n`);
console.log(`${'scenario'.padEnd(18)} ${'side'.padEnd(34)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} errors`);
for (const r of rows) {
  const { rps, p50, p99, errors } = r.m;
  console.log(`${r.scenario.padEnd(18)} ${r.side.padEnd(34)} ${rps.toFixed(0).padStart(7)} ${p50.toFixed(2).padStart(7)} ${p99.toFixed(2).padStart(7)} ${errors}`);
  failed ||= errors > 0;
}
console.log('');
for (const r of rows.filter((x) => x.of)) {
  const base = rows.find((x) => x.scenario === r.scenario && x.side === r.of)!;
  const ratio = r.m.rps / base.m.rps;
  const budget = BUDGETS[r.scenario]!;
  const ok = ratio >= budget && r.m.errors === 0 && base.m.errors === 0;
  failed ||= !ok;
  console.log(`${r.scenario.padEnd(18)} BFF ÷ ${r.of}: ${ratio.toFixed(2)} (budget ≥ ${budget}) ${ok ? 'ok' : 'OVER BUDGET'}`);
}
const hono = rows.find((x) => x.side === 'bare Hono hello-world');
const node = rows.find((x) => x.side === 'bare node:http hello-world');
if (hono && node) console.log(`${''.padEnd(18)} (bare Hono ÷ bare node:http: ${(hono.m.rps / node.m.rps).toFixed(2)})`);
process.exit(failed ? 1 : 0);
