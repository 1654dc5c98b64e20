/**
 * BFF throughput against raw Postgres doing the same work, in one run on this machine.
 *
 *   npm run bench            (needs a Postgres server; DATABASE_URL, default the local `test` database)
 *
 * For each scenario: the BFF over HTTP (a real `bff/server.ts` process, keep-alive connections) and
 * postgres.js running the same statements without HTTP. Exits non-zero when a ratio is under budget.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import postgres from 'postgres';
import { sha256 } from '../bff/lib/crypto.js';
import { freePort } from '../test/e2e/helpers/server.js';
import { load } from './lib/load.js';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** Budgets: BFF requests/s as a share of raw Postgres doing the same statements. */
const BUDGETS: Record<string, number> = { 'GET /v1/tenant': 0.3 };

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const dbName = `telkit_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;

const port = await freePort();
const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], {
  env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), NODE_ENV: 'development', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('"msg":"listening"')) resolve();
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
server.stdout!.resume();

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(path: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(String(res.statusCode)))));
    });
    req.on('error', reject);
    req.end();
  });
}

const raw = postgres(url.toString(), { max: 10, onnotice: () => {} });
const keyHash = sha256('tk_pub_demo');
async function rawTenant(): Promise<void> {
  // The BFF's statements: key with its tenant, then the tenant's active tariffs.
  const [tenant] = await raw`select k.id as key_id, k.kind as key_kind, t.*
    from api_keys k join tenants t on t.id = k.tenant_id where k.token_hash = ${keyHash} and k.revoked_at is null limit 1`;
  const tariffs = await raw`select * from tariffs where tenant_id = ${tenant!.id} and active order by sort_order, name`;
  JSON.stringify({ tenant, tariffs });
}

const results: { scenario: string; bff: Awaited<ReturnType<typeof load>>; raw: Awaited<ReturnType<typeof load>> }[] = [];
try {
  const scenario = 'GET /v1/tenant';
  await load(() => get('/v1/tenant', 'tk_pub_demo'), { concurrency: CONCURRENCY, seconds: 2 }); // warm-up
  const bff = await load(() => get('/v1/tenant', 'tk_pub_demo'), { concurrency: CONCURRENCY, seconds: SECONDS });
  await load(rawTenant, { concurrency: CONCURRENCY, seconds: 2 });
  const direct = await load(rawTenant, { concurrency: CONCURRENCY, seconds: SECONDS });
  results.push({ scenario, bff, raw: direct });
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await raw.end();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  agent.destroy();
}

let failed = false;
console.log(`\nconcurrency ${CONCURRENCY}, ${SECONDS} s per side\n`);
console.log('scenario             side  req/s    p50 ms  p99 ms  errors');
for (const r of results) {
  for (const [side, m] of [['bff', r.bff], ['raw', r.raw]] as const) {
    console.log(`${r.scenario.padEnd(20)} ${side}   ${m.rps.toFixed(0).padStart(6)}  ${m.p50.toFixed(1).padStart(6)}  ${m.p99.toFixed(1).padStart(6)}  ${m.errors}`);
  }
  const ratio = r.bff.rps / r.raw.rps;
  const budget = BUDGETS[r.scenario] ?? 0;
  const ok = ratio >= budget && r.bff.errors === 0;
  failed ||= !ok;
  console.log(`${r.scenario.padEnd(20)} ratio ${ratio.toFixed(2)} (budget ≥ ${budget}) ${ok ? 'ok' : 'OVER BUDGET'}\n`);
}
process.exit(failed ? 1 : 0);
