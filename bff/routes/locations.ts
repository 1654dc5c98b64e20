import { Hono, type Context } from 'hono';
import {
  accountIdParamSchema,
  linkConfirmSchema,
  linkRequestIdParamSchema,
  linkRequestIssuedSchema,
  linkRequestSchema,
  locationIntentIssuedSchema,
  locationIntentSchema,
  locationListSchema,
  locationSchema,
  locationUpdateSchema,
  unlinkedSchema,
} from '../../contract/locations.js';
import { sessionIssuedSchema } from '../../contract/portal.js';
import {
  actingScope,
  confirmLink,
  listLocations,
  type LocationFlow,
  mintLocationIntent,
  requestLink,
  resendLinkCode,
  returnToMain,
  setCollectiveInvoice,
  switchInto,
  unlink,
} from '../domain/locations.js';
import { type AppEnv, flowContext } from '../lib/context.js';
import { idempotent } from '../lib/idempotency.js';
import { endpoint } from '../lib/openapi.js';
import { byUser, rateLimit } from '../lib/rate-limit.js';
import { validate } from '../lib/validate.js';

const tags = ['locations'];
const access = { auth: ['session' as const], component: 'tk-locations' as const };

/** Everything a locations flow needs from the request; the account it works on comes from `actingScope`. */
async function flow(c: Context<AppEnv>): Promise<LocationFlow> {
  const { tenant, user, session } = c.get('caller');
  const { env, db } = c.get('deps');
  const { admin, accountId, actingFor } = await actingScope(db, { user, session });
  const { now, ip, locale, budget, secret, otpHost } = flowContext(c);
  return { tenant, admin, session: session!, accountId, actingFor, publicUrl: env.publicUrl, now, ip, locale, budget, secret, otpHost };
}

/**
 * Locations ("Standortverwaltung", PRODUCT.md §3.4) for the `account_admin` of a business account: the
 * main account and its sub-accounts, linking with the other admin's code, a new location ordered through
 * `tk-signup`, the collective invoice, unlinking, and acting on a sub-account without a second login.
 */
