import { Hono } from 'hono';
import { auditPageSchema, auditQuerySchema } from '../../contract/audit.js';
import { listAuditEvents } from '../domain/audit.js';
import type { AppEnv } from '../lib/context.js';
import { endpoint } from '../lib/openapi.js';
import { validate } from '../lib/validate.js';

/** Who did what: an account's admin reads its account's entries; a secret key its tenant's (the operator's also its resellers'). */
export const auditEventRoutes = new Hono<AppEnv>().get(
  '/',
  endpoint({
    summary: 'Audit log, newest first: logins, password and profile changes, PIN locks, revoked sessions, keys and origins changed, signups confirmed',
    tags: ['audit'],
    auth: ['session', 'secret'],
    success: { status: 200, description: 'One page of entries; `nextCursor` fetches the next', schema: auditPageSchema },
    problems: [422],
  }),
  validate('query', auditQuerySchema),
  async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await listAuditEvents(c.get('deps').db, c.get('caller'), c.req.valid('query')), 200);
  },
);
