import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../bff/env.js';

describe('configuration', () => {
  it('has defaults that make `npm start` (TELKIT_DEV=1) work with nothing else set', () => {
    const env = parseEnv({ TELKIT_DEV: '1' });
    expect(env).toMatchObject({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      databaseUrl: undefined,
      pgliteDir: '.data/pglite',
      nodeEnv: 'development',
      outboxRetentionDays: 30,
      trustProxy: 0,
    });
    expect(env.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('is production without TELKIT_DEV, whatever NODE_ENV says, and then needs its secret, URL and database', () => {
    const fail = (source: Record<string, string>) => {
      try {
        parseEnv(source);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a failure');
    };
    for (const source of [{}, { NODE_ENV: 'development' }, { TELKIT_DEV: '0' }] as Record<string, string>[]) {
      const message = fail(source);
      expect(message).not.toContain('\n');
      expect(message).toMatch(/TELKIT_SECRET is required in production; PUBLIC_URL is required in production; DATABASE_URL is required in production/);
      expect(message).toContain('TELKIT_DEV=1');
    }
    const required = { TELKIT_SECRET: 's'.repeat(40), PUBLIC_URL: 'https://bff.example.com', DATABASE_URL: 'postgres://u@db/telkit' };
    expect(parseEnv(required)).toMatchObject({ nodeEnv: 'production', secret: 's'.repeat(40) });
    expect(parseEnv({ ...required, NODE_ENV: 'development' }).nodeEnv).toBe('production');
    expect(fail({ ...required, TELKIT_DEV: '1', NODE_ENV: 'production' })).toMatch(/TELKIT_DEV must not be set with NODE_ENV=production/);
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
    const message = fail({ TELKIT_DEV: '1', PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
    expect(message).not.toContain('\n');
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SMTP_URL/);
    expect(fail({ NODE_ENV: 'production' })).toMatch(/TELKIT_SECRET is required in production/);
    expect(fail({ TELKIT_DEV: '1', TELKIT_SECRET: 'short' })).toMatch(/TELKIT_SECRET/);
    for (const days of ['0', '-3', '1.5', 'thirty']) expect(fail({ TELKIT_DEV: '1', OUTBOX_RETENTION_DAYS: days })).toMatch(/OUTBOX_RETENTION_DAYS/);
  });
});
