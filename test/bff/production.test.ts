import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bareEnv } from './helpers/env.js';

describe('a bare start is production', () => {
  for (const entry of ['bff/server.ts', 'bff/worker.ts']) {
    it(`\`tsx ${entry}\` without configuration exits 1 with one line`, () => {
      const result = spawnSync('npx', ['tsx', entry], { env: bareEnv(), encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(1);
      const lines = result.stderr.trim().split('\n').filter((l) => l && !l.startsWith('npm warn'));
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^telkit: .*DATABASE_URL/);
      if (entry === 'bff/server.ts') expect(lines[0]).toMatch(/TELKIT_SECRET is required in production; PUBLIC_URL is required in production; DATABASE_URL is required in production/);
      expect(result.stdout).toBe('');
    });
  }

  it('with a database but no secret the worker refuses too', () => {
    const result = spawnSync('npx', ['tsx', 'bff/worker.ts'], { env: { ...bareEnv(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n').filter((l) => l && !l.startsWith('npm warn'));
    expect(lines).toEqual([expect.stringMatching(/^telkit: invalid configuration: TELKIT_SECRET is required in production; PUBLIC_URL is required in production \(for the local demo: npm start, or TELKIT_DEV=1\)$/)]);
  });
});
