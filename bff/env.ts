import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './lib/client-ip.js';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .url({ protocol: new RegExp(`^(${protocols.join('|')})$`) })
        .optional(),
    )
    .optional();

const envSchema = z
  .object({
    /** `1`: the development features (demo seed, dev outbox, demo pages, fallback secret, PGlite); `npm start` sets it. */
    TELKIT_DEV: z.enum(['1', 'true', '0', 'false', '']).default('').transform((v) => v === '1' || v === 'true'),
    NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    PUBLIC_URL: optionalUrl(['http', 'https']),
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    SMTP_URL: optionalUrl(['smtp', 'smtps']),
    MAIL_FROM: z.string().min(3).default('telkit <no-reply@localhost>'),
    SMS_WEBHOOK_URL: optionalUrl(['http', 'https']),
    TELKIT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((v, ctx) => parseTrustProxy(v) ?? (ctx.addIssue({ code: 'custom', message: 'must be a number of hops, true/false, or a list of addresses and CIDRs' }), z.NEVER)),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    OUTBOX_WORKER: z.enum(['in-process', 'off']).default('in-process'),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    SMS_BUDGET_PER_TENANT_HOUR: z.coerce.number().int().min(1).default(1000),
  })
  .superRefine((env, ctx) => {
    if (env.TELKIT_DEV) {
      if (env.NODE_ENV === 'production') ctx.addIssue({ code: 'custom', path: ['TELKIT_DEV'], message: 'must not be set with NODE_ENV=production' });
      return;
    }
    // Production unless TELKIT_DEV asks for development: fail closed, never on a public fallback.
    const required = ['TELKIT_SECRET', 'PUBLIC_URL', 'DATABASE_URL', ...(env.NODE_ENV === 'production' ? (['SMTP_URL', 'SMS_WEBHOOK_URL'] as const) : [])] as const;
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  });

/** Used with TELKIT_DEV only, so that `npm start` needs no configuration. */
const DEV_SECRET = 'telkit-development-secret-do-not-use-in-production';

export type Env = {
  /** `production` unless `TELKIT_DEV` is set: the development features run only outside production. */
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsWebhookUrl: string | undefined;
  secret: string;
  /** Trusted proxy hops or networks for the client address (`lib/client-ip.ts`). */
  trustProxy: TrustProxy;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** `off`: this instance only serves HTTP; separate `npm run worker` processes deliver the outbox. */
  outboxWorker: 'in-process' | 'off';
  /** Days after which a sent (or dead) message keeps only its metadata: see `jobs/outbox-retention.ts`. */
  outboxRetentionDays: number;
  /** SMS a tenant may send per hour (the messaging budget, `domain/budget.ts`); a warning is logged at 80 %. */
  smsBudgetPerTenantHour: number;
};

export class EnvError extends Error {}

/** Parses the process environment; throws an {@link EnvError} with a one-line message. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    const production = parsed.error.issues.some((i) => i.message === 'is required in production');
    throw new EnvError(`invalid configuration: ${problems.join('; ')}${production ? ' (for the local demo: npm start, or TELKIT_DEV=1)' : ''}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.TELKIT_DEV ? (e.NODE_ENV ?? 'development') : 'production',
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    smsWebhookUrl: e.SMS_WEBHOOK_URL,
    secret: e.TELKIT_SECRET ?? DEV_SECRET,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    outboxWorker: e.OUTBOX_WORKER,
    outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
    smsBudgetPerTenantHour: e.SMS_BUDGET_PER_TENANT_HOUR,
  };
}
