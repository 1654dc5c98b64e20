import { Hono, type Context } from 'hono';
import {
  subUserCancellationSchema,
  subUserCancelSchema,
  subUserCreateSchema,
  subUserIdParamSchema,
  subUserListSchema,
  subUserResendSchema,
  subUserSchema,
  subUserUpdatedSchema,
  subUserUpdateSchema,
} from '../../contract/sub-users.js';
import {
  cancelSubUser,
  createSubUser,
  listSubUsers,
  resendSubUser,
  type SubUserFlow,
  updateSubUser,
  withdrawCancellation,
} from '../domain/sub-users.js';
import { actingScope } from '../domain/locations.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byCredential, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['sub-users'];
const access = { auth: ['session' as const], component: 'tk-sub-users' as const };

/**
 * Everything a co-user flow needs from the request: the admin, the account it acts on, the clock, the
 * budget. The account comes from `actingScope`: the admin's own, or the sub-account an acting session
 * works on (then every audit entry names the main account as `actingFor`).
 */
async function flow(c: Context<AppEnv>): Promise<SubUserFlow> {
  const { tenant, user, session } = c.get('caller');
  const { env, db } = c.get('deps');
  const { admin, accountId, actingFor } = await actingScope(db, { user, session });
  const { now, ip, locale, budget } = flowContext(c);
  return { tenant, admin, accountId, actingFor, publicUrl: env.publicUrl, now, ip, locale, budget };
}

/**
 * Co-users of a business account ("Mitbenutzer", PRODUCT.md §3.3), for its `account_admin` only: a
 * co-user's own session, a partner agent and any key get 403. Every change is audited and fires a
 * signed webhook (`sub_user.*`); every e-mail goes through the messaging budget.
 */
export const subUserRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({ summary: "The account's co-users, every status, sorted by last and first name", tags, ...access, success: { status: 200, description: 'Co-users', schema: subUserListSchema } }),
    async (c) => {
      const f = await flow(c);
      return c.json({ subUsers: await listSubUsers(c.get('deps').db, f) }, 200);
    },
  )
  .post(
    '/',
    endpoint({
      summary: 'Add a co-user ("Zahlungspflichtigen Vertrag schließen"): stored as pending_confirmation; the co-user gets a confirmation link valid 7 days',
      tags,
      ...access,
      idempotent: true,
      success: { status: 201, description: 'Added; the confirmation e-mail is on its way', schema: subUserSchema },
      problems: [400, 409, 413, 415, 422],
    }),
    idempotent({ rule: { name: 'sub-users.create', limit: 30, windowSeconds: 3600 }, by: byCredential }),
    validate('json', subUserCreateSchema),
    async (c) => {
      const f = await flow(c);
      const input = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => createSubUser(tx, { ...f, input })), 201);
    },
  )
  .patch(
    '/:id',
    endpoint({
      summary: 'Change the invoice note (from the next invoice), the tariff (from the 1st of next month) or, before confirmation, the e-mail address (restarts the opt-in)',
      tags,
      ...access,
      success: { status: 200, description: 'Changed, with the dates each change takes effect', schema: subUserUpdatedSchema },
      problems: [400, 404, 409, 415, 422],
    }),
    rateLimit({ name: 'sub-users.update', limit: 60, windowSeconds: 3600 }, byCredential),
    validate('param', subUserIdParamSchema),
    validate('json', subUserUpdateSchema),
    async (c) => {
      const f = await flow(c);
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => updateSubUser(tx, { ...f, id, change })), 200);
    },
  )
  .post(
    '/:id/resend',
    endpoint({
      summary: 'Send the confirmation e-mail again (pending or expired co-users); older links stop working. At most 3 an hour per co-user',
      tags,
      ...access,
      success: {
        status: 200,
        description: 'Sent; `retryAfter` seconds until the next one. Too soon (one a minute) or a fourth within the hour: 429 with `Retry-After`, and `detail` says from when',
        schema: subUserResendSchema,
      },
      problems: [404, 409],
    }),
    rateLimit({ name: 'sub-users.resend-any', limit: 60, windowSeconds: 3600 }, byCredential),
    validate('param', subUserIdParamSchema),
    async (c) => {
      const f = await flow(c);
      const { id } = c.req.valid('param');
      return c.json(await c.get('deps').db.transaction((tx) => resendSubUser(tx, { ...f, id })), 200);
    },
  )
  .post(
    '/:id/cancel',
    endpoint({
      summary: 'Cancel a co-user ("Jetzt kündigen"): from the earliest end date or a later one; a confirmation e-mail with the time of receipt and the end date goes to the admin',
      tags,
      ...access,
      idempotent: true,
      success: { status: 200, description: 'The cancellation receipt', schema: subUserCancellationSchema },
      problems: [400, 404, 409, 415, 422],
    }),
    idempotent({ rule: { name: 'sub-users.cancel', limit: 60, windowSeconds: 3600 }, by: byCredential }),
    validate('param', subUserIdParamSchema),
    validate('json', subUserCancelSchema),
    async (c) => {
      const f = await flow(c);
      const { id } = c.req.valid('param');
      const { endDate } = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => cancelSubUser(tx, { ...f, id, endDate })), 200);
    },
  )
  .post(
    '/:id/withdraw-cancellation',
    endpoint({
      summary: 'Withdraw a scheduled cancellation ("Kündigung zurücknehmen") before its end date: the co-user is active again',
      tags,
      ...access,
      success: { status: 200, description: 'Active again; after the end date (or when nothing is scheduled) 409 invalid_transition', schema: subUserSchema },
      problems: [404, 409],
    }),
    rateLimit({ name: 'sub-users.withdraw', limit: 60, windowSeconds: 3600 }, byCredential),
    validate('param', subUserIdParamSchema),
    async (c) => {
      const f = await flow(c);
      const { id } = c.req.valid('param');
      return c.json(await c.get('deps').db.transaction((tx) => withdrawCancellation(tx, { ...f, id })), 200);
    },
  );
