import { Hono } from 'hono';
import { numbersCheckSchema, numbersReportSchema } from '../../contract/port-orders.js';
import { checkNumbers } from '../domain/numbers.js';
import { agentOnly, requireAgent } from '../domain/port-order-scope.js';
import type { AppEnv } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { byUser, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

/** The number check of number porting (PRODUCT.md §3.5), for a partner agent's session. */
export const numberRoutes = new Hono<AppEnv>().post(
  '/check',
  endpoint({
    summary:
      'Check the numbers of a port order line by line: E.164, type, the range of a DDI block (`+41 44 123 45 0x` = 10 numbers), and problems per line (`invalid`, `not_this_country`, `mobile_into_fixed`, `duplicate`, `overlaps_block`, `in_open_order`, `too_many_singles`) with a message in the caller\'s language. Nothing is stored.',
    tags: ['porting'],
    auth: ['session'],
    component: ['tk-porting', 'tk-port-orders'],
    success: { status: 200, description: 'One report line per input line, in order', schema: numbersReportSchema },
    problems: [400, 413, 415, 422],
  }),
  agentOnly,
  rateLimit({ name: 'numbers.check', limit: 600, windowSeconds: 600 }, byUser),
  validate('json', numbersCheckSchema),
  async (c) => {
    const agent = requireAgent(c.get('caller'));
    const { country, lines, orderId } = c.req.valid('json');
    return c.json(await checkNumbers(c.get('deps').db, { tenantId: agent.tenantId, country, lines, orderId, locale: c.get('locale') }), 200);
  },
);
