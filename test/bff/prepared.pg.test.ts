import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, rowsOf } from '../../bff/db/client.js';
import { tenants } from '../../bff/db/schema/index.js';
import { createTestDatabase } from './helpers/db.js';

// Postgres only: PGlite has no wire protocol. One connection, so the statement cache checked is the one used.
let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
beforeAll(async () => {
  fresh = await createTestDatabase();
  database = openDatabase({ url: fresh.url!, poolSize: 1 });
});
afterAll(async () => {
  await database?.close();
  await fresh?.close();
});

const preparedStatements = async () =>
  rowsOf<{ statement: string }>(await database.db.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);

describe('statements built by drizzle', () => {
  it('are prepared once per connection and reused, in and out of transactions', async () => {
    const lookup = () => database.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'no-such-tenant'));
    await lookup();
    await database.db.transaction(async (tx) => {
      await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'another'));
    });
    await lookup();
    const statements = (await preparedStatements()).filter((s) => s.includes('"slug" = $1'));
    expect(statements).toHaveLength(1);
  });
});
