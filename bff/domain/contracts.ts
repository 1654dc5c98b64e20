// Contracts ("Festnetz-Verträge", PRODUCT.md §3.6): which contracts an account's admin sees — the own
// account's and, for a main account's admin, those of its live sub-accounts — with whether new internet
// access credentials can be generated for each. Never a password.
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Contract, ContractList } from '../../contract/contracts.js';
import { contractProducts, eligibility, MAX_ROTATIONS_PER_DAY } from '../../contract/credentials.js';
import { maskEmail, maskMobile } from '../../contract/rules.js';
import type { Executor } from '../db/client.js';
import { accountLinks, accounts, type ContractRow, contracts, credentialRotations, type Session, type User } from '../db/schema/index.js';
import { ApiError } from '../lib/errors.js';
import { actingScope } from './locations.js';

type Account = typeof accounts.$inferSelect;

/** The accounts whose contracts a session sees, the session's own (`main`) first. */
export interface ContractScope {
  admin: User & { accountId: string };
  /** The account the session works on (the admin's own, or the sub-account it acts on). */
  accountId: string;
  actingFor: string | null;
  accounts: { account: Account; role: 'main' | 'sub' }[];
}

/**
 * The scope of `/v1/contracts`: only an `account_admin` of a business account (co-users and partner agents
 * 403, `actingScope`). A main account's admin sees its live sub-accounts too; a sub-account's own admin,
 * and a main admin acting on a sub-account, that account alone.
 */
export async function contractScope(db: Executor, caller: { user?: User | undefined; session?: Session | undefined }): Promise<ContractScope> {
  const { admin, accountId, actingFor } = await actingScope(db, caller);
  const [own] = await db.select().from(accounts).where(and(eq(accounts.id, accountId), eq(accounts.tenantId, admin.tenantId)));
  if (!own) throw new ApiError(403, 'forbidden');
  const [asSub] = await db
    .select({ id: accountLinks.id })
    .from(accountLinks)
    .where(and(eq(accountLinks.tenantId, admin.tenantId), eq(accountLinks.subAccountId, accountId), isNull(accountLinks.unlinkedAt)));
  const subs =
    actingFor || asSub
      ? []
      : await db
          .select({ account: accounts })
          .from(accountLinks)
          .innerJoin(accounts, eq(accounts.id, accountLinks.subAccountId))
          .where(and(eq(accountLinks.tenantId, admin.tenantId), eq(accountLinks.mainAccountId, accountId), isNull(accountLinks.unlinkedAt)))
          .orderBy(asc(accounts.customerNumber));
  return { admin, accountId, actingFor, accounts: [{ account: own, role: 'main' }, ...subs.map((s) => ({ account: s.account, role: 'sub' as const }))] };
}

/** The column is text; the provider's systems write only the contract's countries (AT, CH, DE). */
type SiteCountry = Contract['siteAddress']['country'];

export const DAY_MS = 86_400_000;

/** The rotation window of a contract: how many are left in the next 24 hours, and with none left when the next one is possible. */
export interface RotationWindow {
  rotationsLeft: number;
  nextRotationAt: Date | null;
}

/**
 * From the times of a contract's rotations in the last 24 hours (any order): `MAX_ROTATIONS_PER_DAY` in
 * any 24 hours, so with the window full a place frees when its oldest counted rotation is 24 hours old.
 */
export function rotationWindow(times: readonly Date[]): RotationWindow {
  const sorted = [...times].sort((a, b) => a.getTime() - b.getTime());
  const rotationsLeft = Math.max(0, MAX_ROTATIONS_PER_DAY - sorted.length);
  const nextRotationAt = rotationsLeft > 0 ? null : new Date(sorted[sorted.length - MAX_ROTATIONS_PER_DAY]!.getTime() + DAY_MS);
  return { rotationsLeft, nextRotationAt };
}

export function presentContract(row: ContractRow, window: RotationWindow): Contract {
  const { eligible, reason } = eligibility(row);
  return {
    id: row.id,
    accountId: row.accountId,
    contractNumber: row.contractNumber,
    product: row.product,
    name: row.name,
    siteName: row.siteName,
    siteAddress: { street: row.street, houseNumber: row.houseNumber, postalCode: row.postalCode, city: row.city, country: row.country as SiteCountry },
    accessLine: row.accessLine,
    status: row.status,
    pppoeUsername: row.pppoeUsername,
    eligible,
    reason,
    credentialsRotatedAt: row.credentialsRotatedAt?.toISOString() ?? null,
    rotationsLeft: window.rotationsLeft,
    nextRotationAt: window.nextRotationAt?.toISOString() ?? null,
  } satisfies Contract;
}

const productOrder = (p: string) => contractProducts.indexOf(p as (typeof contractProducts)[number]);
const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** `GET /v1/contracts`: the scope's accounts, their contracts (by product, then site), and where a rotation would send (masked). */
export async function listContracts(db: Executor, scope: ContractScope, now: Date): Promise<ContractList> {
  const ids = scope.accounts.map((a) => a.account.id);
  const rows = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenantId, scope.admin.tenantId), inArray(contracts.accountId, ids)));
  // The rotations of the last 24 hours of all listed contracts, in one query.
  const recent = rows.length
    ? await db
        .select({ contractId: credentialRotations.contractId, createdAt: credentialRotations.createdAt })
        .from(credentialRotations)
        .where(
          and(
            eq(credentialRotations.tenantId, scope.admin.tenantId),
            inArray(credentialRotations.contractId, rows.map((r) => r.id)),
            gt(credentialRotations.createdAt, new Date(now.getTime() - DAY_MS)),
          ),
        )
    : [];
  const timesOf = new Map<string, Date[]>();
  for (const r of recent) timesOf.set(r.contractId, [...(timesOf.get(r.contractId) ?? []), r.createdAt]);
  rows.sort((a, b) => productOrder(a.product) - productOrder(b.product) || collator.compare(a.siteName, b.siteName) || a.contractNumber.localeCompare(b.contractNumber));
  return {
    accounts: scope.accounts.map(({ account, role }) => ({ accountId: account.id, customerNumber: account.customerNumber, displayName: account.displayName, role })),
    contracts: rows.map((row) => presentContract(row, rotationWindow(timesOf.get(row.id) ?? []))),
    contact: { email: maskEmail(scope.admin.email), mobile: maskMobile(scope.admin.mobile) },
  };
}

/** One contract of the scope, locked for the rotation; another account's, another tenant's or an unknown one is 404. */
export async function lockContractInScope(tx: Executor, scope: ContractScope, contractId: string): Promise<{ contract: ContractRow; account: Account }> {
  const [contract] = await tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.tenantId, scope.admin.tenantId), inArray(contracts.accountId, scope.accounts.map((a) => a.account.id))))
    .for('update');
  if (!contract) throw new ApiError(404, 'not_found');
  return { contract, account: scope.accounts.find((a) => a.account.id === contract.accountId)!.account };
}
