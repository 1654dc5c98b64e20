// A reseller's business customers (`tk-porting` step 1, PRODUCT.md §3.5): tenant-wide — every partner agent
// of the reseller sees and uses them. The phone is stored as E.164 of the customer's country, the UID in
// the register's format.
import { and, desc, eq, ilike } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Customer as CustomerDto, CustomerCreateInput, customerCreateSchema } from '../../contract/port-orders.js';
import type { PortingCountry } from '../../contract/porting.js';
import { formatUid } from '../../contract/uid.js';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { type Customer, customers, type User } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { likeEscape } from '../lib/like.js';
import { audit, userActor } from './audit.js';

export type { CustomerCreateInput };

export const presentCustomer = (c: Customer): CustomerDto => ({
  id: c.id,
  companyName: c.companyName,
  street: c.street,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country as PortingCountry,
  contactName: c.contactName,
  invoiceEmail: c.invoiceEmail,
  phone: c.phone,
  uid: c.uid,
  createdAt: c.createdAt.toISOString(),
});

/** The tenant's customers, newest first; `q` searches the company name (case-insensitive, anywhere). */
export async function listCustomers(db: Executor, tenantId: string, q?: string): Promise<CustomerDto[]> {
  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), q ? ilike(customers.companyName, `%${likeEscape(q)}%`) : undefined))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(200);
  return rows.map(presentCustomer);
}

/** One customer of the tenant; another tenant's or none: 404. */
export async function getCustomer(db: Executor, tenantId: string, id: string): Promise<Customer> {
  const [row] = await db.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** A phone number in any notation → E.164 of `country` (valid by the full metadata); undefined if it is none. */
export function customerPhone(input: string, country: PortingCountry): string | undefined {
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed?.isValid() ? (parsed.number as string) : undefined;
}

/** "Neuen Kunden erstellen": stored for the agent's tenant; audit entry (no webhook: customers are the reseller's own records). */
export async function createCustomer(
  tx: Executor,
  o: { agent: User; input: z.output<typeof customerCreateSchema>; now: Date; ip?: string },
): Promise<CustomerDto> {
  const { input } = o;
  const phone = customerPhone(input.phone, input.country);
  if (!phone) throw new ApiError(422, 'validation_failed', { errors: [{ path: 'phone', code: 'customer_phone_invalid', message: '' }] });
  const [row] = await tx
    .insert(customers)
    .values({
      tenantId: o.agent.tenantId,
      companyName: input.companyName,
      street: input.street,
      postalCode: input.postalCode,
      city: input.city,
      country: input.country,
      contactName: input.contactName,
      invoiceEmail: input.invoiceEmail,
      phone,
      uid: input.uid ? (formatUid(input.uid) ?? null) : null,
      createdBy: o.agent.id,
      createdAt: o.now,
      updatedAt: o.now,
    })
    .returning();
  await audit(tx, {
    tenantId: o.agent.tenantId,
    actor: userActor(o.agent),
    action: 'customer.created',
    target: { type: 'customer', id: row!.id },
    ip: o.ip,
    at: o.now,
    data: { companyName: row!.companyName, country: row!.country },
  });
  return presentCustomer(row!);
}
