import { Hono, type Context } from 'hono';
import {
  cancelSchema,
  portingOptionsSchema,
  portOrderDraftSchema,
  portOrderIdParamSchema,
  portOrderListQuerySchema,
  portOrderListSchema,
  portOrderSchema,
} from '../../contract/port-orders.js';
import { rejectReasons } from '../../contract/porting.js';
import { type AgentFlow, cancelOrder, createDraft, listOrders, portingOptions, presentOrder, submitOrder, updateDraft } from '../domain/port-orders.js';
import { agentOnly, orderScope, requireAgent, scopedOnly } from '../domain/port-order-scope.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byUser, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['porting'];
const component = ['tk-porting', 'tk-port-orders'] as const;
const agentAccess = { auth: ['session' as const], component };
/** The agent's session, or the operator's secret key (`orderScope`): the same views, scoped. */
const viewAccess = { auth: ['session' as const, 'secret' as const], component };

function agentFlow(c: Context<AppEnv>): AgentFlow {
  const agent = requireAgent(c.get('caller'));
  const { now, ip, locale, secret } = flowContext(c);
  return { agent, now, ip, locale, secret };
}

/**
 * Port orders (PRODUCT.md §3.5, §7): the partner agent's drafts, saved step by step, submitted and
 * cancelled; the views for the agent (its reseller's orders) and the operator (secret key: its resellers'
 * submitted orders). The operator's decisions and the documents are in `port-order-decisions.ts` and
 * `port-order-documents.ts`, on the same base path.
 */
export const portOrderRoutes = new Hono<AppEnv>()
  .get(
    '/options',
    endpoint({
      summary: "What the porting wizard offers: the reseller's PBX products, licence prices, VAT, today (Europe/Zurich) and the earliest porting date (7 Swiss working days ahead)",
      tags,
      ...agentAccess,
      success: { status: 200, description: 'Options', schema: portingOptionsSchema },
    }),
    agentOnly,
    async (c) => {
      const f = agentFlow(c);
      return c.json(await portingOptions(c.get('deps').db, f.agent.tenantId, f.now), 200);
    },
  )
  .post(
    '/',
    endpoint({
      summary:
        'Start a draft (`PO-` reference) with any sections; `complete` names a step to check whole (`customer`, `subscription`, `numbers`, `workplaces`). Passwords are sealed (AES-256-GCM) and never returned.',
      tags,
      ...agentAccess,
      idempotent: true,
      success: { status: 201, description: 'The draft', schema: portOrderSchema },
      problems: [400, 409, 413, 415, 422],
    }),
    agentOnly,
    idempotent({ rule: { name: 'port-orders.create', limit: 120, windowSeconds: 3600 }, by: byUser }),
    validate('json', portOrderDraftSchema),
    async (c) => {
      const f = agentFlow(c);
      const input = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => createDraft(tx, f, input)), 201);
    },
  )
  .get(
    '/',
    endpoint({
      summary:
        "Port orders, newest first, with a keyset cursor; `status` filters, `q` searches reference, customer and numbers. A partner agent sees every order of its reseller; an operator's secret key its resellers' (and its own) orders except drafts, each with its `tenant`; a reseller's secret key: 403 `operator_only`.",
      tags,
      ...viewAccess,
      success: { status: 200, description: 'Orders', schema: portOrderListSchema },
      problems: [422],
    }),
    scopedOnly,
    validate('query', portOrderListQuerySchema),
    async (c) => {
      const scope = orderScope(c.get('caller'));
      return c.json(await listOrders(c.get('deps').db, scope, c.req.valid('query'), c.get('locale')), 200);
    },
  )
  .get(
    '/:id',
    endpoint({
      summary: `One port order with everything: numbers with status and temporary number, workplaces (\`passwordSet\` only), price preview with the pro-rata first month, history with reasons in words (reject reasons: ${rejectReasons.map((r) => `\`${r}\``).join(', ')}), documents (metadata), the \`actions\` allowed now, and the status in words`,
      tags,
      ...viewAccess,
      success: { status: 200, description: 'The order', schema: portOrderSchema },
      problems: [404, 422],
    }),
    scopedOnly,
    validate('param', portOrderIdParamSchema),
    async (c) => {
      const scope = orderScope(c.get('caller'));
      const { now, locale } = flowContext(c);
      return c.json(await presentOrder(c.get('deps').db, scope, c.req.valid('param').id, { now, locale }), 200);
    },
  )
  .patch(
    '/:id',
    endpoint({
      summary:
        'Save sections of a draft (or of an order in `clarification_needed`); each section replaces what it names; `complete` checks that step whole and raises `step` (`complete: "numbers"` also runs the number check: a flagged line is a 422 `numbers_flagged` with a field error at `numbers.lines` and the `report`; saving without `complete` keeps flagged lines). Otherwise 409 `invalid_transition` with `currentStatus`.',
      tags,
      ...agentAccess,
      success: { status: 200, description: 'The saved order', schema: portOrderSchema },
      problems: [400, 404, 409, 413, 415, 422],
    }),
    agentOnly,
    rateLimit({ name: 'port-orders.update', limit: 600, windowSeconds: 3600 }, byUser),
    validate('param', portOrderIdParamSchema),
    validate('json', portOrderDraftSchema),
    async (c) => {
      const f = agentFlow(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => updateDraft(tx, f, id, input)), 200);
    },
  )
  .post(
    '/:id/submit',
    endpoint({
      summary:
        'Submit: the numbers checked with the database and every step checked again (the calendar against today); anything wrong is ONE 422 with every field error, nothing stored — `numbers_flagged` when a line is flagged (then also a field error at `numbers.lines` and the check\'s `report` in the problem), else `validation_failed`. Then one temporary number per ported number or block (none free: 409 `temporary_pool_empty`). From `draft` or `clarification_needed`, else 409 `invalid_transition`.',
      tags,
      ...agentAccess,
      idempotent: true,
      success: { status: 200, description: 'The submitted order', schema: portOrderSchema },
      problems: [400, 404, 409, 422],
    }),
    agentOnly,
    idempotent({ rule: { name: 'port-orders.submit', limit: 120, windowSeconds: 3600 }, by: byUser }),
    validate('param', portOrderIdParamSchema),
    async (c) => {
      const f = agentFlow(c);
      const { id } = c.req.valid('param');
      return c.json(await c.get('deps').db.transaction((tx) => submitOrder(tx, f, id)), 200);
    },
  )
  .post(
    '/:id/cancel',
    endpoint({
      summary:
        'Cancel an order not yet over; refused within 48 hours of the scheduled porting (409 `cancel_too_late`, `detail` names the date and time) and for an order that is over (409 `invalid_transition`). Its numbers become `cancelled`.',
      tags,
      ...agentAccess,
      idempotent: true,
      success: { status: 200, description: 'The cancelled order', schema: portOrderSchema },
      problems: [400, 404, 409, 413, 415, 422],
    }),
    agentOnly,
    idempotent({ rule: { name: 'port-orders.cancel', limit: 120, windowSeconds: 3600 }, by: byUser }),
    validate('param', portOrderIdParamSchema),
    validate('json', cancelSchema),
    async (c) => {
      const f = agentFlow(c);
      const { id } = c.req.valid('param');
      const { comment } = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => cancelOrder(tx, f, id, comment)), 200);
    },
  );
