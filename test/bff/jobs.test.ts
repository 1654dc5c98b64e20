import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../bff/db/client.js';
import { emailLinks, idempotencyKeys, outbox, pinChallenges, rateLimits, scheduledJobs } from '../../bff/db/schema/index.js';
import { jobs } from '../../bff/jobs/index.js';
import { EXPIRED_KEPT_MS } from '../../bff/jobs/links-expire.js';
import { DAY, HOUR, type Job, type JobEnv, MINUTE, nextDue, runDueJobs } from '../../bff/jobs/scheduler.js';
import { createLogger } from '../../bff/lib/logger.js';
import { enqueue } from '../../bff/messaging/outbox.js';
import { TEST_BUDGET } from './helpers/outbox.js';
import { smtpTransport } from '../../bff/messaging/transports.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { seedUser } from './helpers/portal.js';
import { startSmtp } from './helpers/smtp.js';

let t: TestApp;
let tenant: TestTenant;
const env: JobEnv = { nodeEnv: 'test', publicUrl: 'http://localhost:8787', secret: 's'.repeat(40), outboxRetentionDays: 30 };
const logLines: string[] = [];
const log = createLogger('debug', (line) => logLines.push(line));

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'jobs');
});
afterAll(() => t.close());

/** A clock that stands still until the test moves it. */
function fixedClock(iso: string) {
  let now = new Date(iso);
  return {
    now: () => now,
    set: (to: string | Date) => void (now = new Date(to)),
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
  };
}

let seq = 0;
/** A job with a unique name that records the due time of each run. */
function recording(schedule: { every: number } | { next(after: Date): Date }, run?: Job['run']) {
  const dues: string[] = [];
  const job = {
    name: `test.job-${++seq}-${randomBytes(3).toString('hex')}`,
    ...schedule,
    async run(ctx) {
      dues.push(ctx.due.toISOString());
      return run?.(ctx);
    },
  } as Job;
  return { job, dues };
}

async function rowOf(db: Db, name: string) {
  const [row] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name));
  return row!;
}

