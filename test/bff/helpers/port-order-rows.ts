import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { PortOrderStatus } from '../../../contract/porting.js';
import type { Db } from '../../../bff/db/client.js';
import { customers, portOrderNumbers, portOrders, temporaryNumbers } from '../../../bff/db/schema/index.js';
import type { TestTenant } from './app.js';
import type { TestUser } from './portal.js';

/** The customer Schmiedeisen AG of `tenantId`, written straight into the table (`overrides` replace fields). */
export async function insertCustomer(db: Db, tenantId: string, overrides: Partial<typeof customers.$inferInsert> = {}) {
  const [customer] = await db
    .insert(customers)
    .values({
      tenantId,
      companyName: 'Schmiedeisen AG',
      street: 'Bahnhofstrasse 12',
      postalCode: '8001',
      city: 'Zürich',
      contactName: 'Jürg Müller',
      invoiceEmail: 'rechnung@schmiedeisen.example',
      phone: '+41441234567',
      ...overrides,
    })
    .returning();
  return customer!;
}

/**
 * A port order of `agent` written straight into the tables, in `status` (the agent's submit route is not
 * this file's business): a customer, the order, its number lines, each holding a temporary number of the
 * tenant's pool (`seedPorting`) as a submission leaves them.
 */
export async function insertOrder(
  db: Db,
  tenant: TestTenant,
  agent: TestUser,
  options: { status?: PortOrderStatus; company?: string; numbers?: string[]; scheduledAt?: Date } = {},
) {
  const customer = await insertCustomer(db, tenant.id, { companyName: options.company ?? 'Schmiedeisen AG', createdBy: agent.id });
  const [order] = await db
    .insert(portOrders)
    .values({
      tenantId: tenant.id,
      reference: `PO-${randomBytes(3).toString('hex').toUpperCase()}`,
      status: options.status ?? 'submitted',
      createdBy: agent.id,
      customerId: customer!.id,
      step: 4,
      country: 'CH',
      currentProvider: 'swisscom',
      timing: 'asap',
      submittedAt: new Date(),
      scheduledAt: options.scheduledAt ?? null,
    })
    .returning();
  const inputs = options.numbers ?? ['+41 44 123 45 67', '+41 44 987 65 0x'];
  const lines = [];
  for (const [position, input] of inputs.entries()) {
    const block = input.endsWith('x');
    const e164 = input.replace(/[\sx]/g, '');
    const [free] = await db
      .select()
      .from(temporaryNumbers)
      .where(and(eq(temporaryNumbers.tenantId, tenant.id), isNull(temporaryNumbers.assignedTo)))
      .orderBy(asc(temporaryNumbers.e164))
      .limit(1);
    const [line] = await db
      .insert(portOrderNumbers)
      .values({
        tenantId: tenant.id,
        orderId: order!.id,
        position,
        input,
        kind: block ? 'block' : 'single',
        rangeFirst: block ? `${e164}0` : e164,
        rangeLast: block ? `${e164}9` : e164,
        numberType: 'fixed_line',
        temporaryNumber: free?.e164 ?? null,
      })
      .returning();
    if (free) await db.update(temporaryNumbers).set({ assignedTo: line!.id, assignedAt: new Date() }).where(eq(temporaryNumbers.id, free.id));
    lines.push({ ...line!, temporaryId: free?.id ?? null });
  }
  return { order: order!, customer: customer!, lines };
}
