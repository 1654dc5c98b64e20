// Co-users of a business account (PRODUCT.md §3.3). STUB: the signatures the routes call; to be implemented.
import type { SubUser, SubUserCancellation, SubUserCreate } from '../../contract/sub-users.js';
import type { Executor } from '../db/client.js';
import type { Session, Tenant, User } from '../db/schema/index.js';
import type { BudgetSettings } from './budget.js';
import { ApiError } from '../lib/errors.js';
import type { Locale } from '../../contract/enums.js';

/** What every co-user flow gets from the route. */
export interface SubUserFlow {
  tenant: Tenant;
  /** The admin acting, and the business account it acts on. */
  admin: User & { accountId: string };
  accountId: string;
  now: Date;
  ip: string;
  locale: Locale;
  publicUrl: string;
  budget: BudgetSettings;
}

/** The caller must be the `account_admin` of an account; anything else (a co-user, an agent) is 403. */
export function requireAdminOfBusiness(user: User, _session: Session): User & { accountId: string } {
  if (user.role !== 'account_admin' || !user.accountId) throw new ApiError(403, 'forbidden');
  return user as User & { accountId: string };
}

const todo = (): never => {
  throw new Error('co-users: not implemented yet');
};

export async function listSubUsers(_db: Executor, _f: SubUserFlow): Promise<SubUser[]> {
  return todo();
}
export async function createSubUser(_tx: Executor, _o: SubUserFlow & { input: SubUserCreate }): Promise<SubUser> {
  return todo();
}
export async function updateSubUser(
  _tx: Executor,
  _o: SubUserFlow & { id: string; change: { invoiceNote?: string | null; tariffId?: string; email?: string } },
): Promise<{ subUser: SubUser; effective: { invoiceNote: string | null; tariff: string | null; email: boolean } }> {
  return todo();
}
export async function resendSubUser(_tx: Executor, _o: SubUserFlow & { id: string }): Promise<{ subUser: SubUser; retryAfter: number }> {
  return todo();
}
export async function cancelSubUser(_tx: Executor, _o: SubUserFlow & { id: string; endDate?: string }): Promise<SubUserCancellation> {
  return todo();
}
export async function withdrawCancellation(_tx: Executor, _o: SubUserFlow & { id: string }): Promise<SubUser> {
  return todo();
}
