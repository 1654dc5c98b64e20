import { boolean, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { ContractProduct, ContractStatus } from '../../../contract/credentials.js';
import { at, id, tenantId, timestamps } from '../columns.js';
import { accounts } from './accounts.js';
import { users } from './users.js';

/**
 * A fixed-network contract of an account ("Festnetz-Verträge", PRODUCT.md §3.6): product, contract name
 * (for CompanyFlex the site contract), the site it is for, and — with an access line — the PPPoE
 * credentials. The password is sealed (`lib/crypto.ts`, purpose `pppoe`) for provisioning; it is never
 * shown, logged or returned. Contracts come from the provider's systems (here: the demo seed).
 */
export const contracts = pgTable(
  'contracts',
  {
    id: id(),
    tenantId: tenantId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    contractNumber: text('contract_number').notNull(),
    product: text('product').$type<ContractProduct>().notNull(),
    name: text('name').notNull(),
    status: text('status').$type<ContractStatus>().notNull().default('active'),
    siteName: text('site_name').notNull(),
    street: text('street').notNull(),
    houseNumber: text('house_number').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    accessLine: boolean('access_line').notNull(),
    pppoeUsername: text('pppoe_username'),
    /** The current PPPoE password, sealed; null without an access line. */
    passwordSealed: text('password_sealed'),
    credentialsRotatedAt: at('credentials_rotated_at'),
    ...timestamps(),
  },
  (t) => [
    unique('contracts_number_uq').on(t.tenantId, t.contractNumber),
    unique('contracts_pppoe_uq').on(t.tenantId, t.pppoeUsername),
    index('contracts_account_idx').on(t.accountId),
  ],
);

/**
 * Every generation of new credentials: who, for which contract, when. Counts the limit of
 * `MAX_ROTATIONS_PER_DAY` per contract (under the contract's row lock) and is the history; it holds no
 * password and no code.
 */
export const credentialRotations = pgTable(
  'credential_rotations',
  {
    id: id(),
    tenantId: tenantId(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('credential_rotations_contract_idx').on(t.contractId, t.createdAt)],
);

export type ContractRow = typeof contracts.$inferSelect;