describe('scheduler', () => {
  it('creates the row on first sight, runs at once, then every period counted from the due time', async () => {
    const clock = fixedClock('2030-01-01T00:00:00.000Z');
    const { job, dues } = recording({ every: HOUR });
    await runDueJobs(t.db, clock, [job], { log, env });
    expect(dues).toEqual(['2030-01-01T00:00:00.000Z']);
    expect(await rowOf(t.db, job.name)).toMatchObject({ runs: 1, lockedUntil: null, lastError: null, nextRunAt: new Date('2030-01-01T01:00:00.000Z') });

    clock.set('2030-01-01T00:59:59.999Z');
    expect(await runDueJobs(t.db, clock, [job], { log, env })).toEqual([]);
    // Late by 7 minutes: the run is for 01:00, and the next one stays on the hour.
    clock.set('2030-01-01T01:07:00.000Z');
    await runDueJobs(t.db, clock, [job], { log, env });
    expect(dues.at(-1)).toBe('2030-01-01T01:00:00.000Z');
    expect((await rowOf(t.db, job.name)).nextRunAt).toEqual(new Date('2030-01-01T02:00:00.000Z'));
    // No worker for five hours: one run, not five.
    clock.set('2030-01-01T06:30:00.000Z');
    await runDueJobs(t.db, clock, [job], { log, env });
    await runDueJobs(t.db, clock, [job], { log, env });
    expect(dues).toEqual(['2030-01-01T00:00:00.000Z', '2030-01-01T01:00:00.000Z', '2030-01-01T02:00:00.000Z']);
    expect((await rowOf(t.db, job.name)).nextRunAt).toEqual(new Date('2030-01-01T07:00:00.000Z'));
  });

  it('takes its times from next() when a job has no fixed period', () => {
    const daily3am = { name: 'x', next: (after: Date) => new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate() + (after.getUTCHours() >= 3 ? 1 : 0), 3)), run: async () => {} } as Job;
    expect(nextDue(daily3am, new Date('2030-01-01T03:00:00Z'), new Date('2030-01-01T03:00:05Z'))).toEqual(new Date('2030-01-02T03:00:00Z'));
    expect(nextDue(daily3am, new Date('2030-01-01T03:00:00Z'), new Date('2030-01-04T12:00:00Z'))).toEqual(new Date('2030-01-05T03:00:00Z'));
    const stuck = { name: 'stuck', next: (after: Date) => after, run: async () => {} } as Job;
    expect(() => nextDue(stuck, new Date(0), new Date(1))).toThrow(/not later/);
  });

  it('two workers ticking together run each job once per due time', async () => {
    const clock = fixedClock('2030-02-01T00:00:00.000Z');
    const a = recording({ every: MINUTE }, () => new Promise((r) => setTimeout(r, 5)));
    const b = recording({ every: 5 * MINUTE });
    const list = [a.job, b.job];
    for (let i = 0; i < 20; i++) {
      await Promise.all([runDueJobs(t.db, clock, list, { log, env }), runDueJobs(t.db, clock, list, { log, env })]);
      clock.advance(30_000);
    }
    // 20 ticks of 30 s: minutes 0…9 and 0, 5.
    expect(a.dues).toHaveLength(10);
    expect(new Set(a.dues).size).toBe(10);
    expect(b.dues).toEqual(['2030-02-01T00:00:00.000Z', '2030-02-01T00:05:00.000Z']);
    expect((await rowOf(t.db, a.job.name)).runs).toBe(10);
  });

  it('a failing job records its error, logs it redacted, and runs again at its next due time', async () => {
    const clock = fixedClock('2030-03-01T00:00:00.000Z');
    let fail = true;
    const { job, dues } = recording({ every: 10 * MINUTE }, async () => {
      if (fail) throw new Error('gateway refused tk_sec_leakedkey123 for IBAN DE89370400440532013000');
    });
    const [run] = await runDueJobs(t.db, clock, [job], { log, env });
    expect(run!.error).toMatch(/gateway refused/);
    const row = await rowOf(t.db, job.name);
    expect(row).toMatchObject({ lockedUntil: null, runs: 1, nextRunAt: new Date('2030-03-01T00:10:00.000Z') });
    expect(row.lastError).toMatch(/gateway refused/);
    expect(row.lastError).not.toMatch(/leakedkey123|DE89/);
    const line = logLines.find((l) => l.includes('"job failed"') && l.includes(job.name))!;
    expect(line).toBeDefined();
    expect(line).not.toMatch(/leakedkey123|DE89370400440532013000/);

    clock.advance(5 * MINUTE);
    await runDueJobs(t.db, clock, [job], { log, env });
    expect(dues).toHaveLength(1); // not before it is due again
    fail = false;
    clock.advance(5 * MINUTE);
    expect(await runDueJobs(t.db, clock, [job], { log, env })).toEqual([{ name: job.name, due: new Date('2030-03-01T00:10:00.000Z') }]);
    expect(await rowOf(t.db, job.name)).toMatchObject({ lastError: null, runs: 2 });
  });

  it('a run whose worker died is taken over once its lease has passed, and the dead run cannot overwrite it', async () => {
    const clock = fixedClock('2030-04-01T00:00:00.000Z');
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const runs: string[] = [];
    const name = `test.lease-${randomBytes(3).toString('hex')}`;
    const crashing: Job = { name, every: HOUR, leaseMs: 2 * MINUTE, run: () => (runs.push('first'), hung) };
    const healthy: Job = { name, every: HOUR, leaseMs: 2 * MINUTE, run: async () => void runs.push('second') };

    const first = runDueJobs(t.db, clock, [crashing], { log, env });
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 5));
    clock.advance(MINUTE); // within the lease: nobody else runs it
    expect(await runDueJobs(t.db, clock, [healthy], { log, env })).toEqual([]);
    clock.advance(MINUTE + 1); // the lease has passed
    expect(await runDueJobs(t.db, clock, [healthy], { log, env })).toEqual([{ name, due: new Date('2030-04-01T00:00:00.000Z') }]);
    expect(runs).toEqual(['first', 'second']);
    const taken = await rowOf(t.db, name);
    expect(taken).toMatchObject({ lockedUntil: null, runs: 2, nextRunAt: new Date('2030-04-01T01:00:00.000Z') });

    release(); // the first worker wakes up late: its finish is ignored
    await first;
    expect(await rowOf(t.db, name)).toEqual(taken);
    expect(logLines.some((l) => l.includes('outlived its lease') && l.includes(name))).toBe(true);
  });
});

