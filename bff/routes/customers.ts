import { Hono } from 'hono';
import { customerCreateSchema, customerListQuerySchema, customerListSchema, customerSchema, portOrderIdParamSchema } from '../../contract/port-orders.js';
import { createCustomer, getCustomer, listCustomers, presentCustomer } from '../domain/customers.js';
import { agentOnly, requireAgent } from '../domain/port-order-scope.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byUser } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['porting'];
const access = { auth: ['session' as const], component: ['tk-porting', 'tk-port-orders'] as const };

/** A reseller's business customers, for its partner agents (PRODUCT.md §3.5 step 1). */
export const customerRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: "The reseller's customers, newest first (at most 200); `q` searches the company name. Every partner agent of the reseller sees all of them.",
      tags,
      ...access,
      success: { status: 200, description: 'Customers', schema: customerListSchema },
      problems: [422],
    }),
    agentOnly,
    validate('query', customerListQuerySchema),
    async (c) => {
      const agent = requireAgent(c.get('caller'));
      return c.json({ items: await listCustomers(c.get('deps').db, agent.tenantId, c.req.valid('query').q || undefined) }, 200);
    },
  )
  .post(
    '/',
    endpoint({
      summary: 'Add a customer: the phone in any notation is stored as E.164 of the country (`phone_invalid`), the UID checked by its check digit and stored as `CHE-123.456.789`',
      tags,
      ...access,
      idempotent: true,
      success: { status: 201, description: 'The new customer', schema: customerSchema },
      problems: [400, 409, 413, 415, 422],
    }),
    agentOnly,
    idempotent({ rule: { name: 'customers.create', limit: 120, windowSeconds: 3600 }, by: byUser }),
    validate('json', customerCreateSchema),
    async (c) => {
      const agent = requireAgent(c.get('caller'));
      const { now, ip } = flowContext(c);
      const input = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => createCustomer(tx, { agent, input, now, ip })), 201);
    },
  )
  .get(
    '/:id',
    endpoint({
      summary: "One of the reseller's customers",
      tags,
      ...access,
      success: { status: 200, description: 'The customer', schema: customerSchema },
      problems: [404, 422],
    }),
    agentOnly,
    validate('param', portOrderIdParamSchema),
    async (c) => {
      const agent = requireAgent(c.get('caller'));
      return c.json(presentCustomer(await getCustomer(c.get('deps').db, agent.tenantId, c.req.valid('param').id)), 200);
    },
  );
