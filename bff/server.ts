import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { DEMO, seedDemo } from './dev/demo-seed.js';
import { systemClock } from './lib/context.js';
import { TenantCache } from './lib/tenant-cache.js';
import { boot, onShutdown, startWorkers } from './runtime.js';

const { env, log, database } = await boot();
const { db } = database;

if (env.nodeEnv !== 'production') await seedDemo(db, env.publicUrl, { secret: env.secret });

// Keys, origins, tariffs and the tenant document in memory, dropped per tenant on telkit_tenant_changed.
const tenantCache = new TenantCache(db, { listen: database.listen, log });
await tenantCache.ready();
const app = createApp({ db, env, clock: systemClock, log, tenantCache });
const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
  if (env.nodeEnv !== 'production') {
    console.log(
      [
        '',
        `  telkit demo      ${env.publicUrl}/`,
        `  dev outbox       ${env.publicUrl}/dev/outbox`,
        `  API description  ${env.publicUrl}/openapi.json`,
        `  database         ${database.driver === 'pglite' ? `PGlite in ${env.pgliteDir}` : 'Postgres (DATABASE_URL)'}`,
        '',
        `  Demo Telecom     publishable ${DEMO.operator.publishableKey}   secret ${DEMO.operator.secretKey}`,
        `  Demo Reseller    publishable ${DEMO.reseller.publishableKey}   secret ${DEMO.reseller.secretKey}`,
        `  Portal logins    ${DEMO.admin.username} / ${DEMO.admin.password} (business account admin)`,
        `                   ${DEMO.agent.username} / ${DEMO.agent.password} (partner agent)`,
        `                   ${DEMO.coUser.username} / ${DEMO.coUser.password} (a co-user of the business account)`,
        `                   ${DEMO.location.username} / ${DEMO.location.password} (admin of the location "Filiale Zürich", linked to it)`,
        `                   ${DEMO.unlinked.username} / ${DEMO.unlinked.password} (admin of "Muster Werkstatt Bern GmbH", not linked)`,
        '                   the SMS PINs appear in the dev outbox',
        `  Locations        link customer number ${DEMO.unlinked.customerNumber} from tk-locations as ${DEMO.admin.username}; the code arrives in the dev outbox`,
        `  Porting          log in as ${DEMO.agent.username} in the demo's "Partnerportal" (tk-porting, tk-port-orders); decide orders in ${'/dev/operator'}`,
        '',
      ].join('\n'),
    );
  }
  log.info('listening', { port: info.port, url: env.publicUrl, database: database.driver });
});

// One worker in-process (outbox and scheduled jobs); `npm run worker` adds more next to it when scaling out.
const stopWorkers = env.outboxWorker === 'in-process' ? startWorkers(env, log, db) : async () => {};

onShutdown(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopWorkers();
  await tenantCache.close();
  await database.close();
});
