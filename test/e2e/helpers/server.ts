import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  url: string;
  output: () => string;
  /** SIGTERM to the whole process group (npm, tsx, node), then waits until every one of them is gone. */
  stop: () => Promise<void>;
}

/** Runs `npm start` as a user would, with `env` on top of a clean environment; resolves once it listens. */
export async function npmStart(env: Record<string, string>, timeoutMs = 90_000): Promise<Started> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    env: { ...inherited, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen in time:\n${out}`)), timeoutMs);
    const check = () => {
      if (/"msg":"listening"/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });
  return {
    url: env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`,
    output: () => out,
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      for (let i = 0; i < 200; i++) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error('npm start did not stop within 20 s');
    },
  };
}

/**
 * `npm start` on a fresh PGlite directory and a free port; `stop()` ends it and removes the data. `host`
 * `localhost` for passkeys: browsers refuse an IP address as a relying party ID.
 */
export async function startFresh(name: string, o: { host?: 'localhost' | '127.0.0.1' } = {}): Promise<Started> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), `telkit-${name}-`));
  const port = await freePort();
  const started = await npmStart({ PORT: String(port), PGLITE_DIR: join(dir, 'pglite'), PUBLIC_URL: `http://${o.host ?? '127.0.0.1'}:${port}` });
  return {
    ...started,
    async stop() {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
