import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Licence, PortOrderStatus, Signer } from '../../../contract/porting.js';
import { at, id, tenantId, timestamps } from '../columns.js';
import { tariffs } from './tenancy.js';
import { users } from './users.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A reseller's business customer ("Kunden Ersteinrichtung", PRODUCT.md §3.5 step 1): the company the
 * reseller sets up a PBX for. Not a portal account: a partner agent of the tenant manages it.
 */
export const customers = pgTable(
  'customers',
  {
    id: id(),
    tenantId: tenantId(),
    companyName: text('company_name').notNull(),
    /** Street and house number, as one line. */
    street: text('street').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull().default('CH'),
    contactName: text('contact_name').notNull(),
    /** Where invoices go. */
    invoiceEmail: text('invoice_email').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    /** Swiss UID (`CHE-123.456.789`), formatted; optional. */
    uid: text('uid'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [index('customers_tenant_name_idx').on(t.tenantId, sql`lower(${t.companyName})`)],
);

/**
 * A reseller's setup order with number porting (`tk-porting`): a server-side draft saved at every step,
 * then the lifecycle of `contract/porting.ts` (`portOrderLifecycle`), moved only through
 * `domain/port-orders.ts`. Dates without time are calendar days in Europe/Zurich.
 */
export const portOrders = pgTable(
  'port_orders',
  {
    id: id(),
    tenantId: tenantId(),
    /** What people quote on the phone: `PO-` and six characters, unique per tenant. */
    reference: text('reference').notNull(),
    status: text('status').$type<PortOrderStatus>().notNull().default('draft'),
    /** The agent who created it; its e-mails go to this agent. */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    /** The furthest step saved as complete (1 customer … 4 workplaces); a draft reopens after it. */
    step: integer('step').notNull().default(0),
    // Step 2: subscription
    tariffId: uuid('tariff_id').references(() => tariffs.id, { onDelete: 'restrict' }),
    /** Billing start ("Ab Datum"). */
    startDate: date('start_date', { mode: 'string' }),
    // Step 3: numbers (the lines are `port_order_numbers`)
    /** The country of the numbers (the customer's, CH unless said otherwise). */
    country: text('country').notNull().default('CH'),
    /** How many new numbers besides the ported ones. */
    newNumbers: integer('new_numbers').notNull().default(0),
    /** A provider code from `contract/porting.ts` (`PROVIDERS`), or `unknown`. */
    currentProvider: text('current_provider'),
    /** The customer's customer or contract number with the current provider (printed on the power of attorney). */
    currentProviderAccount: text('current_provider_account'),
    signing: text('signing').$type<'single' | 'collective'>(),
    signers: jsonb('signers').$type<Signer[]>().notNull().default([]),
    timing: text('timing').$type<'contract_end' | 'asap'>(),
    portingDate: date('porting_date', { mode: 'string' }),
    /** `HH:MM`, office hours. */
    portingTime: text('porting_time'),
    /** Whether telephony and internet share one contract at the old provider. */
    sharedContract: boolean('shared_contract'),
    scope: text('scope').$type<'partial' | 'full'>(),
    /** For a full port: the agent acknowledged that numbers not listed are lost. */
    fullPortAcknowledged: boolean('full_port_acknowledged').notNull().default(false),
    note: text('note'),
    // Step 4: the reseller's own support login for the PBX
    supportLoginName: text('support_login_name'),
    /** AES-256-GCM (`lib/crypto.ts` `seal`); never returned. */
    supportPasswordSealed: text('support_password_sealed'),
    // Lifecycle
    submittedAt: at('submitted_at'),
    /** The porting date and time the operator confirmed (`scheduled`). */
    scheduledAt: at('scheduled_at'),
    closedAt: at('closed_at'),
    ...timestamps(),
  },
  (t) => [
    unique('port_orders_reference_uq').on(t.tenantId, t.reference),
    index('port_orders_agent_idx').on(t.tenantId, t.createdBy, t.updatedAt),
    index('port_orders_status_idx').on(t.tenantId, t.status),
  ],
);

/**
 * A number line of a port order, as typed and as understood: a single number (`range_first` =
 * `range_last`) or a DDI block. `range_first`/`range_last` are E.164 of equal length, so ranges compare as
 * strings; both are null while the line is not a number (drafts keep what was typed).
 */
export const portOrderNumbers = pgTable(
  'port_order_numbers',
  {
    id: id(),
    tenantId: tenantId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => portOrders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    input: text('input').notNull(),
    kind: text('kind').$type<'single' | 'block'>().notNull(),
    rangeFirst: text('range_first'),
    rangeLast: text('range_last'),
    /** `fixed_line`, `mobile`, `toll_free`, … as libphonenumber-js names it (lower case). */
    numberType: text('number_type'),
    /** `pending` until the order ends; then `ported`, `failed` or `cancelled`. */
    status: text('status').$type<'pending' | 'ported' | 'failed' | 'cancelled'>().notNull().default('pending'),
    /** The temporary number given at submission (kept after release, for the history). */
    temporaryNumber: text('temporary_number'),
    temporaryReleasedAt: at('temporary_released_at'),
  },
  (t) => [index('port_order_numbers_order_idx').on(t.orderId, t.position), index('port_order_numbers_range_idx').on(t.tenantId, t.rangeFirst, t.rangeLast)],
);

/**
 * The tenant's pool of temporary numbers: each ported number or block gets one at submission while the
 * port runs. `assigned_to` is the line holding it; the unique index means never two lines at once.
 */
export const temporaryNumbers = pgTable(
  'temporary_numbers',
  {
    id: id(),
    tenantId: tenantId(),
    e164: text('e164').notNull(),
    assignedTo: uuid('assigned_to').references(() => portOrderNumbers.id, { onDelete: 'set null' }),
    assignedAt: at('assigned_at'),
    releasedAt: at('released_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('temporary_numbers_e164_uq').on(t.tenantId, t.e164),
    uniqueIndex('temporary_numbers_assigned_uq').on(t.assignedTo).where(sql`${t.assignedTo} is not null`),
    index('temporary_numbers_free_idx').on(t.tenantId, t.releasedAt).where(sql`${t.assignedTo} is null`),
  ],
);

/** A workplace (user/phone) set up on the PBX; the password is sealed for provisioning and never returned. */
export const portOrderWorkplaces = pgTable(
  'port_order_workplaces',
  {
    id: id(),
    tenantId: tenantId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => portOrders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    displayName: text('display_name').notNull(),
    loginName: text('login_name').notNull(),
    passwordSealed: text('password_sealed'),
    licence: text('licence').$type<Licence>().notNull(),
  },
  (t) => [index('port_order_workplaces_order_idx').on(t.orderId, t.position)],
);

/** Documents of a port order: the signed power of attorney, checked by content, at most 5 MB. */
export const portOrderDocuments = pgTable(
  'port_order_documents',
  {
    id: id(),
    tenantId: tenantId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => portOrders.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'signed_power_of_attorney'>().notNull(),
    fileName: text('file_name').notNull(),
    /** Sniffed from the content: `application/pdf`, `image/png` or `image/jpeg`. */
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('port_order_documents_order_idx').on(t.orderId, t.createdAt)],
);

/** Monthly price per workplace licence, per tenant (the price preview of step 4). */
export const licencePrices = pgTable(
  'licence_prices',
  {
    tenantId: tenantId(),
    licence: text('licence').$type<Licence>().notNull(),
    monthlyPriceCents: integer('monthly_price_cents').notNull(),
    currency: text('currency').notNull().default('CHF'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.licence] })],
);

export type Customer = typeof customers.$inferSelect;
export type PortOrder = typeof portOrders.$inferSelect;
export type PortOrderNumber = typeof portOrderNumbers.$inferSelect;
export type PortOrderWorkplace = typeof portOrderWorkplaces.$inferSelect;
export type PortOrderDocument = typeof portOrderDocuments.$inferSelect;
