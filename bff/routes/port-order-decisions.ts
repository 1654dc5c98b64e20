import { type Context, Hono } from 'hono';
import {
  approveSchema,
  clarifySchema,
  completeSchema,
  failSchema,
  portOrderIdParamSchema,
  portOrderSchema,
  rejectSchema,
  scheduleSchema,
} from '../../contract/port-orders.js';
import { keyActor } from '../domain/audit.js';
import { type Decision, decide } from '../domain/port-order-decisions.js';
import { operatorOnly } from '../domain/port-order-scope.js';
import { presentOrder } from '../domain/port-orders.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byCredential, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['port-orders'];


const limit = rateLimit({ name: 'port-orders.decide', limit: 600, windowSeconds: 3600 }, byCredential);

/** Runs one decision for the calling operator's key and answers with the whole order as it is now. */
async function run(c: Context<AppEnv>, id: string, decision: Decision) {
  const caller = c.get('caller');
  const { now, locale, ip, budget } = flowContext(c);
  const { db } = c.get('deps');
  await decide(db, { operator: caller.tenant, actor: keyActor(caller), now, locale, ip, budget }, id, decision);
  return c.json(await presentOrder(db, { kind: 'operator', operatorId: caller.tenant.id }, id, { now, locale }), 200);
}

const spec = (summary: string, extra: number[] = []) =>
  endpoint({
    summary,
    tags,
    auth: ['secret'],
    success: { status: 200, description: 'The order with its new status, history and the actions now allowed', schema: portOrderSchema },
    problems: [400, 404, 409, 413, 415, 422, ...extra],
  });

/**
 * The operator's decisions on port orders (secret key of an operator tenant; its own orders and its
 * resellers'). Each is one move of the order's lifecycle: an order in another state is a 409
 * `invalid_transition` naming its current status. The agent gets an e-mail, the reseller and the
 * operator a signed `port_order.status_changed` webhook.
 */
export const portOrderDecisionRoutes = new Hono<AppEnv>()
  .post(
    '/:id/approve',
    spec('Approve a submitted order (operator only); the next step is `schedule`'),
    operatorOnly,
    limit,
    validate('param', portOrderIdParamSchema),
    validate('json', approveSchema),
    (c) => run(c, c.req.valid('param').id, { action: 'approve', comment: c.req.valid('json').comment }),
  )
  .post(
    '/:id/reject',
    spec('Reject a submitted order, or one waiting for an answer (operator only), with a reason the agent reads in words and a comment quoted in their e-mail; the order is closed and its numbers are not ported'),
    operatorOnly,
    limit,
    validate('param', portOrderIdParamSchema),
    validate('json', rejectSchema),
    (c) => {
      const { reason, comment } = c.req.valid('json');
      return run(c, c.req.valid('param').id, { action: 'reject', reason, comment });
    },
  )
  .post(
    '/:id/clarify',
    spec('Ask the agent a question about a submitted order (operator only): the comment goes to the agent verbatim; they change the order and submit it again'),
    operatorOnly,
    limit,
    validate('param', portOrderIdParamSchema),
    validate('json', clarifySchema),
    (c) => run(c, c.req.valid('param').id, { action: 'clarify', comment: c.req.valid('json').comment }),
  )
  .post(
    '/:id/schedule',
    spec('Confirm the porting date and time of an approved order (operator only): a Swiss working day, not in the past, 08:00–17:00 Europe/Zurich; `scheduledAt` is that time in UTC'),
    operatorOnly,
    limit,
    validate('param', portOrderIdParamSchema),
    validate('json', scheduleSchema),
    (c) => {
      const { date, time } = c.req.valid('json');
      return run(c, c.req.valid('param').id, { action: 'schedule', date, time });
    },
  )
  .post(
    '/:id/complete',
    spec('Record a scheduled order as ported (operator only): its numbers are ported, the temporary numbers go back to the pool'),
    operatorOnly,
    limit,
    validate('param', portOrderIdParamSchema),
    validate('json', completeSchema),
    (c) => run(c, c.req.valid('param').id, { action: 'complete', comment: c.req.valid('json').comment }),
  )
  .post(
    '/:id/fail',
    spec('Record that the port of a scheduled order failed (operator only), with a reason; the order is closed'),
    operatorOnly,
    limit,
    validate('param', portOrderIdParamSchema),
    validate('json', failSchema),
    (c) => {
      const { reason, comment } = c.req.valid('json');
      return run(c, c.req.valid('param').id, { action: 'fail', reason, comment });
    },
  );
