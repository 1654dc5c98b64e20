import { z } from 'zod';

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
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    PUBLIC_URL: optionalUrl(['http', 'https']),
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    SMTP_URL: optionalUrl(['smtp', 'smtps']),
    MAIL_FROM: z.string().min(3).default('telkit <no-reply@localhost>'),
    SMS_WEBHOOK_URL: optionalUrl(['http', 'https']),
    TELKIT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    OUTBOX_WORKER: z.enum(['in-process', 'off']).default('in-process'),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    SMS_BUDGET_PER_TENANT_HOUR: z.coerce.number().int().min(1).default(1000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['TELKIT_SECRET', 'PUBLIC_URL', 'SMTP_URL', 'SMS_WEBHOOK_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  });

/** Used outside production only, so that `npm start` needs no configuration. */
const DEV_SECRET = 'telkit-development-secret-do-not-use-in-production';

export type Env = {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsWebhookUrl: string | undefined;
  secret: string;
  trustProxy: boolean;
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
    throw new EnvError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
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
