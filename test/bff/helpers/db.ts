import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase } from '../../../bff/db/client.js';

export const onPostgres = process.env.TEST_DB === 'postgres';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or with TEST_DB=postgres a new
 * database on the DATABASE_URL server, dropped again by `close()`.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<Database & { url?: string }> {
  if (!onPostgres) {
    const database = openDatabase({ pgliteDir: undefined });
    await database.migrate();
    return database;
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DB=postgres needs DATABASE_URL');
  const name = `telkit_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), poolSize: options.poolSize ?? 10 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A fresh database and a real SMTP server for one test file, closed after it. Read them inside tests. */
export function databaseWithSmtp() {
  const ctx = {} as { database: Awaited<ReturnType<typeof createTestDatabase>>; smtp: Awaited<ReturnType<typeof import('./smtp.js').startSmtp>> };
  beforeAll(async () => {
    ctx.database = await createTestDatabase();
    ctx.smtp = await (await import('./smtp.js')).startSmtp();
  });
  afterAll(async () => {
    await ctx.smtp?.stop();
    await ctx.database?.close();
  });
  return ctx;
}
