import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, scheduledJobs } from '../../bff/db/schema/index.js';
import { jobs } from '../../bff/jobs/index.js';
import { enqueue } from '../../bff/messaging/outbox.js';
import { TEST_BUDGET } from './helpers/outbox.js';
import { seedTenant } from './helpers/app.js';
import { databaseWithSmtp } from './helpers/db.js';

// Scale-out: `npm run worker` alone, on the same Postgres as the BFF instances, delivers the outbox
// (Message-ID `<id@host of PUBLIC_URL>`: localhost by default).
const ctx = databaseWithSmtp();

describe('npm run worker', () => {
  it('delivers what a BFF instance enqueued, runs the scheduled jobs, and stops cleanly on SIGTERM', async () => {
    const tenant = await seedTenant(ctx.database.db, 'worker-proc');
    const id = await enqueue(ctx.database.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'w@x.example', subject: 'from the worker', text: 'x' } });
    const child = spawn('npm', ['run', 'worker', '--silent'], {
      env: { ...process.env, DATABASE_URL: ctx.database.url!, SMTP_URL: ctx.smtp.url, TELKIT_DEV: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    try {
      for (let i = 0; i < 300 && !ctx.smtp.received.some((m) => m.raw.includes(`<${id}@localhost>`)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(ctx.smtp.received.filter((m) => m.raw.includes(`<${id}@localhost>`)), output).toHaveLength(1);
      for (let i = 0; i < 50; i++) {
        const [row] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, id));
        if (row?.status === 'sent') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const [row] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(row!.status).toBe('sent');
      const ran = async () => (await ctx.database.db.select().from(scheduledJobs)).filter((r) => r.runs > 0 && r.lockedUntil === null).map((r) => r.name);
      for (let i = 0; i < 50 && (await ran()).length < jobs.length; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await ran()).sort(), output).toEqual(jobs.map((j) => j.name).sort());
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
  });

  it('refuses to run without DATABASE_URL (PGlite belongs to one process)', async () => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn('npm', ['run', 'worker', '--silent'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stderr).toContain('needs DATABASE_URL');
  });
});
