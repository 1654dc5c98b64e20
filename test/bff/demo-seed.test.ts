import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, subUsers, tariffs, users } from '../../bff/db/schema/index.js';
import { DEMO, seedDemo } from '../../bff/dev/demo-seed.js';
import { createTestDatabase } from './helpers/db.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, 'http://localhost:8787');
});
afterAll(() => database.close());

describe('demo seed', () => {
  it('gives the demo business account a co-user in every state, once', async () => {
    await seedDemo(database.db, 'http://localhost:8787');
    const rows = await database.db.select().from(subUsers).where(eq(subUsers.accountId, DEMO.admin.accountId));
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'cancellation_scheduled', 'cancelled', 'expired', 'pending_confirmation']);
    for (const row of rows.filter((r) => r.status === 'active' || r.status.startsWith('cancel'))) {
      const [account] = await database.db.select().from(accounts).where(eq(accounts.id, row.coAccountId!));
      expect(account!.parentAccountId).toBe(DEMO.admin.accountId);
      expect(account!.sipDeactivatedAt === null).toBe(row.status !== 'cancelled');
    }
  });

  it('offers co-user tariffs that the signup does not list, and a co-user login', async () => {
    const list = await database.db.select().from(tariffs).where(eq(tariffs.tenantId, DEMO.reseller.id));
    const forSubUsers = list.filter((t) => t.forSubUsers);
    expect(forSubUsers.length).toBeGreaterThanOrEqual(2);
    for (const t of forSubUsers) expect(t.accountTypes).toEqual([]);
    const [coUser] = await database.db.select().from(users).where(eq(users.username, DEMO.coUser.username));
    expect(coUser!.role).toBe('co_user');
    expect(coUser!.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
