import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one side of a scenario measured: requests/s, latency percentiles in ms, failed requests. */
export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Installs Debian's `wrk` when it is missing (the bench only; `npm test` never needs it). */
export function ensureWrk(): void {
  if (spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0) return;
  console.log('wrk is missing: apt-get install -y wrk');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  execFileSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), 'install', '-y', 'wrk'], { stdio: 'inherit' });
}

// Appended to every script: the summary as one JSON line (latencies in µs), failed requests included
// (wrk counts a status ≥ 400 as an error of kind `status`).
const REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"us":%d,"errors":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

export interface WrkOptions {
  url: string;
  threads: number;
  connections: number;
  seconds: number;
  /** Lua run in each wrk thread before the report: sets `wrk.headers`, or defines `request()`. */
  lua?: string;
}

/** Loads `url` with wrk; resolves with what it measured. */
export async function wrk({ url, threads, connections, seconds, lua = '' }: WrkOptions): Promise<Measured> {
  const script = join(mkdtempSync(join(tmpdir(), 'telkit-wrk-')), 'script.lua');
  writeFileSync(script, `${lua}\n${REPORT}`);
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, url];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const line = /^WRK (.*)$/m.exec(out);
  if (!line) throw new Error(`no summary from wrk:\n${out}`);
  const r = JSON.parse(line[1]!) as { requests: number; us: number; errors: number; p50: number; p99: number };
  return { rps: r.requests / (r.us / 1e6), p50: r.p50 / 1000, p99: r.p99 / 1000, errors: r.errors };
}

/** Lua for fixed request headers. */
export const headersLua = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
