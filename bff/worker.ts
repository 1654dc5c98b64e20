import { boot, onShutdown, startWorkers } from './runtime.js';

// A worker alone, for scale-out: it shares the outbox and the scheduled jobs with every BFF instance
// through Postgres.
if (!process.env.DATABASE_URL) {
  console.error('telkit: a separate worker needs DATABASE_URL (PGlite belongs to the one `npm start` process)');
  process.exit(1);
}
const { env, log, database } = await boot();
const stopWorkers = startWorkers(env, log, database.db);
log.info('worker started');
onShutdown(async () => {
  await stopWorkers();
  await database.close();
});
