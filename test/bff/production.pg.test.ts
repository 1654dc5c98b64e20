import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../../bff/db/schema/index.js';
import { freePort } from '../e2e/helpers/server.js';
import { createTestDatabase } from './helpers/db.js';
import { bareEnv } from './helpers/env.js';

// Production with its three required settings, on a fresh Postgres database: no development feature.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn('npx', ['tsx', 'bff/server.ts'], {
    env: { ...bareEnv(), PORT: String(port), DATABASE_URL: database.url!, PUBLIC_URL: url, TELKIT_SECRET: 'p'.repeat(40), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  for (let i = 0; i < 600 && !output.includes('"msg":"listening"'); i++) await new Promise((r) => setTimeout(r, 100));
  expect(output).toContain('"msg":"listening"');
});
afterAll(async () => {
  if (child?.pid) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  await database?.close();
});

describe('production (no TELKIT_DEV)', () => {
  it('serves no /dev/* and no demo page', async () => {
    for (const path of ['/dev/outbox', '/dev/outbox.json', '/']) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(output).not.toContain('tk_pub_demo');
    // Without transports it starts, but says that messages (with their codes) wait unsent.
    expect(output).toContain('SMTP_URL is not set: such messages are held in the outbox, not sent');
    expect(output).toContain('SMS_WEBHOOK_URL is not set');
  });

  it('seeds no demo tenant and accepts no demo key', async () => {
    expect(await database.db.select().from(tenants)).toEqual([]);
    const res = await fetch(`${url}/v1/tenant`, { headers: { authorization: 'Bearer tk_pub_demo' } });
    expect(res.status).toBe(401);
  });

  it('sends HSTS', async () => {
    expect((await fetch(`${url}/readyz`)).headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});
