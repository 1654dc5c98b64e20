// Who may see which customers and port orders: the one place that says it (PRODUCT.md §3.5, §7).
import type { MiddlewareHandler } from 'hono';
import type { User } from '../db/schema/index.js';
import type { AppEnv, Caller } from '../lib/context.js';
import { ApiError } from '../lib/errors.js';

/** The partner agent behind a session; any other role (an account admin, a co-user) or a key: 403. */
export function requireAgent(caller: Caller): User {
  const user = caller.user;
  if (!caller.session || !user || user.role !== 'partner_agent' || user.tenantId !== caller.tenant.id) throw new ApiError(403, 'forbidden');
  return user;
}

/**
 * Which port orders a caller sees:
 * - a partner agent: every order of its tenant (the reseller) — colleagues take over each other's orders;
 * - an operator tenant's secret key: the orders of its reseller tenants (`parentId` = the operator) and its
 *   own, never drafts (a draft is the agent's until submitted);
 * - a reseller's secret key: 403 `operator_only`; anything else: 403.
 */
export type OrderScope = { kind: 'agent'; tenantId: string; agent: User } | { kind: 'operator'; operatorId: string };

export function orderScope(caller: Caller): OrderScope {
  if (caller.session) return { kind: 'agent', tenantId: caller.tenant.id, agent: requireAgent(caller) };
  if (caller.credential.kind === 'secret') {
    if (caller.tenant.kind !== 'operator' || caller.tenant.parentId) throw new ApiError(403, 'operator_only');
    return { kind: 'operator', operatorId: caller.tenant.id };
  }
  throw new ApiError(403, 'forbidden');
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
