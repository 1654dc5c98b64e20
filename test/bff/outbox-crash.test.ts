import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../bff/db/schema/index.js';
import { enqueue } from '../../bff/messaging/outbox.js';
import { smtpTransport, type Transports } from '../../bff/messaging/transports.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { createTestApp, seedTenant, type TestApp, type TestTenant } from './helpers/app.js';
import { TEST_BUDGET } from './helpers/outbox.js';
import { startSmtp } from './helpers/smtp.js';
import { within } from './helpers/within.js';

// The outbox after a crash: a 30-second lease a live worker renews, and one Message-ID per message so a
// second delivery (at least once) is recognisable.

let t: TestApp;
let tenant: TestTenant;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await seedTenant(t.db, 'crash');
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
  await t.close();
});

const worker = (email: NonNullable<Transports['email']>, extra: Partial<Parameters<typeof createWorker>[0]> = {}) =>
  createWorker({ db: t.db, transports: { email }, clock: t.clock, log: t.deps.log, secret: t.deps.env.secret, ...extra });

/** A transport that hangs until released: the worker holding the message "crashed" mid-delivery. */
function hanging(then: NonNullable<Transports['email']>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const send: NonNullable<Transports['email']> = async (d) => {
    await gate;
    await then(d);
  };
  return { send, release };
}

async function row(id: string) {
  const [r] = await t.db.select().from(outbox).where(eq(outbox.id, id));
  return r!;
}

describe('outbox after a crash', () => {
  it("a message claimed by a crashed worker is delivered again within 30 s, with the same Message-ID", async () => {
    const smtpSend = smtpTransport(smtp.url, 'x <x@x.example>', 'portal.example');
    const id = await enqueue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'crash@x.example', subject: 'Ihr Code', text: 'hi' } });
    t.clock.advance(1000);

    const crashed = hanging(smtpSend);
    // A real heartbeat would renew the lease; this worker's never comes (it hangs, as if dead).
    const first = worker(crashed.send, { heartbeatMs: 3_600_000 }).runOnce();
    await within(5000, async () => expect((await row(id)).status).toBe('sending'));
    const claimedAt = t.clock.now().getTime();
    expect((await row(id)).lockedUntil!.getTime() - claimedAt).toBeLessThanOrEqual(30_000);

    const second = worker(smtpSend);
    expect(await second.runOnce()).toBe(0); // the lease holds…
    t.clock.advance(31_000);
    expect(await second.runOnce()).toBe(1); // …for 30 s, not 5 minutes
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });

    // The "crashed" worker wakes up and sends its copy too: at least once, recognisably the same message.
    crashed.release();
    await first;
    const copies = smtp.received.filter((m) => m.raw.includes('crash@x.example'));
    expect(copies).toHaveLength(2);
    const messageIds = copies.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]?.trim());
    expect(messageIds).toEqual([`<${id}@portal.example>`, `<${id}@portal.example>`]);
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });

  it('a worker whose lease ran out no longer records its result: the one that took over decides', async () => {
    const smtpSend = smtpTransport(smtp.url, 'x <x@x.example>', 'portal.example');
    const id = await enqueue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'owner@x.example', subject: 'Ihr Code', text: 'hi' } });
    t.clock.advance(1000);
    // A stalls past its lease, then fails; B took the message over meanwhile and delivers it.
    const stalled = hanging(async () => {
      throw new Error('connection reset');
    });
    const first = worker(stalled.send, { heartbeatMs: 3_600_000 }).runOnce();
    await within(5000, async () => expect((await row(id)).status).toBe('sending'));
    t.clock.advance(31_000);
    const slow = hanging(smtpSend);
    const second = worker(slow.send, { heartbeatMs: 3_600_000 }).runOnce();
    await within(5000, async () => expect((await row(id)).attempts).toBe(2));

    stalled.release();
    await first;
    expect(await row(id)).toMatchObject({ status: 'sending', attempts: 2 }); // A's failure changed nothing
    slow.release();
    await second;
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    t.clock.advance(3_600_000);
    expect(await worker(smtpSend).runOnce()).toBe(0); // not sent again
  });

  it('a live worker renews the lease while it sends, so a slow delivery is not taken over', async () => {
    const id = await enqueue(t.db, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: 'slow@x.example', subject: 'slow', text: 'x' } });
    t.clock.advance(1000);
    const slow = hanging(smtpTransport(smtp.url, 'x <x@x.example>'));
    const first = worker(slow.send, { heartbeatMs: 20 }).runOnce();
    await within(5000, async () => expect((await row(id)).status).toBe('sending'));
    t.clock.advance(31_000);
    const before = (await row(id)).lockedUntil!.getTime();
    await within(5000, async () => expect((await row(id)).lockedUntil!.getTime()).toBeGreaterThan(before));
    expect(await worker(smtpTransport(smtp.url, 'x <x@x.example>')).runOnce()).toBe(0);
    slow.release();
    await first;
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, lockedUntil: null });
    expect(smtp.received.filter((m) => m.raw.includes('slow@x.example'))).toHaveLength(1);
  });
});
