import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, npmStart } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'telkit-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('runs on PGlite with no setup, seeds the demo, and keeps data across a restart', async () => {
    const port = await freePort();
    const env = { PORT: String(port), PGLITE_DIR: join(dir, 'pglite'), PUBLIC_URL: `http://localhost:${port}` };
    const first = await npmStart(env);
    try {
      expect(first.output()).toContain('tk_pub_demo');
      expect(first.output()).toContain('/dev/outbox');
      const ready = await fetch(`${first.url}/readyz`);
      expect(ready.status).toBe(200);
      const tenant = await (await fetch(`${first.url}/v1/tenant`, { headers: { authorization: 'Bearer tk_pub_demo' } })).json();
      expect(tenant.name).toBe('Demo Telecom');
      const reseller = await (await fetch(`${first.url}/v1/tenant`, { headers: { authorization: 'Bearer tk_pub_demo_reseller', origin: `http://localhost:${port}` } })).json();
      expect(reseller.name).toBe('Demo Reseller');
      const created = await fetch(`${first.url}/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: 'Bearer tk_sec_demo', 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'publishable', label: 'survives restart' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await first.stop();
    }

    const second = await npmStart(env);
    try {
      const list = await (await fetch(`${second.url}/v1/api-keys`, { headers: { authorization: 'Bearer tk_sec_demo' } })).json();
      expect(list.keys.map((k: { label: string }) => k.label)).toContain('survives restart');
      const tenant = await (await fetch(`${second.url}/v1/tenant`, { headers: { authorization: 'Bearer tk_pub_demo' } })).json();
      expect(tenant.tariffs).toHaveLength(6); // four for signups, two for co-users: the seed ran again without duplicating
      // The demo logins it prints work: the partner agent gets a PIN challenge (the PIN is in the dev outbox).
      expect(second.output()).toContain('demo.agent / Demo-Agent-Passwort-2026');
      const login = await fetch(`${second.url}/v1/sessions`, {
        method: 'POST',
        headers: { authorization: 'Bearer tk_pub_demo_reseller', origin: `http://localhost:${port}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo.agent', password: 'Demo-Agent-Passwort-2026' }),
      });
      expect(login.status).toBe(202);
      const { messages } = await (await fetch(`${second.url}/dev/outbox.json`)).json();
      expect(messages.some((m: { channel: string; text: string }) => m.channel === 'sms' && /\b\d{6}\b/.test(m.text))).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('exits 1 with a one-line message, no stack trace, on invalid configuration', () => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const result = spawnSync('npm', ['start', '--silent'], {
      env: { ...inherited, PORT: 'not-a-port', SMTP_URL: 'ftp://x' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'));
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^telkit: invalid configuration: .*PORT.*SMTP_URL/);
    expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
  });
});
