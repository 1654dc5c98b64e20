import { systemClock } from './lib/context.js';
import { createWorker } from './messaging/worker.js';
import { boot, onShutdown, transportsFrom } from './runtime.js';

// A worker alone, for scale-out: it shares the outbox with every BFF instance through Postgres.
if (!process.env.DATABASE_URL) {
  console.error('telkit: a separate worker needs DATABASE_URL (PGlite belongs to the one `npm start` process)');
  process.exit(1);
}
const { env, log, database } = await boot();
const worker = createWorker({ db: database.db, transports: transportsFrom(env), clock: systemClock, log, secret: env.secret });
worker.start();
log.info('worker started');
onShutdown(async () => {
  await worker.stop();
  await database.close();
});
