import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../bff/env.js';

describe('configuration', () => {
  it('has defaults that make `npm start` work with nothing set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      databaseUrl: undefined,
      pgliteDir: '.data/pglite',
      nodeEnv: 'development',
      outboxRetentionDays: 30,
    });
  });

  it('reads every documented variable', () => {
    const env = parseEnv({
      PORT: '9000',
      PUBLIC_URL: 'https://bff.example.com/',
      DATABASE_URL: 'postgres://u@db:5432/telkit',
      PGLITE_DIR: '/tmp/x',
      SMTP_URL: 'smtp://mail:25',
      MAIL_FROM: 'Telkit <a@b.example>',
      SMS_WEBHOOK_URL: 'https://sms.example/send',
      TELKIT_SECRET: 's'.repeat(40),
      NODE_ENV: 'production',
      OUTBOX_RETENTION_DAYS: '7',
    });
    expect(env).toMatchObject({ port: 9000, publicUrl: 'https://bff.example.com', smtpUrl: 'smtp://mail:25', nodeEnv: 'production', outboxRetentionDays: 7 });
  });

  it('rejects invalid values with one line naming each variable', () => {
    const fail = (source: Record<string, string>) => {
      try {
        parseEnv(source);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        return (error as Error).message;
      }
      throw new Error('expected a failure');
    };
    const message = fail({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
    expect(message).not.toContain('\n');
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SMTP_URL/);
    expect(fail({ NODE_ENV: 'production' })).toMatch(/TELKIT_SECRET is required in production/);
    expect(fail({ TELKIT_SECRET: 'short' })).toMatch(/TELKIT_SECRET/);
    for (const days of ['0', '-3', '1.5', 'thirty']) expect(fail({ OUTBOX_RETENTION_DAYS: days })).toMatch(/OUTBOX_RETENTION_DAYS/);
  });
});
