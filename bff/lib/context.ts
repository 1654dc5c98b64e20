import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { Locale } from '../../contract/tenant.js';
import type { Db } from '../db/client.js';
import type { Session, Tenant, User } from '../db/schema/index.js';
import type { Env } from '../env.js';
import { clientIp } from './client-ip.js';
import type { Logger } from './logger.js';
import type { TenantCache } from './tenant-cache.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Everything the app needs from outside; tests build it with their own. */
export interface Deps {
  db: Db;
  env: Pick<Env, 'nodeEnv' | 'publicUrl' | 'secret' | 'trustProxy'> & Partial<Pick<Env, 'smsBudgetPerTenantHour'>>;
  clock: Clock;
  log: Logger;
  /** Keys, origins, tariffs and the tenant document, kept per tenant and dropped when the database announces a change. */
  tenantCache: TenantCache;
}

/** Who is calling, set by the `auth` middleware: a key's tenant, or a session's user and tenant. */
export interface Caller {
  tenant: Tenant;
  credential: { kind: 'publishable' | 'secret' | 'session'; id: string };
  /** With a session: who is logged in, and the session (its `components` limit an embed session). */
  user?: User;
  session?: Session;
}

export type AppEnv = {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    deps: Deps;
    requestId: string;
    locale: Locale;
    caller: Caller;
    /** The origin to answer with `Access-Control-Allow-Origin`, once it is known to be allowed. */
    corsOrigin: string | undefined;
  };
};

/**
 * What the flows need of a request: the time, the server secret, the caller's language and address, and
 * the messaging budget's settings (`domain/budget.ts`);
 * the host an SMS code is bound to (WebOTP): the page's origin when it is one the tenant allowed (the
 * auth middleware set `corsOrigin` after checking it), else this BFF's own (its pages, secret keys).
 */
export const flowContext = (c: Context<AppEnv>) => ({
  now: c.get('deps').clock.now(),
  secret: c.get('deps').env.secret,
  locale: c.get('locale'),
  ip: clientIp(c),
  budget: { smsPerTenantHour: c.get('deps').env.smsBudgetPerTenantHour, log: c.get('deps').log },
  otpHost: new URL(c.get('corsOrigin') ?? c.get('deps').env.publicUrl).hostname,
});

/** Where a passkey ceremony runs (`domain/passkeys.ts`): the tenant, and the page's origin as the auth middleware checked it (else the BFF's own). */
export const passkeyContext = (c: Context<AppEnv>) => ({ tenant: c.get('caller').tenant, now: c.get('deps').clock.now(), ...pageOrigin(c) });

/** The page a ceremony runs on: its origin as the auth middleware checked it, else the BFF's own (its pages have no caller). */
export const pageOrigin = (c: Context<AppEnv>) => ({
  publicUrl: c.get('deps').env.publicUrl,
  origin: c.get('corsOrigin') ?? new URL(c.get('deps').env.publicUrl).origin,
});