export const locationRoutes = new Hono<AppEnv>()
  .get(
    '/',
    endpoint({
      summary: 'The main account first, then its sub-accounts; a sub-account (its own admin, or a main admin acting on it) sees only itself',
      tags,
      ...access,
      success: { status: 200, description: 'Locations', schema: locationListSchema },
    }),
    async (c) => c.json(await listLocations(c.get('deps').db, await flow(c)), 200),
  )
  .post(
    '/link-requests',
    endpoint({
      summary: "Link an existing business account by its customer number: a 6-digit code goes to that account's admin (SMS and e-mail), valid 24 hours",
      tags,
      ...access,
      idempotent: true,
      success: { status: 202, description: 'The code is on its way; enter it at `/link-requests/{id}/confirm`', schema: linkRequestIssuedSchema },
      problems: [400, 409, 413, 415, 422],
    }),
    idempotent({ rule: { name: 'locations.link-request', limit: 20, windowSeconds: 3600 }, by: byUser }),
    validate('json', linkRequestSchema),
    async (c) => {
      const f = await flow(c);
      const input = c.req.valid('json');
      return c.json(await requestLink(c.get('deps').db, { ...f, ...input }), 202);
    },
  )
  .post(
    '/link-requests/:id/confirm',
    endpoint({
      summary: "Enter the other admin's code (single use, at most 5 wrong entries): the account is linked as a sub-account",
      tags,
      ...access,
      success: { status: 200, description: 'Linked', schema: locationSchema },
      problems: [400, 404, 409, 410, 415, 422],
    }),
    rateLimit({ name: 'locations.confirm', limit: 30, windowSeconds: 600 }, byUser),
    validate('param', linkRequestIdParamSchema),
    validate('json', linkConfirmSchema),
    async (c) => {
      const f = await flow(c);
      const { id } = c.req.valid('param');
      const { pin } = c.req.valid('json');
      return c.json(await confirmLink(c.get('deps').db, { ...f, challengeId: id, pin }), 200);
    },
  )
  .post(
    '/link-requests/:id/resend',
    endpoint({
      summary: 'Send a new code; the previous one stops working',
      tags,
      ...access,
      success: { status: 202, description: 'A new code is on its way; use the new challenge id', schema: linkRequestIssuedSchema },
      problems: [404, 410],
    }),
    rateLimit({ name: 'locations.resend', limit: 20, windowSeconds: 3600 }, byUser),
    validate('param', linkRequestIdParamSchema),
    async (c) => {
      const f = await flow(c);
      const { id } = c.req.valid('param');
      return c.json(await c.get('deps').db.transaction((tx) => resendLinkCode(tx, { ...f, challengeId: id })), 202);
    },
  )
  .post(
    '/intents',
    endpoint({
      summary: "Order a new location: a single-use intent (24 hours) for `tk-signup`, and the main account's company data to prefill; the confirmed signup's account is linked",
      tags,
      ...access,
      success: { status: 201, description: 'The intent and the prefill', schema: locationIntentIssuedSchema },
      problems: [400, 409, 415, 422],
    }),
    rateLimit({ name: 'locations.intent', limit: 20, windowSeconds: 3600 }, byUser),
    validate('json', locationIntentSchema),
    async (c) => {
      const f = await flow(c);
      const { collectiveInvoice } = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => mintLocationIntent(tx, { ...f, collectiveInvoice })), 201);
    },
  )
  .post(
    '/return',
    endpoint({
      summary: '"Zurück zum Hauptaccount": ends the acting session and issues a session for the main account',
      tags,
      ...access,
      success: { status: 201, description: "A session for the main account's admin", schema: sessionIssuedSchema },
      problems: [409],
    }),
    rateLimit({ name: 'locations.return', limit: 60, windowSeconds: 3600 }, byUser),
    async (c) => {
      const f = await flow(c);
      return c.json(await c.get('deps').db.transaction((tx) => returnToMain(tx, f)), 201);
    },
  )
  .patch(
    '/:accountId',
    endpoint({
      summary: 'Collective invoice on or off for a sub-account, from the 1st of next month',
      tags,
      ...access,
      success: { status: 200, description: 'Changed, with the date it takes effect', schema: locationSchema },
      problems: [400, 404, 415, 422],
    }),
    rateLimit({ name: 'locations.update', limit: 60, windowSeconds: 3600 }, byUser),
    validate('param', accountIdParamSchema),
    validate('json', locationUpdateSchema),
    async (c) => {
      const f = await flow(c);
      const { accountId } = c.req.valid('param');
      const { collectiveInvoice } = c.req.valid('json');
      return c.json(await c.get('deps').db.transaction((tx) => setCollectiveInvoice(tx, { ...f, subAccountId: accountId, collectiveInvoice })), 200);
    },
  )
  .delete(
    '/:accountId',
    endpoint({
      summary: 'Unlink a sub-account: it leaves the collective invoice at the end of the current period; the history is kept',
      tags,
      ...access,
      success: { status: 200, description: 'Unlinked', schema: unlinkedSchema },
      problems: [404],
    }),
    rateLimit({ name: 'locations.unlink', limit: 60, windowSeconds: 3600 }, byUser),
    validate('param', accountIdParamSchema),
    async (c) => {
      const f = await flow(c);
      const { accountId } = c.req.valid('param');
      return c.json(await c.get('deps').db.transaction((tx) => unlink(tx, { ...f, subAccountId: accountId })), 200);
    },
  )
  .post(
    '/:accountId/switch',
    endpoint({
      summary: '"Zu diesem Standort wechseln": a session scoped to one of your sub-accounts that records you as the acting admin; this session ends',
      tags,
      ...access,
      success: { status: 201, description: 'A session acting on the sub-account', schema: sessionIssuedSchema },
      problems: [404, 409],
    }),
    rateLimit({ name: 'locations.switch', limit: 60, windowSeconds: 3600 }, byUser),
    validate('param', accountIdParamSchema),
    async (c) => {
      const f = await flow(c);
      const { accountId } = c.req.valid('param');
      return c.json(await c.get('deps').db.transaction((tx) => switchInto(tx, { ...f, subAccountId: accountId })), 201);
    },
  );
