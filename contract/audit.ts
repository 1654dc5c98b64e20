import { z } from 'zod';

/**
 * Who acts, in audit entries and lifecycle history: a customer through an e-mail link, an account's
 * admin or a partner agent through a session, the operator or an integrator through a secret key, or
 * the system (scheduled jobs).
 */
export const actorKinds = ['customer', 'admin', 'agent', 'operator', 'integrator', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];

/** `GET /v1/audit-events`: newest first, `limit` per page, `cursor` from the previous page. */
export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.uuid().optional(),
  })
  .strict();

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    occurredAt: z.iso.datetime(),
    actor: z.object({ kind: z.enum(actorKinds), id: z.string().nullable() }),
    account: z.uuid().nullable(),
    actingFor: z.uuid().nullable(),
    action: z.string().describe('Dotted verb, e.g. `signup.confirmed`, `login.failed`, `password.changed`'),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    ip: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });

export const auditPageSchema = z
  .object({ events: z.array(auditEventSchema), nextCursor: z.uuid().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page') })
  .meta({ id: 'AuditEventPage' });