describe('the jobs', () => {
  it('are registered once each, with names of the form area.what', () => {
    const names = jobs.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['outbox.retention', 'links.expire', 'rate-limits.prune', 'idempotency.prune']));
    for (const name of names) expect(name).toMatch(/^[a-z-]+\.[a-z-]+$/);
  });

  const only = (name: string) => jobs.filter((j) => j.name === name);

  describe('outbox.retention', () => {
    async function insertMessage(values: Partial<typeof outbox.$inferInsert> & Pick<typeof outbox.$inferInsert, 'channel' | 'payload'>) {
      const [row] = await t.db.insert(outbox).values({ tenantId: tenant.id, status: 'sent', ...values }).returning();
      return row!;
    }
    const read = async (id: string) => (await t.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

    it('purges bodies and attachments older than the retention, keeps newer ones, and keeps the metadata', async () => {
      const now = new Date('2030-06-01T12:00:00.000Z');
      const old = new Date(now.getTime() - 30 * DAY - 1000);
      const recent = new Date(now.getTime() - 30 * DAY + 60_000);
      const attachments = [{ filename: 'zugang.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF secret').toString('base64') }];
      const email = { to: 'kunde@x.example', subject: 'Ihre Zugangsdaten', text: 'Passwort-Link …', html: '<p>…</p>', templateId: 'credentials.v1', from: 'A <a@x.example>', attachments };
      const oldMail = await insertMessage({ channel: 'email', payload: email, sentAt: old, createdAt: old });
      const newMail = await insertMessage({ channel: 'email', payload: email, sentAt: recent, createdAt: old });
      const oldSms = await insertMessage({ channel: 'sms', payload: { to: '+491701234567', text: 'Code 123456' }, sentAt: old, createdAt: old });
      const oldWebhook = await insertMessage({ channel: 'webhook', payload: { event: 'signup.created', data: { email: 'kunde@x.example' } }, sentAt: old, createdAt: old });
      const deadMail = await insertMessage({ channel: 'email', status: 'dead', payload: { to: 'dead@x.example', subject: 's', text: 't' }, createdAt: old });
      const pending = await insertMessage({ channel: 'email', status: 'pending', payload: email, createdAt: old });

      await t.db.delete(scheduledJobs).where(eq(scheduledJobs.name, 'outbox.retention'));
      const [run] = await runDueJobs(t.db, fixedClock(now.toISOString()), only('outbox.retention'), { log, env });
      expect(run).toEqual({ name: 'outbox.retention', due: now });

      const purged = await read(oldMail.id);
      expect(purged.payload).toEqual({ to: 'kunde@x.example', templateId: 'credentials.v1' });
      expect(purged).toMatchObject({ channel: 'email', status: 'sent', sentAt: old, purgedAt: now });
      expect(JSON.stringify(purged)).not.toMatch(/Zugangsdaten|Passwort|zugang\.pdf|JVBER/);
      expect((await read(oldSms.id)).payload).toEqual({ to: '+491701234567' });
      expect((await read(oldWebhook.id)).payload).toEqual({ event: 'signup.created' });
      expect(await read(deadMail.id)).toMatchObject({ status: 'dead', payload: { to: 'dead@x.example' }, purgedAt: now });
      expect(await read(newMail.id)).toMatchObject({ payload: email, purgedAt: null });
      expect(await read(pending.id)).toMatchObject({ payload: email, purgedAt: null });
      expect(logLines.some((l) => l.includes('"job finished"') && l.includes('outbox.retention') && l.includes('"purged":4'))).toBe(true);

      // OUTBOX_RETENTION_DAYS=1 reaches the newer one too.
      await t.db.delete(scheduledJobs).where(eq(scheduledJobs.name, 'outbox.retention'));
      await runDueJobs(t.db, fixedClock(now.toISOString()), only('outbox.retention'), { log, env: { ...env, outboxRetentionDays: 1 } });
      expect((await read(newMail.id)).payload).toEqual({ to: 'kunde@x.example', templateId: 'credentials.v1' });
      expect((await read(pending.id)).purgedAt).toBeNull();
    });

    it('a sensitive message is purged right after delivery, an ordinary one is kept', async () => {
      const smtp = await startSmtp();
      try {
        const pdf = Buffer.from('%PDF-2.0 credentials');
        const payload = {
          to: 'kunde@x.example',
          subject: 'Ihre neuen Zugangsdaten',
          text: 'Im Anhang.',
          templateId: 'credential-reset.v1',
          attachments: [{ filename: 'zugang.pdf', contentType: 'application/pdf', content: pdf.toString('base64') }],
        };
        const sensitive = await enqueue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, sensitive: true, payload });
        const ordinary = await enqueue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload });
        t.clock.advance(1000);
        const worker = createWorker({ db: t.db, transports: { email: smtpTransport(smtp.url, 'x <x@x.example>') }, clock: t.clock, log, secret: env.secret });
        while ((await worker.runOnce()) > 0);

        const mail = smtp.received.find((m) => m.raw.includes(`<${sensitive}@telkit>`))!;
        expect(mail.raw.replace(/\r?\n/g, '')).toContain(pdf.toString('base64')); // delivered whole
        const row = await read(sensitive);
        expect(row).toMatchObject({ status: 'sent', sensitive: true, payload: { to: 'kunde@x.example', templateId: 'credential-reset.v1' } });
        expect(row.purgedAt).toEqual(row.sentAt);
        expect(await read(ordinary)).toMatchObject({ status: 'sent', sensitive: false, payload, purgedAt: null });
      } finally {
        await smtp.stop();
      }
    });

    it('a sensitive message that can never be delivered is purged when it gives up', async () => {
      const id = await enqueue(t.db, { tenantId: tenant.id, channel: 'sms', budget: TEST_BUDGET, sensitive: true, payload: { to: '+491701234567', text: 'Code: ABCD-EFGH-JKLM' } });
      t.clock.advance(1000);
      const failing = async () => {
        throw new Error('gateway down');
      };
      const worker = createWorker({ db: t.db, transports: { sms: failing }, clock: t.clock, log, secret: env.secret, maxAttempts: 2, backoffMs: () => 1000 });
      await worker.runOnce();
      expect(await read(id)).toMatchObject({ status: 'pending', purgedAt: null });
      t.clock.advance(1000);
      await worker.runOnce();
      expect(await read(id)).toMatchObject({ status: 'dead', payload: { to: '+491701234567' } });
      expect((await read(id)).purgedAt).not.toBeNull();
    });
  });

  it('links.expire deletes links and PINs expired more than 7 days ago and keeps fresh ones', async () => {
    const user = await seedUser(t.db, tenant);
    const now = new Date('2030-07-01T00:00:00.000Z');
    const longAgo = new Date(now.getTime() - EXPIRED_KEPT_MS - 1000);
    const lately = new Date(now.getTime() - EXPIRED_KEPT_MS + 60_000);
    const link = (expiresAt: Date) => ({
      tenantId: tenant.id,
      purpose: 'set_password' as const,
      subjectId: user.id,
      tokenHash: randomBytes(16).toString('hex'),
      expiresAt,
      payload: { purpose: 'set_password' as const },
    });
    const pin = (expiresAt: Date) => ({
      tenantId: tenant.id,
      userId: user.id,
      purpose: 'login' as const,
      pinHash: randomBytes(16).toString('hex'),
      mobile: user.mobile,
      payload: { purpose: 'login' as const },
      expiresAt,
      createdAt: new Date(expiresAt.getTime() - 10 * MINUTE),
    });
    const links = await t.db.insert(emailLinks).values([link(longAgo), link(lately), link(new Date(now.getTime() + DAY))]).returning();
    const pins = await t.db.insert(pinChallenges).values([pin(longAgo), pin(lately), pin(new Date(now.getTime() + 5 * MINUTE))]).returning();

    await runDueJobs(t.db, fixedClock(now.toISOString()), only('links.expire'), { log, env });

    const linkIds = (await t.db.select({ id: emailLinks.id }).from(emailLinks).where(inArray(emailLinks.id, links.map((l) => l.id)))).map((r) => r.id);
    const pinIds = (await t.db.select({ id: pinChallenges.id }).from(pinChallenges).where(inArray(pinChallenges.id, pins.map((p) => p.id)))).map((r) => r.id);
    expect(linkIds.sort()).toEqual([links[1]!.id, links[2]!.id].sort());
    expect(pinIds.sort()).toEqual([pins[1]!.id, pins[2]!.id].sort());
  });

  it('rate-limits.prune and idempotency.prune delete what has passed and keep what still counts', async () => {
    const now = new Date('2030-08-01T00:00:00.000Z');
    const tag = randomBytes(3).toString('hex');
    await t.db.insert(rateLimits).values([
      { bucket: `${tag}|old`, windowStart: new Date(now.getTime() - 2 * HOUR), windowEnd: new Date(now.getTime() - HOUR), hits: 3 },
      { bucket: `${tag}|current`, windowStart: new Date(now.getTime() - MINUTE), windowEnd: new Date(now.getTime() + 9 * MINUTE), hits: 3 },
    ]);
    const key = (name: string, expiresAt: Date) => ({ scope: tag, key: name, tenantId: tenant.id, requestHash: 'h', state: 'done' as const, lockedUntil: expiresAt, expiresAt });
    await t.db.insert(idempotencyKeys).values([key('old', new Date(now.getTime() - 1000)), key('fresh', new Date(now.getTime() + HOUR))]);

    const runs = await runDueJobs(t.db, fixedClock(now.toISOString()), jobs, { log, env });
    expect(runs.map((r) => r.name)).toEqual(expect.arrayContaining(['rate-limits.prune', 'idempotency.prune']));
    expect(runs.filter((r) => r.error !== undefined)).toEqual([]);

    const buckets = await t.db.select({ bucket: rateLimits.bucket }).from(rateLimits);
    expect(buckets.map((b) => b.bucket).filter((b) => b.startsWith(tag))).toEqual([`${tag}|current`]);
    const keys = await t.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.scope, tag));
    expect(keys.map((k) => k.key)).toEqual(['fresh']);
  });
});
