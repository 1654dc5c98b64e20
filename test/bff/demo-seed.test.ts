import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortOrderStatuses, portingDayProblem } from '../../contract/porting.js';
import {
  accountLinks,
  accounts,
  customers,
  licencePrices,
  portOrderNumbers,
  portOrders,
  portOrderWorkplaces,
  signups,
  statusHistory,
  subUsers,
  tariffs,
  temporaryNumbers,
  tenants,
  users,
} from '../../bff/db/schema/index.js';
import { verifyPassword } from '../../bff/domain/passwords.js';
import { DEMO, seedDemo } from '../../bff/dev/demo-seed.js';
import { DEMO_PROVISIONING_URL } from '../../bff/dev/demo-contracts.js';
import { PPPOE_SEAL } from '../../bff/domain/credentials.js';
import { contracts, webhookEndpoints } from '../../bff/db/schema/index.js';
import { CREDENTIAL_ALPHABET, ELIGIBLE_CONTRACTS, eligibility } from '../../contract/credentials.js';
import { WORKPLACE_SEAL } from '../../bff/domain/port-orders.js';
import { unseal } from '../../bff/lib/crypto.js';
import { createTestDatabase } from './helpers/db.js';
import { isUid } from '../../contract/uid.js';

const SECRET = 'demo-seed-test-secret-0123456789abcdef';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, 'http://localhost:8787', { secret: SECRET });
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

  describe('number porting for demo.agent', () => {
    const p = DEMO.porting;
    const tenantId = DEMO.reseller.id;

    it('gives the reseller (a child of the demo operator) a PBX product for porting, licence prices and a pool of 50 temporary numbers', async () => {
      const [reseller] = await database.db.select().from(tenants).where(eq(tenants.id, tenantId));
      expect(reseller).toMatchObject({ kind: 'reseller', parentId: DEMO.operator.id });
      const [product] = await database.db.select().from(tariffs).where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.code, p.productCode)));
      expect(product).toMatchObject({ name: 'Cloud PBX Business', monthlyPriceCents: 3900, currency: 'CHF', forPorting: true, forSubUsers: false, accountTypes: [] });
      const prices = await database.db.select().from(licencePrices).where(eq(licencePrices.tenantId, tenantId)).orderBy(asc(licencePrices.licence));
      expect(prices.map((r) => [r.licence, r.monthlyPriceCents, r.currency])).toEqual([
        ['apps', 1200, 'CHF'],
        ['device', 650, 'CHF'],
      ]);
      const pool = await database.db.select().from(temporaryNumbers).where(eq(temporaryNumbers.tenantId, tenantId)).orderBy(asc(temporaryNumbers.e164));
      expect(pool).toHaveLength(50);
      expect([pool[0]!.e164, pool.at(-1)!.e164]).toEqual(['+41585100000', '+41585100049']);
    });

    it('has the customer Schmiedeisen AG, a draft at the numbers step and a complete submitted order', async () => {
      const [customer] = await database.db.select().from(customers).where(eq(customers.id, p.customerId));
      expect(customer).toMatchObject({ tenantId, companyName: 'Schmiedeisen AG', city: 'Zürich', country: 'CH' });
      expect(isUid(customer!.uid!)).toBe(true);
      const [agent] = await database.db.select().from(users).where(eq(users.username, DEMO.agent.username));
      expect(customer!.createdBy).toBe(agent!.id);

      const [draft] = await database.db.select().from(portOrders).where(eq(portOrders.id, p.draftOrderId));
      expect(draft).toMatchObject({ tenantId, status: 'draft', step: 2, customerId: p.customerId, createdBy: agent!.id, reference: p.draftReference });
      expect(draft!.tariffId).not.toBeNull();
      expect(draft!.signing).toBeNull();
      const draftLines = await database.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, p.draftOrderId));
      expect(draftLines.length).toBeGreaterThan(0);

      const [order] = await database.db.select().from(portOrders).where(eq(portOrders.id, p.submittedOrderId));
      expect(order).toMatchObject({ tenantId, status: 'submitted', step: 4, customerId: p.customerId, createdBy: agent!.id, signing: 'collective', timing: 'contract_end', scope: 'partial' });
      expect(order!.signers).toHaveLength(2);
      expect(order!.submittedAt).not.toBeNull();
      expect(portingDayProblem(order!.portingDate!, order!.submittedAt!.toISOString().slice(0, 10))).toBeUndefined();
      const lines = await database.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.orderId, p.submittedOrderId)).orderBy(asc(portOrderNumbers.position));
      expect(lines.map((l) => l.kind)).toEqual(['single', 'single', 'block']);
      expect(lines.find((l) => l.kind === 'block')).toMatchObject({ rangeFirst: '+41313304100', rangeLast: '+41313304109' });
      // Bern numbers: the demo walk can enter Zürich numbers (044 123 45 67) without `in_open_order`.
      for (const l of lines) expect(l.rangeFirst!.startsWith('+4131')).toBe(true);
      const open = await database.db
        .select({ first: portOrderNumbers.rangeFirst })
        .from(portOrderNumbers)
        .innerJoin(portOrders, eq(portOrders.id, portOrderNumbers.orderId))
        .where(and(eq(portOrders.tenantId, tenantId), sql`${portOrders.status} in ${[...openPortOrderStatuses]}`, sql`${portOrderNumbers.rangeFirst} like '+4144%'`));
      expect(open).toEqual([]);

      // Every line holds its own temporary number from the pool.
      const held = await database.db.select().from(temporaryNumbers).where(and(eq(temporaryNumbers.tenantId, tenantId), isNotNull(temporaryNumbers.assignedTo)));
      expect(held.map((h) => h.assignedTo).sort()).toEqual(lines.map((l) => l.id).sort());
      for (const l of lines) expect(held.find((h) => h.assignedTo === l.id)!.e164).toBe(l.temporaryNumber);

      const workplaces = await database.db.select().from(portOrderWorkplaces).where(eq(portOrderWorkplaces.orderId, p.submittedOrderId));
      expect(workplaces.length).toBeGreaterThanOrEqual(2);
      for (const w of workplaces) {
        expect(w.passwordSealed).not.toBeNull();
        expect(unseal(SECRET, WORKPLACE_SEAL, w.passwordSealed!)).toMatch(/^Demo-Arbeitsplatz-/);
      }
      expect(unseal(SECRET, WORKPLACE_SEAL, order!.supportPasswordSealed!)).toBeTruthy();

      const history = await database.db.select().from(statusHistory).where(eq(statusHistory.entityId, p.submittedOrderId));
      expect(history).toEqual([expect.objectContaining({ entity: 'port_order', fromStatus: 'draft', toStatus: 'submitted', actorKind: 'agent', actorId: agent!.id })]);
    });

    it('is idempotent: a restart adds nothing and keeps a newcomer\'s changes', async () => {
      const count = async () => ({
        orders: (await database.db.select().from(portOrders).where(eq(portOrders.tenantId, tenantId))).length,
        lines: (await database.db.select().from(portOrderNumbers).where(eq(portOrderNumbers.tenantId, tenantId))).length,
        workplaces: (await database.db.select().from(portOrderWorkplaces).where(eq(portOrderWorkplaces.tenantId, tenantId))).length,
        pool: (await database.db.select().from(temporaryNumbers).where(eq(temporaryNumbers.tenantId, tenantId))).length,
        held: (await database.db.select().from(temporaryNumbers).where(and(eq(temporaryNumbers.tenantId, tenantId), isNotNull(temporaryNumbers.assignedTo)))).length,
        history: (await database.db.select().from(statusHistory).where(eq(statusHistory.entity, 'port_order'))).length,
        customers: (await database.db.select().from(customers).where(eq(customers.tenantId, tenantId))).length,
      });
      const before = await count();
      await database.db.update(portOrders).set({ note: 'changed by a newcomer' }).where(eq(portOrders.id, p.draftOrderId));
      await seedDemo(database.db, 'http://localhost:8787', { secret: SECRET });
      await seedDemo(database.db, 'http://localhost:8787');
      expect(await count()).toEqual(before);
      const [draft] = await database.db.select().from(portOrders).where(eq(portOrders.id, p.draftOrderId));
      expect(draft!.note).toBe('changed by a newcomer');
    });

    it('adds porting to a database seeded before porting existed', async () => {
      const earlier = await createTestDatabase();
      try {
        await seedDemo(earlier.db, 'http://localhost:8787', { secret: SECRET });
        // What an earlier version left: no porting rows at all, its tariffs without the PBX product.
        await earlier.db.delete(portOrders).where(eq(portOrders.tenantId, tenantId));
        await earlier.db.delete(customers).where(eq(customers.tenantId, tenantId));
        await earlier.db.delete(temporaryNumbers).where(eq(temporaryNumbers.tenantId, tenantId));
        await earlier.db.delete(licencePrices).where(eq(licencePrices.tenantId, tenantId));
        await earlier.db.delete(statusHistory).where(eq(statusHistory.entity, 'port_order'));
        await earlier.db.delete(tariffs).where(and(eq(tariffs.tenantId, tenantId), eq(tariffs.code, p.productCode)));
        await seedDemo(earlier.db, 'http://localhost:8787', { secret: SECRET });
        const orders = await earlier.db.select().from(portOrders).where(eq(portOrders.tenantId, tenantId));
        expect(orders.map((o) => o.status).sort()).toEqual(['draft', 'submitted']);
        expect(await earlier.db.select().from(temporaryNumbers).where(eq(temporaryNumbers.tenantId, tenantId))).toHaveLength(50);
      } finally {
        await earlier.close();
      }
    });
  });

  it('gives the demo business account and its location contracts of every kind, eligible and not, once, with sealed passwords; the operator listens by name', async () => {
    await seedDemo(database.db, 'http://localhost:8787', { secret: SECRET });
    const rows = await database.db.select().from(contracts).where(eq(contracts.tenantId, DEMO.reseller.id));
    expect(rows).toHaveLength(10);
    const summary = (accountId: string) =>
      rows
        .filter((r) => r.accountId === accountId)
        .map((r) => `${r.product}|${r.name}|${eligibility(r).reason ?? 'eligible'}`)
        .sort();
    expect(summary(DEMO.admin.accountId)).toEqual(
      [
        'companyflex|CompanyFlex Complete|eligible',
        'companyflex|CompanyFlex MSN Complete|eligible',
        'companyflex|CompanyFlex Access Plus|eligible',
        'companyflex|CompanyFlex Voice|no_access_line',
        'cloud_pbx|Cloud PBX Hauptstandortvertrag|eligible',
        'sip_trunk|SIP-Trunk Business|no_access_line',
        'ip_voice_data|IP Voice / Data Premium|contract_type',
        'companyflex|CompanyFlex Complete|contract_ended',
      ].sort(),
    );
    expect(summary(DEMO.location.accountId)).toEqual(['cloud_pbx|Cloud PBX Filialvertrag|eligible', 'sip_trunk|SIP-Trunk Business|no_access_line']);
    for (const name of ELIGIBLE_CONTRACTS.map((e) => e.name)) expect(rows.some((r) => r.name === name && eligibility(r).eligible)).toBe(true);
    expect(rows.filter((r) => r.accountId === DEMO.location.accountId).every((r) => r.city === 'Zürich' && r.country === 'CH')).toBe(true);
    for (const row of rows) {
      if (!row.accessLine) {
        expect(row.pppoeUsername).toBeNull();
        expect(row.passwordSealed).toBeNull();
        continue;
      }
      expect(row.pppoeUsername).toMatch(/@business\.demo-reseller\.example$/);
      expect(unseal(SECRET, PPPOE_SEAL, row.passwordSealed!)).toMatch(new RegExp(`^[${CREDENTIAL_ALPHABET}]{20}$`));
    }
    const [hook] = await database.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.tenantId, DEMO.operator.id), eq(webhookEndpoints.url, DEMO_PROVISIONING_URL)));
    expect(hook!.eventTypes).toEqual(['contract.credentials_rotated']);
    expect(await database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.url, DEMO_PROVISIONING_URL))).toHaveLength(1);
  });
});
