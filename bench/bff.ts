/**
 * BFF throughput against raw Postgres doing the same work, in one run on this machine.
 *
 *   npm run bench            (needs a Postgres server; DATABASE_URL, default the local `test` database)
 *
 * For each scenario: the BFF over HTTP (a real `bff/server.ts` process, keep-alive connections) and
 * postgres.js running the same statements without HTTP. Exits non-zero when a ratio is under budget.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import postgres from 'postgres';
import { sha256 } from '../bff/lib/crypto.js';
import { freePort } from '../test/e2e/helpers/server.js';
import { load } from './lib/load.js';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** Budgets: BFF requests/s as a share of raw Postgres doing the same statements. */
const BUDGETS: Record<string, number> = { 'GET /v1/tenant': 0.3, 'POST /v1/signups': 0.5 };

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const dbName = `telkit_bench_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;

const port = await freePort();
// BENCH_PROFILE=dir writes a V8 CPU profile of the BFF process there (open it in Chrome DevTools).
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'bff/server.ts'], {
  // TRUST_PROXY: the load comes from "many clients" (X-Forwarded-For), as behind a load balancer.
  // OUTBOX_WORKER=off: the request path alone; delivery is measured apart from it.
  env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), NODE_ENV: 'development', LOG_LEVEL: 'info', TRUST_PROXY: 'true', OUTBOX_WORKER: 'off' },
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
let client = 0;
function send(method: string, path: string, key: string, body?: string, expect = 200): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client++ & 255}` };
    if (body) headers['content-type'] = 'application/json';
    const req = request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === expect ? resolve() : reject(new Error(String(res.statusCode)))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const get = (path: string, key: string) => send('GET', path, key);

const raw = postgres(url.toString(), { max: 10, onnotice: () => {} });
const keyHash = sha256('tk_pub_demo');
async function rawTenant(): Promise<void> {
  // The BFF's statements: key with its tenant, then the tenant's active tariffs.
  const [tenant] = await raw`select k.id as key_id, k.kind as key_kind, t.*
    from api_keys k join tenants t on t.id = k.tenant_id where k.token_hash = ${keyHash} and k.revoked_at is null limit 1`;
  const tariffs = await raw`select * from tariffs where tenant_id = ${tenant!.id} and active order by sort_order, name`;
  JSON.stringify({ tenant, tariffs });
}

// A private signup as the widget sends it, and the same writes done directly: signup, mandate, link, outbox.
const [tariff] = await raw`select id from tariffs where code = 'partner-privat'`;
const [tenantRow] = await raw`select id, terms_version from tenants where slug = 'demo-reseller'`;
let n = 0;
const signupBody = () =>
  JSON.stringify({
    accountType: 'private',
    person: {
      salutation: 'ms',
      firstName: 'Anna',
      lastName: 'Muster',
      birthDate: '1985-03-27',
      email: `bench${n++}@example.com`,
      mobile: '0170 1234567',
      address: { street: 'Musterstraße', houseNumber: '1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    },
    tariffId: tariff!.id,
    payment: { method: 'sepa', accountHolder: 'Anna Muster', iban: 'DE89 3704 0044 0532 0130 00', mandateAccepted: true },
    terms: { accepted: true, version: tenantRow!.terms_version },
  });
async function rawSignup(): Promise<void> {
  // What the BFF writes, as postgres.js would without it: ids made up front, the four inserts pipelined in one transaction.
  const id = randomUUID();
  await raw.begin((tx) => [
    tx`insert into signups (id, tenant_id, account_type, tariff_id, data, display_name, email, mobile, locale, payment_method, evidence)
      values (${id}, ${tenantRow!.id}, 'private', ${tariff!.id}, ${tx.json({ person: { firstName: 'Anna' } })}, 'Anna Muster', ${`raw${n++}@example.com`}, '+491701234567', 'de', 'sepa', ${tx.json({ at: new Date().toISOString() })})
      returning *`,
    tx`insert into sepa_mandates (tenant_id, signup_id, reference, scheme, account_holder, iban_sealed, iban_last4, mandate_text, signed_at)
      values (${tenantRow!.id}, ${id}, ${`DR-${n}-${Math.random().toString(36).slice(2, 10)}`}, 'core', 'Anna Muster', 'sealed', '3000', 'text', now())`,
    tx`insert into email_links (tenant_id, purpose, subject_id, token_hash, expires_at) values (${tenantRow!.id}, 'signup', ${id}, ${`h${n}-${Math.random()}`}, now() + interval '1 day')`,
    tx`insert into outbox (tenant_id, channel, payload) values (${tenantRow!.id}, 'email', ${tx.json({ to: 'x', subject: 'y', text: 'z' })}) returning id`,
  ]);
}

const results: { scenario: string; bff: Awaited<ReturnType<typeof load>>; raw: Awaited<ReturnType<typeof load>> }[] = [];
try {
  const scenario = 'GET /v1/tenant';
  await load(() => get('/v1/tenant', 'tk_pub_demo'), { concurrency: CONCURRENCY, seconds: 2 }); // warm-up
  const bff = await load(() => get('/v1/tenant', 'tk_pub_demo'), { concurrency: CONCURRENCY, seconds: SECONDS });
  await load(rawTenant, { concurrency: CONCURRENCY, seconds: 2 });
  const direct = await load(rawTenant, { concurrency: CONCURRENCY, seconds: SECONDS });
  results.push({ scenario, bff, raw: direct });

  const post = () => send('POST', '/v1/signups', 'tk_pub_demo_reseller', signupBody(), 201);
  await load(post, { concurrency: CONCURRENCY, seconds: 2 });
  const bffSignup = await load(post, { concurrency: CONCURRENCY, seconds: SECONDS });
  await load(rawSignup, { concurrency: CONCURRENCY, seconds: 2 });
  const rawSignups = await load(rawSignup, { concurrency: CONCURRENCY, seconds: SECONDS });
  results.push({ scenario: 'POST /v1/signups', bff: bffSignup, raw: rawSignups });
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
