// Who may see which customers and port orders: the one place that says it (PRODUCT.md §3.5, §7). The
// agent's views, the operator's views, the operator's decisions and the dev console all read orders
// through `findOrder` / `scopeWhere`, and tell an operator by `isOperator`.
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Executor } from '../db/client.js';
import { type PortOrder, portOrders, type Tenant, tenants, type User } from '../db/schema/index.js';
import type { AppEnv, Caller } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';

/** The partner agent behind a session; any other role (an account admin, a co-user) or a key: 403. */
export function requireAgent(caller: Caller): User {
  const user = caller.user;
  if (!caller.session || !user || user.role !== 'partner_agent' || user.tenantId !== caller.tenant.id) throw new ApiError(403, 'forbidden');
  return user;
}

/** An operator: a tenant of kind `operator` at the top (no parent). A tenant with a parent belongs to that parent. */
export const isOperator = (tenant: Pick<Tenant, 'kind' | 'parentId'>): boolean => tenant.kind === 'operator' && !tenant.parentId;

/** Only an operator decides and sees its resellers' orders; any other tenant's key is a 403 `operator_only`. */
export function requireOperator<T extends Pick<Tenant, 'kind' | 'parentId'>>(tenant: T): T {
  if (!isOperator(tenant)) throw new ApiError(403, 'operator_only');
  return tenant;
}

/** The operator a tenant's orders belong to: the tenant itself when it is an operator, else its parent. */
export const operatorOf = (tenant: Pick<Tenant, 'id' | 'kind' | 'parentId'>): string | null => (isOperator(tenant) ? tenant.id : tenant.parentId);

/**
 * Which port orders a caller sees:
 * - a partner agent: every order of its tenant (the reseller) — colleagues take over each other's orders;
 * - an operator (`isOperator`) by its secret key or console: the orders of its reseller tenants (`parentId`
 *   = the operator) and its own, never drafts (a draft is the agent's until submitted: 404 everywhere);
 * - any other tenant's secret key: 403 `operator_only`; anything else: 403.
 */
export type OrderScope = { kind: 'agent'; tenantId: string; agent: User } | { kind: 'operator'; operatorId: string };

export function orderScope(caller: Caller): OrderScope {
  if (caller.session) return { kind: 'agent', tenantId: caller.tenant.id, agent: requireAgent(caller) };
  if (caller.credential.kind === 'secret') return { kind: 'operator', operatorId: requireOperator(caller.tenant).id };
  throw new ApiError(403, 'forbidden');
}

/** The tenants whose orders an operator sees: itself and its resellers. */
const operatorReach = (operatorId: string) => sql`(select ${tenants.id} from ${tenants} where ${tenants.id} = ${operatorId} or ${tenants.parentId} = ${operatorId})`;

/** The condition on `port_orders` of a scope. */
export function scopeWhere(scope: OrderScope): SQL {
  return scope.kind === 'agent'
    ? eq(portOrders.tenantId, scope.tenantId)
    : and(sql`${portOrders.tenantId} in ${operatorReach(scope.operatorId)}`, ne(portOrders.status, 'draft'))!;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One order in the caller's scope (locked with `lock`); anything else — another reseller's, a draft for the operator, none — 404. */
export async function findOrder(db: Executor, scope: OrderScope, id: string, lock = false): Promise<PortOrder> {
  if (!UUID.test(id)) throw new ApiError(404, 'not_found');
  const query = db
    .select()
    .from(portOrders)
    .where(and(eq(portOrders.id, id), scopeWhere(scope)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** Middleware: only a partner agent's session passes (after `endpoint`'s auth), before the body is read. */
export const agentOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireAgent(c.get('caller'));
  await next();
};

/** Middleware: the caller must be an agent or an operator's secret key (`orderScope`), before the body is read. */
export const scopedOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  orderScope(c.get('caller'));
  await next();
};

/** Middleware: an operator's key (`requireOperator`), before the body is read. */
export const operatorOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireOperator(c.get('caller').tenant);
  await next();
};
