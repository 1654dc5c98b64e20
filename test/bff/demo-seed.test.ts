import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountLinks, accounts, signups, subUsers, tariffs, users } from '../../bff/db/schema/index.js';
import { verifyPassword } from '../../bff/domain/passwords.js';
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

  it('links "Filiale Zürich" to the demo business account once, with its own admin login; the Bern account waits to be linked', async () => {
    await seedDemo(database.db, 'http://localhost:8787');
    const links = await database.db.select().from(accountLinks).where(eq(accountLinks.mainAccountId, DEMO.admin.accountId));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ subAccountId: DEMO.location.accountId, collectiveInvoice: true, collectiveInvoicePrevious: false, unlinkedAt: null });
    expect(links[0]!.collectiveInvoiceFrom <= new Date().toISOString().slice(0, 10)).toBe(true);
    expect(await database.db.select().from(accountLinks).where(eq(accountLinks.subAccountId, DEMO.unlinked.accountId))).toEqual([]);
    for (const login of [DEMO.location, DEMO.unlinked]) {
      const [account] = await database.db.select().from(accounts).where(eq(accounts.id, login.accountId));
      expect(account).toMatchObject({ accountType: 'business', customerNumber: login.customerNumber, status: 'active' });
      const [signup] = await database.db.select().from(signups).where(eq(signups.id, account!.signupId!));
      expect(signup!.data).toMatchObject({ accountType: 'business', company: { address: { country: 'CH' } } });
      const [admin] = await database.db.select().from(users).where(eq(users.username, login.username));
      expect(admin).toMatchObject({ role: 'account_admin', accountId: login.accountId });
      expect(await verifyPassword(admin!.passwordHash!, login.password)).toBe(true);
    }
    const coUsers = await database.db.select().from(subUsers).where(eq(subUsers.accountId, DEMO.location.accountId));
    expect(coUsers.map((r) => r.status).sort()).toEqual(['active', 'pending_confirmation']);
    const [main] = await database.db.select().from(accounts).where(eq(accounts.id, DEMO.admin.accountId));
    expect(main!.signupId).toBe(DEMO.adminSignupId);
  });

  it('keeps a newcomer\'s unlink: a restart does not link Zürich again', async () => {
    await database.db.update(accountLinks).set({ unlinkedAt: new Date() }).where(eq(accountLinks.subAccountId, DEMO.location.accountId));
    await seedDemo(database.db, 'http://localhost:8787');
    const links = await database.db.select().from(accountLinks).where(eq(accountLinks.subAccountId, DEMO.location.accountId));
    expect(links).toHaveLength(1);
    expect(links[0]!.unlinkedAt).not.toBeNull();
  });
});
