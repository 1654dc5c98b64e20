import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../bff/db/client.js';
import { outbox } from '../../bff/db/schema/index.js';
import { createLogger } from '../../bff/lib/logger.js';
import { systemClock } from '../../bff/lib/context.js';
import { enqueue } from '../../bff/messaging/outbox.js';
import { TEST_BUDGET } from './helpers/outbox.js';
import { smtpTransport } from '../../bff/messaging/transports.js';
import { createWorker } from '../../bff/messaging/worker.js';
import { seedTenant } from './helpers/app.js';
import { databaseWithSmtp } from './helpers/db.js';

// Postgres only: two workers need two real connections, as two BFF instances would have.
const ctx = databaseWithSmtp();

describe('two workers on Postgres', () => {
  it('never deliver one message twice', async () => {
    const tenant = await seedTenant(ctx.database.db, 'workers');
    const ids = await ctx.database.db.transaction(async (tx) =>
      Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          enqueue(tx, { tenantId: tenant.id, channel: 'email', budget: TEST_BUDGET, payload: { to: `u${i}@x.example`, subject: `m${i}`, text: 'x' } }),
        ),
      ),
    );
    const second = openDatabase({ url: ctx.database.url!, poolSize: 5 });
    const log = createLogger('silent');
    const make = (db: typeof ctx.database.db) =>
      createWorker({ db, transports: { email: smtpTransport(ctx.smtp.url, 'x <x@x.example>') }, clock: systemClock, log, secret: 'x'.repeat(32), batchSize: 4 });
    const workers = [make(ctx.database.db), make(second.db)];
    const claimedBy = [0, 0];
    await Promise.all(
      workers.map(async (w, i) => {
        for (;;) {
          const n = await w.runOnce();
          if (n === 0) break;
          claimedBy[i]! += n;
        }
      }),
    );
    await second.close();
    const delivered = ids.map((id) => ctx.smtp.received.filter((m) => m.raw.includes(`<${id}@telkit>`)).length);
    expect(delivered).toEqual(Array(60).fill(1));
    expect(claimedBy[0]! + claimedBy[1]!).toBe(60);
    expect(claimedBy.every((n) => n > 0)).toBe(true);
    const rows = await ctx.database.db.select({ status: outbox.status }).from(outbox);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});
