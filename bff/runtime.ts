import { type Database, type Db, openDatabase } from './db/client.js';
import { type Env, EnvError, parseEnv } from './env.js';
import { jobs } from './jobs/index.js';
import { createJobRunner } from './jobs/scheduler.js';
import { systemClock } from './lib/context.js';
import { createLogger, type Logger } from './lib/logger.js';
import type { Transports } from './messaging/transports.js';
import { smsGateway, smtpTransport, webhookTransport } from './messaging/transports.js';
import { createWorker } from './messaging/worker.js';

/** Shared start-up of `server.ts` and `worker.ts`: configuration, logger, migrated database. */
export async function boot(): Promise<{ env: Env; log: Logger; database: Database }> {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`telkit: ${error.message}`);
    process.exit(1);
  }
  const log = createLogger(env.logLevel);
  // In production a missing transport is allowed (NODE_ENV=production requires both), but said once:
  // such messages wait in the outbox, held, with their codes, until a transport is configured.
  if (env.nodeEnv === 'production') {
    for (const [name, set] of [['SMTP_URL', env.smtpUrl], ['SMS_WEBHOOK_URL', env.smsWebhookUrl]] as const) {
      if (!set) log.warn(`${name} is not set: such messages are held in the outbox, not sent`);
    }
  }
  const database = openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { pgliteDir: env.pgliteDir });
  try {
    await database.migrate();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`telkit: cannot open the database (${env.databaseUrl ? 'DATABASE_URL' : `PGlite in ${env.pgliteDir}`}): ${reason}`);
    process.exit(1);
  }
  return { env, log, database };
}

export function transportsFrom(env: Env): Transports {
  return {
    email: env.smtpUrl ? smtpTransport(env.smtpUrl, env.mailFrom, new URL(env.publicUrl).hostname) : undefined,
    sms: env.smsWebhookUrl ? smsGateway(env.smsWebhookUrl, env.secret) : undefined,
    // Outside production, http: and loopback or private addresses are allowed (the demo, local receivers).
    webhook: webhookTransport({ allowPrivate: env.nodeEnv !== 'production' }),
  };
}

/**
 * What a worker does, in `npm start` (unless `OUTBOX_WORKER=off`) and in each `npm run worker`: deliver
 * the outbox and run the scheduled jobs of `jobs/index.ts`, as two loops so a long job never delays a PIN.
 * Returns the function that stops both.
 */
export function startWorkers(env: Env, log: Logger, db: Db): () => Promise<void> {
  const outbox = createWorker({ db, transports: transportsFrom(env), clock: systemClock, log, secret: env.secret });
  const scheduled = createJobRunner({ db, clock: systemClock, jobs, log, env });
  outbox.start();
  scheduled.start();
  return async () => {
    await Promise.all([outbox.stop(), scheduled.stop()]);
  };
}

export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
