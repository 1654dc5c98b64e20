import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../bff/db/client.js';
import { scheduledJobs } from '../../bff/db/schema/index.js';
import { type Job, type JobEnv, MINUTE, runDueJobs, SECOND } from '../../bff/jobs/scheduler.js';
import { createLogger } from '../../bff/lib/logger.js';
import { createTestDatabase } from './helpers/db.js';

// Postgres only: two workers on two connections, as two BFF instances or `npm run worker` processes have.
let first: Awaited<ReturnType<typeof createTestDatabase>>;
let second: Database;
beforeAll(async () => {
  first = await createTestDatabase();
  second = openDatabase({ url: first.url!, poolSize: 5 });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const env: JobEnv = { nodeEnv: 'test', publicUrl: 'http://localhost:8787', secret: 's'.repeat(40), outboxRetentionDays: 30 };
const log = createLogger('silent');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two workers on Postgres', () => {
  it('run each scheduled job once per due time, with an injectable clock', async () => {
    const start = new Date('2030-01-01T00:00:00.000Z');
    let now = start;
    const clock = { now: () => now };
    const runs: Record<string, { due: string; worker: number }[]> = { every: [], slow: [], failing: [] };
    const job = (name: string, every: number, work: () => Promise<unknown>): ((worker: number) => Job) => (worker) => ({
      name: `test.${name}`,
      every,
      async run({ due }) {
        runs[name]!.push({ due: due.toISOString(), worker });
        await work();
      },
    });
    const definitions = [
      job('every', MINUTE, () => pause(2)),
      job('slow', 5 * MINUTE, () => pause(15)),
      job('failing', 2 * MINUTE, async () => {
        throw new Error('always');
      }),
    ];
    const workers = [first.db, second.db].map((db, worker) => ({ db, jobs: definitions.map((d) => d(worker)) }));

    // Both workers look for due jobs as fast as they can, each on its own connection and out of step with
    // the other; time moves on in steps of 10 s once each has looked at least once at the current time (so
    // no due time is skipped as "missed while no worker was up").
    let driving = true;
    const passes = [0, 0];
    const driver = (async () => {
      for (let step = 0; step < 180; step++) {
        const seen = [...passes];
        while (passes.some((n, i) => n < seen[i]! + 2)) await pause(1);
        now = new Date(now.getTime() + 10 * SECOND);
      }
      driving = false;
    })();
    const loops = workers.map(async ({ db, jobs }, i) => {
      while (driving) {
        await runDueJobs(db, clock, jobs, { log, env });
        passes[i]!++;
      }
    });
    await Promise.all([driver, ...loops]);
    // Both workers see the end time once more, together: nothing left, nothing twice.
    await Promise.all(workers.map(({ db, jobs }) => runDueJobs(db, clock, jobs, { log, env })));

    const elapsed = now.getTime() - start.getTime(); // 30 minutes
    const dueTimes = (every: number) =>
      Array.from({ length: Math.floor(elapsed / every) + 1 }, (_, i) => new Date(start.getTime() + i * every).toISOString());
    const dues = (name: string) => runs[name]!.map((r) => r.due).sort();
    expect(dues('every')).toEqual(dueTimes(MINUTE));
    expect(dues('slow')).toEqual(dueTimes(5 * MINUTE));
    expect(dues('failing')).toEqual(dueTimes(2 * MINUTE));
    const rows = await first.db.select().from(scheduledJobs);
    expect(Object.fromEntries(rows.map((r) => [r.name, r.runs]))).toEqual({
      'test.every': dueTimes(MINUTE).length,
      'test.slow': dueTimes(5 * MINUTE).length,
      'test.failing': dueTimes(2 * MINUTE).length,
    });
    expect(rows.find((r) => r.name === 'test.failing')!.lastError).toBe('always');
    expect(rows.every((r) => r.lockedUntil === null)).toBe(true);
    // Both workers took part.
    const all = Object.values(runs).flat();
    expect(new Set(all.map((r) => r.worker))).toEqual(new Set([0, 1]));
  });
});
